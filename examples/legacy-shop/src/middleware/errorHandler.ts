import type { ErrorRequestHandler } from 'express';
import { HttpError } from '../shared/errors';
import { logger } from '../logger';

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof HttpError) {
    res.status(err.status).json({ error: err.code ?? 'error', message: err.message });
    return;
  }
  logger.error('Unhandled error', { path: req.path, error: String(err?.stack ?? err) });
  res.status(500).json({ error: 'internal_error' });
};
