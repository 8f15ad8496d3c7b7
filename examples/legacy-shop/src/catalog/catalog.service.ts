import { AppDataSource } from '@shop/db';
import { Category } from './Category.entity';
import { Product } from './Product.entity';
import { ProductRepository } from './ProductRepository';

const productRepository = new ProductRepository();

// Category tree, cached per process for five minutes (categories change a few times a year).
const CATEGORY_TTL_MS = 5 * 60 * 1000;
const categoryCache = new Map<string, Category>();
let categoriesLoadedAt = 0;

export interface ProductInput {
  sku: string;
  title: string;
  description?: string;
  priceCents: number;
  currency?: string;
  stock?: number;
  categorySlug?: string;
}

async function loadCategories(): Promise<Map<string, Category>> {
  if (Date.now() - categoriesLoadedAt > CATEGORY_TTL_MS) {
    const flat = await AppDataSource.getTreeRepository(Category).find();
    categoryCache.clear();
    for (const category of flat) {
      categoryCache.set(category.slug, category);
    }
    categoriesLoadedAt = Date.now();
  }
  return categoryCache;
}

export const catalogService = {
  async listProducts(categorySlug?: string): Promise<Product[]> {
    if (!categorySlug) {
      return (await productRepository.paginate({ active: true }, 1, 100)).items;
    }
    const category = (await loadCategories()).get(categorySlug);
    return category ? productRepository.findActiveByCategory(category.id) : [];
  },

  getProduct(id: number): Promise<Product> {
    return productRepository.getById(id);
  },

  async createProduct(input: ProductInput): Promise<Product> {
    const product = new Product();
    Object.assign(product, { description: '', currency: 'EUR', stock: 0, ...input });
    product.category = input.categorySlug ? (await loadCategories()).get(input.categorySlug) ?? null : null;
    return productRepository.save(product);
  },

  async updateProduct(id: number, patch: Partial<ProductInput>): Promise<Product> {
    const product = await productRepository.getById(id);
    Object.assign(product, patch);
    return productRepository.save(product);
  },

  async listCategories(): Promise<Category[]> {
    return [...(await loadCategories()).values()];
  },
};
