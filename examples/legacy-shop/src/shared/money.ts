const CURRENCY_DECIMALS: Readonly<Record<string, number>> = Object.freeze({
  EUR: 2,
  USD: 2,
  GBP: 2,
  JPY: 0,
});

export function toMinorUnits(amount: number, currency: string): number {
  const decimals = CURRENCY_DECIMALS[currency] ?? 2;
  return Math.round(amount * 10 ** decimals);
}

export function formatMoney(cents: number, currency: string): string {
  const decimals = CURRENCY_DECIMALS[currency] ?? 2;
  return `${(cents / 10 ** decimals).toFixed(decimals)} ${currency}`;
}
