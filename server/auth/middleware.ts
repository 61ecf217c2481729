import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Executor } from '../../core/db/client';
import type { UserRole } from '../../core/db/schema/index';
import { AuthError } from '../../core/errors';
import type { UserRow } from '../../core/repositories/users';
import { userForToken } from './sessions';

declare module 'express-serve-static-core' {
  interface Request {
    user?: UserRow;
  }
}

export const sessionCookie = 'omnibot_session';

export function tokenFromRequest(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const cookie = req.headers.cookie?.split(';').map((c) => c.trim()).find((c) => c.startsWith(`${sessionCookie}=`));
  return cookie ? decodeURIComponent(cookie.slice(sessionCookie.length + 1)) : undefined;
}

/** Requires a signed-in user with one of the roles; admins pass every check. */
export function requireRole(db: Executor, ...roles: UserRole[]): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    try {
      const token = tokenFromRequest(req);
      const user = token ? await userForToken(db, token) : undefined;
      if (!user) throw new AuthError();
      if (user.role !== 'admin' && !roles.includes(user.role)) throw new AuthError(`requires role ${roles.join(' or ')}`, 403);
      req.user = user;
      next();
    } catch (error) {
      next(error);
    }
  };
}
