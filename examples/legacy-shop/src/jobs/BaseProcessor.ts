import { Job } from 'bull';
import { logger } from '../logger';

/** Every Bull processor extends this: logging, progress and failure notes in one place. */
export abstract class BaseProcessor<T> {
  protected abstract readonly name: string;

  protected abstract handle(data: T, job: Job<T>): Promise<void>;

  async run(job: Job<T>): Promise<void> {
    const started = Date.now();
    logger.info(`${this.name}: job started`, { jobId: String(job.id), attempt: job.attemptsMade + 1 });
    try {
      await this.handle(job.data, job);
      await job.progress(100);
      logger.info(`${this.name}: job done`, { jobId: String(job.id), ms: Date.now() - started });
    } catch (err) {
      await job.log(`failed after ${Date.now() - started} ms: ${String(err)}`);
      throw err;
    }
  }
}
