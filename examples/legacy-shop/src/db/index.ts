export { AppDataSource } from './dataSource';
export * from '../users/User.entity';
export * from '../users/Address.entity';
export * from '../orders/Order.entity';
export * from '../orders/OrderItem.entity';
export * from '../catalog/Product.entity';
export * from '../catalog/Category.entity';
export * from '../payments/Payment.entity';
export * from '../notifications/Notification.entity';
