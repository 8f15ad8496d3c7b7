import { invoiceQueue } from './index';
import { logger } from '../logger';

export async function scheduleRepeatableJobs(): Promise<void> {
  // Nightly reconciliation of payments stuck in "pending".
  await invoiceQueue.add(
    { kind: 'reconcile' },
    { repeat: { cron: '0 3 * * *', tz: 'Europe/Berlin' }, jobId: 'nightly-reconcile' },
  );
  logger.info('Repeatable jobs scheduled');
}
