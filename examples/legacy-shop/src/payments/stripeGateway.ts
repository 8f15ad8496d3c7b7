import { config } from '../config';

const API = 'https://api.stripe.com/v1';

async function call<T>(path: string, form: Record<string, string>): Promise<T> {
  const res = await fetch(`${API}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${config.stripeKey}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(form).toString(),
  });
  if (!res.ok) {
    throw new Error(`Stripe ${path} failed with ${res.status}`);
  }
  return (await res.json()) as T;
}

export const stripeGateway = {
  createIntent(amountCents: number, currency: string, reference: string): Promise<{ id: string }> {
    return call('/payment_intents', {
      amount: String(amountCents),
      currency: currency.toLowerCase(),
      'metadata[order]': reference,
    });
  },
  refund(paymentIntentId: string): Promise<{ id: string }> {
    return call('/refunds', { payment_intent: paymentIntentId });
  },
  retrieveStatus(paymentIntentId: string): Promise<{ status: string }> {
    return call(`/payment_intents/${paymentIntentId}`, {});
  },
};
