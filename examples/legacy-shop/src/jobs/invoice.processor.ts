import { BaseProcessor } from './BaseProcessor';
import type { InvoiceJob } from '@shop/queues';
import { paymentsService } from '../payments/payments.service';
import { logger } from '../logger';

export class InvoiceProcessor extends BaseProcessor<InvoiceJob> {
  protected readonly name = 'invoices';

  protected async handle(data: InvoiceJob): Promise<void> {
    if (data.kind === 'reconcile') {
      const fixed = await paymentsService.reconcilePending();
      logger.info('Reconciled pending payments', { fixed });
      return;
    }
    await paymentsService.issueInvoice(data.paymentId);
  }
}
