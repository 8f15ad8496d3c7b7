import { Router } from 'express';
import { ordersService } from './orders.service';

const router = Router();

router.get('/', async (req, res, next) => {
  try {
    res.json(await ordersService.listForCustomer(req.session.userId!, Number(req.query.page ?? 1)));
  } catch (err) {
    next(err);
  }
});

router.post('/', async (req, res, next) => {
  try {
    const order = await ordersService.createDraft(req.session.userId!);
    req.session.cartOrderId = order.id;
    res.status(201).json(order);
  } catch (err) {
    next(err);
  }
});

router.get('/:id', async (req, res, next) => {
  try {
    res.json(await ordersService.getForCustomer(Number(req.params.id), req.session.userId!));
  } catch (err) {
    next(err);
  }
});

router
  .route('/:id/items')
  .get(async (req, res, next) => {
    try {
      await ordersService.getForCustomer(Number(req.params.id), req.session.userId!);
      res.json(await ordersService.listItems(Number(req.params.id)));
    } catch (err) {
      next(err);
    }
  })
  .post(async (req, res, next) => {
    try {
      const { productId, quantity } = req.body ?? {};
      const item = await ordersService.addItem(
        Number(req.params.id),
        req.session.userId!,
        Number(productId),
        Number(quantity ?? 1),
      );
      res.status(201).json(item);
    } catch (err) {
      next(err);
    }
  });

router.delete('/:id/items/:itemId', async (req, res, next) => {
  try {
    await ordersService.removeItem(Number(req.params.id), req.session.userId!, Number(req.params.itemId));
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

router.post('/:id/checkout', async (req, res, next) => {
  try {
    const { order, payment } = await ordersService.checkout(Number(req.params.id), req.session.userId!);
    req.session.cartOrderId = undefined;
    res.json({ orderId: order.id, status: order.status, paymentId: payment.id });
  } catch (err) {
    next(err);
  }
});

export default router;
