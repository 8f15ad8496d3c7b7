import { BaseRepository } from '@shop/shared/BaseRepository';
import { User } from './User.entity';

export class UserRepository extends BaseRepository<User> {
  constructor() {
    super(User, 'User');
  }

  async findByEmail(email: string): Promise<User | null> {
    return this.repo.findOneBy({ email: email.toLowerCase() });
  }

  async countAdmins(): Promise<number> {
    return this.repo.countBy({ role: 'admin' });
  }
}

export const userRepository = new UserRepository();
