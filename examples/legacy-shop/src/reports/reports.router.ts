import { Router } from 'express';

export const reportsRouter = Router();

reportsRouter.get('/orders/export', async (req, res, next) => {
  try {
    // Loaded lazily: the exporter pulls in half of the ORM metadata and is used once a month.
    const { exportOrdersCsv } = await import('../legacy/reportExport.js');
    const from = new Date(String(req.query.from ?? '1970-01-01'));
    const to = new Date(String(req.query.to ?? Date.now()));
    res.type('text/csv').send(await exportOrdersCsv(from, to));
  } catch (err) {
    next(err);
  }
});
