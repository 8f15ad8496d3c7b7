import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamped } from '../shared/Timestamped';

export type UserRole = 'customer' | 'admin';

@Entity('users')
export class User extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ length: 320 })
  email: string;

  @Column({ name: 'password_hash' })
  passwordHash: string;

  @Column({ name: 'display_name', nullable: true })
  displayName: string | null;

  @Column({ type: 'varchar', length: 16, default: 'customer' })
  role: UserRole;

  @Column({ name: 'marketing_opt_in', default: false })
  marketingOptIn: boolean;
}
