import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { agentProfiles, handoffRequests, users } from '../db/schema/index';

export type AgentProfileRow = typeof agentProfiles.$inferSelect;
export interface AgentView extends AgentProfileRow {
  name: string;
  email: string;
  role: string;
  openCount: number;
}

const openCount = sql<number>`(select count(*)::int from ${handoffRequests} where ${handoffRequests.status} = 'assigned' and ${handoffRequests.assignedAgentId} = ${agentProfiles.userId})`;

/** The agent profile of a user, created with defaults on first use. */
export async function ensureAgentProfile(db: Executor, userId: string): Promise<AgentProfileRow> {
  await db.insert(agentProfiles).values({ userId }).onConflictDoNothing();
  const [row] = await db.select().from(agentProfiles).where(eq(agentProfiles.userId, userId)).limit(1);
  return row;
}

export async function updateAgentProfile(
  db: Executor,
  userId: string,
  patch: Partial<Pick<AgentProfileRow, 'status' | 'maxOpen' | 'languages' | 'skills' | 'lastAssignedAt'>>,
): Promise<AgentProfileRow> {
  await ensureAgentProfile(db, userId);
  const [row] = await db.update(agentProfiles).set({ ...patch, updatedAt: new Date() }).where(eq(agentProfiles.userId, userId)).returning();
  return row;
}

/** Agents and admins with their inbox profile (defaults when they never opened the inbox) and open conversations. */
export async function listAgents(db: Executor): Promise<AgentView[]> {
  const rows = await db
    .select({ user: users, profile: agentProfiles, openCount })
    .from(users)
    .leftJoin(agentProfiles, eq(agentProfiles.userId, users.id))
    .where(and(sql`${users.role} in ('agent', 'admin')`, eq(users.disabled, false)))
    .orderBy(asc(users.name), asc(users.email));
  return rows.map((r) => ({
    userId: r.user.id,
    status: r.profile?.status ?? 'offline',
    maxOpen: r.profile?.maxOpen ?? 5,
    languages: r.profile?.languages ?? [],
    skills: r.profile?.skills ?? [],
    lastAssignedAt: r.profile?.lastAssignedAt ?? null,
    updatedAt: r.profile?.updatedAt ?? r.user.createdAt,
    name: r.user.name,
    email: r.user.email,
    role: r.user.role,
    openCount: r.profile ? r.openCount : 0,
  }));
}

/**
 * Online agents with room for one more conversation, least recently assigned first (round robin among
 * equals), locked so two instances do not over-fill the same agent.
 */
export async function lockAvailableAgents(db: Executor, options: { onlyUserId?: string } = {}): Promise<(AgentProfileRow & { openCount: number })[]> {
  const rows = await db
    .select({ profile: agentProfiles, openCount })
    .from(agentProfiles)
    .innerJoin(users, eq(users.id, agentProfiles.userId))
    .where(
      and(
        eq(agentProfiles.status, 'online'),
        eq(users.disabled, false),
        sql`${openCount} < ${agentProfiles.maxOpen}`,
        options.onlyUserId ? eq(agentProfiles.userId, options.onlyUserId) : undefined,
      ),
    )
    .orderBy(sql`${agentProfiles.lastAssignedAt} asc nulls first`, asc(agentProfiles.userId))
    .for('update', { of: agentProfiles, skipLocked: true });
  return rows.map((r) => ({ ...r.profile, openCount: r.openCount }));
}

export async function countOnlineAgents(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(agentProfiles).where(eq(agentProfiles.status, 'online'));
  return row.n;
}
