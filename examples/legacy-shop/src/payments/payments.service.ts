import { AppDataSource } from '../db/dataSource';
import { Payment } from './Payment.entity';
import type { Order } from '../orders/Order.entity';
import { invoiceQueue } from '../queues';
import { ordersService } from '../orders/orders.service';
import { stripeGateway } from './stripeGateway';
import { HttpError } from '../shared/errors';

const payments = () => AppDataSource.getRepository(Payment);

export class PaymentsService {
  async startPayment(order: Order): Promise<Payment> {
    const intent = await stripeGateway.createIntent(order.totalCents, order.currency, String(order.id));
    return payments().save(
      payments().create({
        order: { id: order.id },
        providerRef: intent.id,
        amountCents: order.totalCents,
        currency: order.currency,
      }),
    );
  }

  async getById(id: string): Promise<Payment> {
    const payment = await payments().findOne({ where: { id }, relations: { order: true } });
    if (!payment) {
      throw HttpError.notFound('Payment');
    }
    return payment;
  }

  async handleProviderEvent(providerRef: string, status: 'succeeded' | 'failed'): Promise<void> {
    const payment = await payments().findOne({ where: { providerRef }, relations: { order: true } });
    if (!payment || payment.status !== 'pending') return;
    payment.status = status;
    await payments().save(payment);
    if (status === 'succeeded') {
      await ordersService.markPaid(payment.order.id);
      await invoiceQueue.add({ kind: 'invoice', paymentId: payment.id });
    }
  }

  async refund(id: string): Promise<Payment> {
    const payment = await this.getById(id);
    if (payment.status !== 'succeeded' || !payment.providerRef) {
      throw HttpError.badRequest('Only succeeded payments can be refunded');
    }
    await stripeGateway.refund(payment.providerRef);
    payment.status = 'refunded';
    await payments().save(payment);
    await ordersService.markRefunded(payment.order.id);
    return payment;
  }

  async issueInvoice(paymentId: string): Promise<void> {
    const payment = await this.getById(paymentId);
    // Invoice numbering lives in the accounting system; we only record the hand-off.
    await AppDataSource.query('INSERT INTO invoice_requests (payment_id, requested_at) VALUES ($1, now())', [
      payment.id,
    ]);
  }

  async reconcilePending(): Promise<number> {
    const pending = await payments().find({ where: { status: 'pending' }, take: 500 });
    let fixed = 0;
    for (const payment of pending) {
      if (!payment.providerRef) continue;
      const { status } = await stripeGateway.retrieveStatus(payment.providerRef);
      if (status === 'succeeded' || status === 'canceled') {
        await this.handleProviderEvent(payment.providerRef, status === 'succeeded' ? 'succeeded' : 'failed');
        fixed++;
      }
    }
    return fixed;
  }
}

export const paymentsService = new PaymentsService();
