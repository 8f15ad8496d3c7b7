'use strict';

// Written in 2019 for the finance team, before the TypeScript migration. Still used every month.
const { Between, In } = require('typeorm');
const { AppDataSource } = require('../db/dataSource');
const { Order } = require('../orders/Order.entity');

const HEADER = ['order_id', 'customer_email', 'status', 'total', 'currency', 'placed_at'];

function csvCell(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

async function exportOrdersCsv(from, to, statuses) {
  const rows = await AppDataSource.getRepository(Order).find({
    where: { placedAt: Between(from, to), status: In(statuses || ['placed', 'paid', 'shipped']) },
    relations: { customer: true },
    order: { id: 'ASC' },
  });
  const lines = [HEADER.join(',')];
  for (const o of rows) {
    lines.push(
      [o.id, o.customer.email, o.status, (o.totalCents / 100).toFixed(2), o.currency, o.placedAt && o.placedAt.toISOString()]
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}

module.exports = { exportOrdersCsv };
