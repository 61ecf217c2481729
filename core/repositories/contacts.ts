import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { contactIdentities, contacts } from '../db/schema/index';

export type ContactRow = typeof contacts.$inferSelect;
export type ContactPatch = Partial<Pick<ContactRow, 'firstName' | 'lastName' | 'email' | 'phone' | 'locale' | 'consentAt' | 'optedOutAt'>> & {
  fields?: Record<string, unknown>;
};

export interface IdentityKey {
  channelInstanceId: string;
  externalUserId: string;
}

/**
 * The contact behind a channel identity, created on first contact. Safe under concurrency:
 * the unique (channel instance, external user id) index decides which insert wins.
 */
export async function findOrCreateContact(
  db: Executor,
  botId: string,
  identity: IdentityKey,
  profile: { firstName?: string; lastName?: string; locale?: string } = {},
): Promise<{ contact: ContactRow; created: boolean }> {
  const existing = await findContactByIdentity(db, identity);
  if (existing) return { contact: existing, created: false };
  const [contact] = await db
    .insert(contacts)
    .values({ botId, firstName: profile.firstName ?? null, lastName: profile.lastName ?? null, locale: profile.locale ?? null })
    .returning();
  const linked = await db
    .insert(contactIdentities)
    .values({ contactId: contact.id, ...identity })
    .onConflictDoNothing()
    .returning({ id: contactIdentities.id });
  if (linked.length === 0) {
    await db.delete(contacts).where(eq(contacts.id, contact.id));
    const winner = await findContactByIdentity(db, identity);
    if (!winner) throw new Error('contact identity vanished during creation');
    return { contact: winner, created: false };
  }
  return { contact, created: true };
}

export async function findContactByIdentity(db: Executor, identity: IdentityKey): Promise<ContactRow | undefined> {
  const [row] = await db
    .select({ contact: contacts })
    .from(contactIdentities)
    .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
    .where(and(eq(contactIdentities.channelInstanceId, identity.channelInstanceId), eq(contactIdentities.externalUserId, identity.externalUserId)))
    .limit(1);
  return row?.contact;
}

export async function findContact(db: Executor, id: string): Promise<ContactRow | undefined> {
  const [row] = await db.select().from(contacts).where(eq(contacts.id, id)).limit(1);
  return row;
}

export async function updateContact(db: Executor, contact: ContactRow, patch: ContactPatch): Promise<ContactRow> {
  const { fields, ...columns } = patch;
  const [row] = await db
    .update(contacts)
    .set({ ...columns, fields: fields ? { ...contact.fields, ...fields } : contact.fields, updatedAt: new Date() })
    .where(eq(contacts.id, contact.id))
    .returning();
  return row;
}
