import { Router } from 'express';
import { usersRouter } from '@shop/users/users.router';
import ordersRouter from '../orders/orders.router';
import { catalogRouter } from '../catalog/catalog.router';
import { paymentsRouter } from '../payments/payments.router';
import { reportsRouter } from '../reports/reports.router';
import { requireAdmin, requireAuth } from '../middleware/auth';

export const apiRouter = Router();

apiRouter.use('/users', usersRouter);
apiRouter.use('/orders', requireAuth, ordersRouter);
apiRouter.use('/catalog', catalogRouter);
// Deprecated alias kept for the v1 mobile app; same handlers as /catalog.
apiRouter.use('/shop', catalogRouter);
apiRouter.use('/payments', requireAuth, paymentsRouter);
apiRouter.use('/reports', requireAuth, requireAdmin, reportsRouter);
