import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamped } from '../shared/Timestamped';
import { User } from '../users/User.entity';
import { Address } from '../users/Address.entity';

export type OrderStatus = 'draft' | 'placed' | 'paid' | 'shipped' | 'cancelled' | 'refunded';

@Entity('orders')
export class Order extends Timestamped {
  @PrimaryGeneratedColumn()
  id: number;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'customer_id' })
  customer: User;

  @ManyToOne(() => Address, { nullable: true })
  @JoinColumn({ name: 'shipping_address_id' })
  shippingAddress: Address | null;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: OrderStatus;

  @Column({ name: 'total_cents', type: 'integer', default: 0 })
  totalCents: number;

  @Column({ length: 3, default: 'EUR' })
  currency: string;

  @Column({ name: 'placed_at', type: 'timestamptz', nullable: true })
  placedAt: Date | null;
}
