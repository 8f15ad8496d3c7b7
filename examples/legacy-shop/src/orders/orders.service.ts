import { AppDataSource, Order, OrderItem, Product } from '@shop/db';
import { emailQueue } from '@shop/queues';
import { HttpError } from '@shop/shared/errors';
import { priceOrder } from './pricing.service';
import { paymentsService } from '../payments/payments.service';
import type { Payment } from '../payments/Payment.entity';

const orders = () => AppDataSource.getRepository(Order);
const orderItems = () => AppDataSource.getRepository(OrderItem);

export class OrdersService {
  async listForCustomer(customerId: string, page = 1): Promise<Order[]> {
    return orders().find({
      where: { customer: { id: customerId } },
      order: { createdAt: 'DESC' },
      skip: (page - 1) * 20,
      take: 20,
    });
  }

  async getForCustomer(orderId: number, customerId: string): Promise<Order> {
    const order = await orders().findOne({
      where: { id: orderId, customer: { id: customerId } },
      relations: { customer: true },
    });
    if (!order) {
      throw HttpError.notFound('Order');
    }
    return order;
  }

  async createDraft(customerId: string): Promise<Order> {
    return orders().save(orders().create({ customer: { id: customerId }, status: 'draft' }));
  }

  async listItems(orderId: number): Promise<OrderItem[]> {
    return orderItems().find({ where: { order: { id: orderId } } });
  }

  async addItem(orderId: number, customerId: string, productId: number, quantity: number): Promise<OrderItem> {
    const order = await this.getForCustomer(orderId, customerId);
    if (order.status !== 'draft') {
      throw HttpError.badRequest('Order is no longer editable');
    }
    const product = await AppDataSource.getRepository(Product).findOneByOrFail({ id: productId, active: true });
    return orderItems().save(
      orderItems().create({ order, product, quantity, unitPriceCents: product.priceCents }),
    );
  }

  async removeItem(orderId: number, customerId: string, itemId: number): Promise<void> {
    await this.getForCustomer(orderId, customerId);
    await orderItems().delete({ id: itemId, order: { id: orderId } });
  }

  async checkout(orderId: number, customerId: string): Promise<{ order: Order; payment: Payment }> {
    const order = await this.getForCustomer(orderId, customerId);
    const lines = await this.listItems(orderId);
    const totals = priceOrder(lines, order.currency);

    await AppDataSource.transaction(async (manager) => {
      order.totalCents = totals.totalCents;
      order.status = 'placed';
      order.placedAt = new Date();
      await manager.save(order);
      for (const line of lines) {
        await manager.decrement(Product, { id: line.product.id }, 'stock', line.quantity);
      }
    });

    const payment = await paymentsService.startPayment(order);
    await emailQueue.add({
      template: 'order-confirmation',
      to: order.customer.email,
      userId: order.customer.id,
      data: { orderId: order.id, total: totals.totalCents, currency: order.currency },
    });
    return { order, payment };
  }

  async markPaid(orderId: number): Promise<void> {
    await orders().update({ id: orderId }, { status: 'paid' });
  }

  async markRefunded(orderId: number): Promise<void> {
    await orders().update({ id: orderId }, { status: 'refunded' });
  }
}

export const ordersService = new OrdersService();
