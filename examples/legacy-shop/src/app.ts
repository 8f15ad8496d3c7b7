import express from 'express';
import { sessionMiddleware } from './middleware/session';
import { rateLimit } from './middleware/rateLimit';
import { errorHandler } from './middleware/errorHandler';
import { apiRouter } from './routes';
import { webhooksRouter } from './payments/webhooks.router';

export function createApp() {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 1);

  // Stripe needs the raw body to check signatures, so webhooks go before the JSON parser.
  app.use('/webhooks', express.raw({ type: 'application/json' }), webhooksRouter);

  app.use(express.json({ limit: '1mb' }));
  app.use(sessionMiddleware);

  app.get('/health', (_req, res) => {
    res.json({ ok: true, uptime: process.uptime() });
  });

  app.use('/api', rateLimit, apiRouter);
  app.use(errorHandler);
  return app;
}
