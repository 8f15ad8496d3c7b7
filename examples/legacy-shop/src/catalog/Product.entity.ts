import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamped } from '../shared/Timestamped';
import { Category } from './Category.entity';

@Entity({ name: 'products' })
export class Product extends Timestamped {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ unique: true, length: 64 })
  sku: string;

  @Column()
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'price_cents', type: 'integer' })
  priceCents: number;

  @Column({ length: 3, default: 'EUR' })
  currency: string;

  @Column({ type: 'integer', default: 0 })
  stock: number;

  @ManyToOne(() => Category, { nullable: true })
  @JoinColumn({ name: 'category_id' })
  category: Category | null;

  @Column({ default: true })
  active: boolean;
}
