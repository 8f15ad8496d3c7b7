import './email.processor';
import { invoiceQueue } from '../queues';
import { InvoiceProcessor } from './invoice.processor';
import { logger } from '../logger';

const invoiceProcessor = new InvoiceProcessor();

invoiceQueue.process(2, (job) => invoiceProcessor.run(job));

logger.info('Workers registered', { queues: ['email', 'invoices'] });
