import { randomBytes, scryptSync, timingSafeEqual } from 'crypto';
import { userRepository } from './UserRepository';
import { User } from './User.entity';
import { emailQueue } from '@shop/queues';
import { HttpError } from '@shop/shared/errors';
import { notificationsService } from '../notifications/notifications.service';

function hashPassword(password: string): string {
  const salt = randomBytes(16).toString('hex');
  return `${salt}:${scryptSync(password, salt, 64).toString('hex')}`;
}

function verifyPassword(password: string, stored: string): boolean {
  const [salt, hash] = stored.split(':');
  const candidate = scryptSync(password, salt, 64);
  return timingSafeEqual(candidate, Buffer.from(hash, 'hex'));
}

export class UsersService {
  async register(email: string, password: string, displayName?: string): Promise<User> {
    if (await userRepository.findByEmail(email)) {
      throw HttpError.badRequest('Email already registered');
    }
    const user = new User();
    user.email = email.toLowerCase();
    user.passwordHash = hashPassword(password);
    user.displayName = displayName ?? null;
    user.role = 'customer';
    const saved = await userRepository.save(user);
    await notificationsService.notify(saved, 'welcome', { name: saved.displayName ?? saved.email });
    return saved;
  }

  async authenticate(email: string, password: string): Promise<User> {
    const user = await userRepository.findByEmail(email);
    if (!user || !verifyPassword(password, user.passwordHash)) {
      throw new HttpError(401, 'Invalid credentials', 'invalid_credentials');
    }
    return user;
  }

  async getById(id: string): Promise<User> {
    return userRepository.getById(id);
  }

  async update(id: string, patch: { displayName?: string; marketingOptIn?: boolean }): Promise<User> {
    const user = await userRepository.getById(id);
    if (patch.displayName !== undefined) user.displayName = patch.displayName;
    if (patch.marketingOptIn !== undefined) user.marketingOptIn = patch.marketingOptIn;
    return userRepository.save(user);
  }

  async remove(id: string): Promise<void> {
    const user = await userRepository.getById(id);
    if (user.role === 'admin' && (await userRepository.countAdmins()) <= 1) {
      throw HttpError.badRequest('Cannot delete the last admin');
    }
    await userRepository.remove(id);
  }

  async requestPasswordReset(email: string): Promise<void> {
    const user = await userRepository.findByEmail(email);
    if (!user) return; // do not reveal whether the address exists
    const token = randomBytes(24).toString('base64url');
    await emailQueue.add(
      { template: 'password-reset', to: user.email, userId: user.id, data: { link: `/reset?token=${token}` } },
      { attempts: 2 },
    );
  }
}

export const usersService = new UsersService();
