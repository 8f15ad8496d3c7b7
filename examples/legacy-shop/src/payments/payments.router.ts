import { Router } from 'express';
import { paymentsService } from './payments.service';
import { requireAdmin } from '../middleware/auth';

export const paymentsRouter = Router();

paymentsRouter.get('/:id', async (req, res, next) => {
  try {
    res.json(await paymentsService.getById(req.params.id));
  } catch (err) {
    next(err);
  }
});

paymentsRouter.post('/:id/refund', requireAdmin, async (req, res, next) => {
  try {
    res.json(await paymentsService.refund(req.params.id));
  } catch (err) {
    next(err);
  }
});
