import { and, eq, gt, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { sessions, users, type UserRole } from '../db/schema/index';

export type UserRow = typeof users.$inferSelect;
export type PublicUser = Omit<UserRow, 'passwordHash'>;

export function toPublicUser(user: UserRow): PublicUser {
  const { passwordHash: _hash, ...rest } = user;
  return rest;
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1);
  return row;
}

export async function findUser(db: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function listUsers(db: Executor): Promise<PublicUser[]> {
  const rows = await db.select().from(users).orderBy(users.createdAt);
  return rows.map(toPublicUser);
}

export async function insertUser(db: Executor, input: { email: string; name?: string; role: UserRole; passwordHash: string }): Promise<UserRow | undefined> {
  const [row] = await db
    .insert(users)
    .values({ email: input.email, name: input.name ?? '', role: input.role, passwordHash: input.passwordHash })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function countUsers(db: Executor, role?: UserRole): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(role ? eq(users.role, role) : undefined);
  return row.n;
}

export async function insertSession(db: Executor, input: { tokenHash: string; userId: string; expiresAt: Date }): Promise<void> {
  await db.insert(sessions).values(input);
}

export async function findSessionUser(db: Executor, tokenHash: string, now = new Date()): Promise<UserRow | undefined> {
  const [row] = await db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), eq(users.disabled, false)))
    .limit(1);
  return row?.user;
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}
