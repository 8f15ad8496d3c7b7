function required(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (value === undefined) {
    throw new Error(`Missing environment variable ${name}`);
  }
  return value;
}

export const config = {
  port: Number(process.env.PORT ?? 3000),
  databaseUrl: required('DATABASE_URL', 'postgres://shop:shop@localhost:5432/shop'),
  redisUrl: required('REDIS_URL', 'redis://localhost:6379'),
  sessionSecret: required('SESSION_SECRET', 'dev-only-secret'),
  runWorkers: process.env.RUN_WORKERS === '1',
  stripeKey: process.env.STRIPE_KEY ?? '',
  stripeWebhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? '',
  rateLimitPerMinute: Number(process.env.RATE_LIMIT_PER_MINUTE ?? 120),
};

export type Config = typeof config;
