import { IsNull } from 'typeorm';
import { AppDataSource, Notification } from '@shop/db';
import { emailQueue } from '../queues';

const notifications = () => AppDataSource.getRepository(Notification);

export class NotificationsService {
  async notify(user: { id: string; email: string }, template: string, payload: Record<string, unknown>): Promise<void> {
    await notifications().save(
      notifications().create({ user: { id: user.id }, channel: 'email', template, payload }),
    );
    await emailQueue.add({ template, to: user.email, userId: user.id, data: payload });
  }

  async markSent(userId: string, template: string): Promise<void> {
    await notifications().update(
      { user: { id: userId }, template, sentAt: IsNull() },
      { sentAt: new Date() },
    );
  }

  async listForUser(userId: string): Promise<Notification[]> {
    return notifications().find({ where: { user: { id: userId } }, order: { createdAt: 'DESC' }, take: 50 });
  }
}

export const notificationsService = new NotificationsService();
