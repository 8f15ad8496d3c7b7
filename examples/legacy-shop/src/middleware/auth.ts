import { NextFunction, Request, Response } from 'express';
import { HttpError } from '../shared/errors';

export function requireAuth(req: Request, _res: Response, next: NextFunction): void {
  if (!req.session.userId) {
    next(new HttpError(401, 'Login required', 'unauthenticated'));
    return;
  }
  next();
}

export function requireAdmin(req: Request, _res: Response, next: NextFunction): void {
  if (req.session.role !== 'admin') {
    next(HttpError.forbidden());
    return;
  }
  next();
}
