import { formatMoney } from '../shared/money';

type Render = (data: Record<string, unknown>) => { subject: string; html: string };

// Read-only lookup table: filled once here, never written afterwards.
const TEMPLATES = new Map<string, Render>([
  ['welcome', (d) => ({ subject: 'Welcome to the shop', html: `<p>Hello ${String(d.name ?? '')}!</p>` })],
  [
    'order-confirmation',
    (d) => ({
      subject: `Order #${String(d.orderId)} confirmed`,
      html: `<p>Total: ${formatMoney(Number(d.total), String(d.currency ?? 'EUR'))}</p>`,
    }),
  ],
  ['password-reset', (d) => ({ subject: 'Reset your password', html: `<a href="${String(d.link)}">Reset</a>` })],
  ['invoice', (d) => ({ subject: 'Your invoice', html: `<p>Invoice ${String(d.number)}</p>` })],
]);

export function renderTemplate(name: string, data: Record<string, unknown>): { subject: string; html: string } {
  const render = TEMPLATES.get(name);
  if (!render) {
    throw new Error(`Unknown email template ${name}`);
  }
  return render(data);
}
