import { Router } from 'express';
import { catalogService } from './catalog.service';
import { requireAdmin, requireAuth } from '../middleware/auth';

export const catalogRouter = Router();

catalogRouter.get('/products', async (req, res, next) => {
  try {
    const category = typeof req.query.category === 'string' ? req.query.category : undefined;
    res.json(await catalogService.listProducts(category));
  } catch (err) {
    next(err);
  }
});

catalogRouter.get('/products/:id', async (req, res, next) => {
  try {
    res.json(await catalogService.getProduct(Number(req.params.id)));
  } catch (err) {
    next(err);
  }
});

catalogRouter.post('/products', requireAuth, requireAdmin, async (req, res, next) => {
  try {
    res.status(201).json(await catalogService.createProduct(req.body));
  } catch (err) {
    next(err);
  }
});

catalogRouter.put('/products/:id', requireAuth, requireAdmin, async (req, res, next) => {
  try {
    res.json(await catalogService.updateProduct(Number(req.params.id), req.body ?? {}));
  } catch (err) {
    next(err);
  }
});

catalogRouter.get('/categories', async (_req, res, next) => {
  try {
    res.json(await catalogService.listCategories());
  } catch (err) {
    next(err);
  }
});
