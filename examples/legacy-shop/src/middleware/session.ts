import session from 'express-session';
import { config } from '../config';

const ONE_WEEK_MS = 7 * 24 * 60 * 60 * 1000;

// TODO(SHOP-412): move to connect-redis before we run more than one instance.
export const sessionMiddleware = session({
  name: 'shop.sid',
  secret: config.sessionSecret,
  resave: false,
  saveUninitialized: false,
  cookie: {
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.NODE_ENV === 'production',
    maxAge: ONE_WEEK_MS,
  },
});
