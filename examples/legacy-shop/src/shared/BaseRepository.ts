import { EntityTarget, FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';
import { AppDataSource } from '../db/dataSource';
import { HttpError } from './errors';
import type { Page } from './types';

/**
 * Thin wrapper every feature repository extends, so that feature code never
 * imports typeorm itself (that was the idea, anyway).
 */
export abstract class BaseRepository<T extends ObjectLiteral & { id: number | string }> {
  protected readonly repo: Repository<T>;

  protected constructor(target: EntityTarget<T>, private readonly label: string) {
    this.repo = AppDataSource.getRepository(target);
  }

  async findById(id: T['id']): Promise<T | null> {
    return this.repo.findOneBy({ id } as FindOptionsWhere<T>);
  }

  async getById(id: T['id']): Promise<T> {
    const found = await this.findById(id);
    if (!found) {
      throw HttpError.notFound(this.label);
    }
    return found;
  }

  async save(entity: T): Promise<T> {
    return this.repo.save(entity);
  }

  async remove(id: T['id']): Promise<void> {
    await this.repo.delete(id as string | number);
  }

  async paginate(where: FindOptionsWhere<T>, page = 1, pageSize = 20): Promise<Page<T>> {
    const [items, total] = await this.repo.findAndCount({
      where,
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, total, page, pageSize };
  }
}
