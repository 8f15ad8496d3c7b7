import { createHmac, timingSafeEqual } from 'crypto';
import { Router } from 'express';
import { paymentsService } from './payments.service';
import { config } from '../config';

export const webhooksRouter = Router();

function validSignature(payload: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.split('=') as [string, string]));
  const expected = createHmac('sha256', config.stripeWebhookSecret)
    .update(`${parts.t}.${payload.toString('utf8')}`)
    .digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

webhooksRouter.post('/stripe', async (req, res, next) => {
  try {
    if (!validSignature(req.body as Buffer, req.header('stripe-signature'))) {
      res.status(400).send('bad signature');
      return;
    }
    const event = JSON.parse((req.body as Buffer).toString('utf8'));
    if (event.type === 'payment_intent.succeeded' || event.type === 'payment_intent.payment_failed') {
      const status = event.type === 'payment_intent.succeeded' ? 'succeeded' : 'failed';
      await paymentsService.handleProviderEvent(event.data.object.id, status);
    }
    res.json({ received: true });
  } catch (err) {
    next(err);
  }
});
