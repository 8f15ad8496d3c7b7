import type { RequestHandler } from 'express';
import { hit } from '../cache/rateLimits';
import { config } from '../config';

export const rateLimit: RequestHandler = (req, res, next) => {
  const key = req.session.userId ?? req.ip ?? 'anonymous';
  const count = hit(key);
  res.setHeader('X-RateLimit-Remaining', String(Math.max(0, config.rateLimitPerMinute - count)));
  if (count > config.rateLimitPerMinute) {
    res.status(429).json({ error: 'too_many_requests' });
    return;
  }
  next();
};
