import { noteFor, type NoteContent } from './mapping';
import type { CrmEvent, PushContext, RemoteLink } from './types';

/** The three operations every CRM connector offers; `pushToCrm` sequences them as idempotent steps. */
export interface CrmOperations {
  /** Creates or updates the person: by the known remote id, else matched by email, then phone. */
  upsertContact(event: CrmEvent, known: RemoteLink | undefined): Promise<RemoteLink>;
  /** Attaches a note/activity once. With `mayExist` it first looks for `event.marker` (an earlier attempt may have created it). */
  addNote(event: CrmEvent, link: RemoteLink, note: NoteContent, mayExist: boolean): Promise<string>;
  /** Sets the lead/deal status for a won or lost conversation; returns the (possibly updated) link. */
  setOutcome(event: CrmEvent, link: RemoteLink, outcome: 'won' | 'lost'): Promise<RemoteLink | void>;
}

/** contact → note → outcome, each step recorded before the next so a retry resumes where it stopped. */
export async function pushToCrm(ops: CrmOperations, event: CrmEvent, ctx: PushContext): Promise<void> {
  let link: RemoteLink;
  if (ctx.steps.contact) {
    link = ctx.link ?? { remoteId: ctx.steps.contact, extra: {} };
  } else {
    link = await ops.upsertContact(event, ctx.link);
    await ctx.step('contact', link.remoteId, link);
  }
  const note = noteFor(event);
  if (note && !ctx.steps.note) {
    const id = await ops.addNote(event, link, note, ctx.uncertain);
    await ctx.step('note', id);
  }
  if ((event.outcome === 'won' || event.outcome === 'lost') && !ctx.steps.outcome) {
    const updated = await ops.setOutcome(event, link, event.outcome);
    await ctx.step('outcome', event.outcome, updated ?? undefined);
  }
}
