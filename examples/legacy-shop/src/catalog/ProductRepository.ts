import { BaseRepository } from '../shared/BaseRepository';
import { Product } from './Product.entity';

export class ProductRepository extends BaseRepository<Product> {
  constructor() {
    super(Product, 'Product');
  }

  async findActiveByCategory(categoryId: number): Promise<Product[]> {
    return this.repo.find({
      where: { active: true, category: { id: categoryId } },
      order: { title: 'ASC' },
    });
  }

  async decrementStock(productId: number, quantity: number): Promise<void> {
    await this.repo.decrement({ id: productId }, 'stock', quantity);
  }
}
