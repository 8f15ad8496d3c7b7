import type { Request } from 'express';
import type { User } from '../users/User.entity';

export interface AuthenticatedRequest extends Request {
  currentUser: Pick<User, 'id' | 'email' | 'role'>;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PageQuery {
  page?: string;
  pageSize?: string;
}
