import Queue from 'bull';
import Redis from 'ioredis';
import { config } from '../config';

export interface EmailJob {
  template: string;
  to: string;
  userId?: string;
  data: Record<string, unknown>;
}

export type InvoiceJob = { kind: 'invoice'; paymentId: string } | { kind: 'reconcile' };

// Share the client and subscriber connections between queues (Bull docs, "Reusing Redis connections").
const redisOptions = { maxRetriesPerRequest: null, enableReadyCheck: false };
const client = new Redis(config.redisUrl, redisOptions);
const subscriber = new Redis(config.redisUrl, redisOptions);

const sharedOptions: Queue.QueueOptions = {
  createClient(type) {
    if (type === 'client') return client;
    if (type === 'subscriber') return subscriber;
    return new Redis(config.redisUrl, redisOptions);
  },
  defaultJobOptions: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 10_000 },
    removeOnComplete: 1000,
  },
};

export const emailQueue = new Queue<EmailJob>('email', sharedOptions);

export const invoiceQueue = new Queue<InvoiceJob>('invoices', sharedOptions);
