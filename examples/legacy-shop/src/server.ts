import 'reflect-metadata';
import { AppDataSource } from '@shop/db';
import { config } from '@shop/config';
import { createApp } from './app';
import { logger } from './logger';
import { scheduleRepeatableJobs } from './queues/schedule';

async function main(): Promise<void> {
  await AppDataSource.initialize();
  logger.info('Database connected');

  if (config.runWorkers) {
    await import('./jobs/index.js');
    await scheduleRepeatableJobs();
  }

  const app = createApp();
  app.listen(config.port, () => logger.info('HTTP server listening', { port: config.port }));
}

main().catch((err) => {
  logger.error('Fatal startup error', { error: String(err?.stack ?? err) });
  process.exit(1);
});
