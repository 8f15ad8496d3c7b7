import { formatMoney } from '../shared/money';

/** Pure pricing rules: no I/O, no framework. Unit-tested in isolation. */

export interface PricedLine {
  unitPriceCents: number;
  quantity: number;
}

export interface OrderTotals {
  subtotalCents: number;
  discountCents: number;
  shippingCents: number;
  totalCents: number;
  display: string;
}

const FREE_SHIPPING_THRESHOLD_CENTS = 5_000;
const FLAT_SHIPPING_CENTS = 490;
const BULK_DISCOUNT_QUANTITY = 10;
const BULK_DISCOUNT_RATE = 0.05;

export function priceOrder(lines: readonly PricedLine[], currency: string): OrderTotals {
  if (lines.length === 0) {
    throw new Error('Cannot price an empty order');
  }
  const subtotalCents = lines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);
  const quantity = lines.reduce((sum, l) => sum + l.quantity, 0);
  const discountCents = quantity >= BULK_DISCOUNT_QUANTITY ? Math.round(subtotalCents * BULK_DISCOUNT_RATE) : 0;
  const afterDiscount = subtotalCents - discountCents;
  const shippingCents = afterDiscount >= FREE_SHIPPING_THRESHOLD_CENTS ? 0 : FLAT_SHIPPING_CENTS;
  const totalCents = afterDiscount + shippingCents;
  return { subtotalCents, discountCents, shippingCents, totalCents, display: formatMoney(totalCents, currency) };
}
