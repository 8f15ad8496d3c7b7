import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { config } from '../config';
import { User } from '../users/User.entity';
import { Address } from '../users/Address.entity';
import { Order } from '../orders/Order.entity';
import { OrderItem } from '../orders/OrderItem.entity';
import { Product } from '../catalog/Product.entity';
import { Category } from '../catalog/Category.entity';
import { Payment } from '../payments/Payment.entity';
import { Notification } from '../notifications/Notification.entity';

export const AppDataSource = new DataSource({
  type: 'postgres',
  url: config.databaseUrl,
  entities: [User, Address, Order, OrderItem, Product, Category, Payment, Notification],
  migrations: ['dist/db/migrations/*.js'],
  synchronize: false,
  logging: process.env.TYPEORM_LOGGING === '1',
  extra: { max: 20 },
});
