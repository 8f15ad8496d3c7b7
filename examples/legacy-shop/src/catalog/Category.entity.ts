import { Column, Entity, PrimaryGeneratedColumn, Tree, TreeChildren, TreeParent } from 'typeorm';

// No table name given: TypeORM's default naming strategy derives "category" from the class name.
@Entity()
@Tree('materialized-path')
export class Category {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ unique: true })
  slug: string;

  @Column()
  name: string;

  @TreeParent()
  parent: Category | null;

  @TreeChildren()
  children: Category[];
}
