import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../../core/db/client';
import type { UserRole } from '../../core/db/schema/index';
import { AuthError, ValidationError } from '../../core/errors';
import { deleteSession, findSessionUser, findUserByEmail, insertSession, insertUser, type UserRow } from '../../core/repositories/users';
import { hashPassword, verifyPassword } from './passwords';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A dummy hash so an unknown email costs the same time as a wrong password. */
const dummyHash = hashPassword('not-a-real-password');

export async function login(db: Executor, email: string, password: string, ttlHours: number): Promise<{ token: string; user: UserRow; expiresAt: Date }> {
  const user = await findUserByEmail(db, email);
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
  if (!user || !valid || user.disabled) throw new AuthError('wrong email or password');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await insertSession(db, { tokenHash: hashToken(token), userId: user.id, expiresAt });
  return { token, user, expiresAt };
}

export async function userForToken(db: Executor, token: string): Promise<UserRow | undefined> {
  return findSessionUser(db, hashToken(token));
}

export async function logout(db: Executor, token: string): Promise<void> {
  await deleteSession(db, hashToken(token));
}

export async function createUser(db: Executor, input: { email: string; password: string; role: UserRole; name?: string }): Promise<UserRow> {
  if (input.password.length < 8) throw new ValidationError('password must be at least 8 characters', { field: 'password' });
  const user = await insertUser(db, { email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) });
  if (!user) throw new ValidationError('a user with this email already exists', { field: 'email' }, { status: 409, code: 'conflict' });
  return user;
}
