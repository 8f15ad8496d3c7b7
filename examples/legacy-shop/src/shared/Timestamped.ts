import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

/** Columns shared by most tables. Not an entity itself: no table of its own. */
export abstract class Timestamped {
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
