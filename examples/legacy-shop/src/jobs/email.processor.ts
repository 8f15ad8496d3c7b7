import { emailQueue } from '@shop/queues';
import { renderTemplate } from '../notifications/templates';
import { sendMail } from '../notifications/mailer';
import { notificationsService } from '../notifications/notifications.service';
import { logger } from '../logger';

emailQueue.process(5, async (job) => {
  const { template, to, userId, data } = job.data;
  const { subject, html } = renderTemplate(template, data);
  await sendMail({ to, subject, html });
  if (userId) {
    await notificationsService.markSent(userId, template);
  }
});

emailQueue.on('failed', (job, err) => {
  logger.warn('Email job failed', { jobId: String(job.id), template: job.data.template, error: err.message });
});
