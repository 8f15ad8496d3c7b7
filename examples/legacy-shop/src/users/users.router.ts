import express from 'express';
import { usersService } from './users.service';
import { requireAdmin, requireAuth } from '../middleware/auth';
import { HttpError } from '@shop/shared/errors';

export const usersRouter = express.Router();

function publicUser(user: { id: string; email: string; displayName: string | null; role: string }) {
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role };
}

usersRouter.post('/register', async (req, res, next) => {
  try {
    const { email, password, displayName } = req.body ?? {};
    if (typeof email !== 'string' || typeof password !== 'string' || password.length < 10) {
      throw HttpError.badRequest('email and a password of at least 10 characters are required');
    }
    const user = await usersService.register(email, password, displayName);
    req.session.userId = user.id;
    req.session.role = user.role;
    res.status(201).json(publicUser(user));
  } catch (err) {
    next(err);
  }
});

usersRouter.post('/login', async (req, res, next) => {
  try {
    const user = await usersService.authenticate(String(req.body?.email), String(req.body?.password));
    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.userId = user.id;
      req.session.role = user.role;
      res.json(publicUser(user));
    });
  } catch (err) {
    next(err);
  }
});

usersRouter.post('/logout', requireAuth, (req, res, next) => {
  req.session.destroy((err) => (err ? next(err) : res.status(204).end()));
});

usersRouter.post('/password-reset', async (req, res, next) => {
  try {
    await usersService.requestPasswordReset(String(req.body?.email ?? ''));
    res.status(202).end();
  } catch (err) {
    next(err);
  }
});

usersRouter.get('/me', requireAuth, async (req, res, next) => {
  try {
    res.json(publicUser(await usersService.getById(req.session.userId!)));
  } catch (err) {
    next(err);
  }
});

usersRouter.get('/:id', requireAuth, requireAdmin, async (req, res, next) => {
  try {
    res.json(publicUser(await usersService.getById(req.params.id)));
  } catch (err) {
    next(err);
  }
});

usersRouter.put('/:id', requireAuth, async (req, res, next) => {
  try {
    if (req.params.id !== req.session.userId && req.session.role !== 'admin') {
      throw HttpError.forbidden();
    }
    res.json(publicUser(await usersService.update(req.params.id, req.body ?? {})));
  } catch (err) {
    next(err);
  }
});

usersRouter.delete('/:id', requireAuth, requireAdmin, async (req, res, next) => {
  try {
    await usersService.remove(req.params.id);
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});
