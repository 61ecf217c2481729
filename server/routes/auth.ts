import { Router } from 'express';
import { z } from 'zod';
import { userRoles } from '../../core/db/schema/index';
import { parseBody } from '../http/validation';
import { listUsers, toPublicUser } from '../../core/repositories/users';
import { requireRole, sessionCookie, tokenFromRequest } from '../auth/middleware';
import { createUser, login, logout } from '../auth/sessions';
import type { AppContext } from '../context';

const LoginBody = z.object({ email: z.string().email(), password: z.string().min(1).max(1000) });
const NewUserBody = z.object({ email: z.string().email(), password: z.string().min(8).max(1000), role: z.enum(userRoles), name: z.string().max(200).optional() });

export function authRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/auth/login', async (req, res) => {
    const { email, password } = parseBody(LoginBody, req.body);
    const session = await login(ctx.db, email, password, ctx.config.SESSION_TTL_HOURS);
    res.cookie(sessionCookie, session.token, { httpOnly: true, sameSite: 'lax', expires: session.expiresAt, path: '/' });
    res.json({ token: session.token, expiresAt: session.expiresAt, user: toPublicUser(session.user) });
  });
  router.post('/auth/logout', async (req, res) => {
    const token = tokenFromRequest(req);
    if (token) await logout(ctx.db, token);
    res.clearCookie(sessionCookie, { path: '/' });
    res.json({ ok: true });
  });
  router.get('/auth/me', requireRole(ctx.db, 'agent', 'marketer'), (req, res) => {
    res.json({ user: toPublicUser(req.user!) });
  });
  router.get('/users', requireRole(ctx.db), async (_req, res) => {
    res.json({ users: await listUsers(ctx.db) });
  });
  router.post('/users', requireRole(ctx.db), async (req, res) => {
    const body = parseBody(NewUserBody, req.body);
    const user = await createUser(ctx.db, body);
    res.status(201).json({ user: toPublicUser(user) });
  });
  return router;
}
