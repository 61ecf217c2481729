import { z } from 'zod';
import { type LocalizedText } from './localized';

/** Block ids appear in transitions, traces and stored conversation state: keep them short and stable. */
export const BlockId = z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, { error: 'must be 1-100 characters of letters, digits, _ . : -' });

/** Variable names used by `{{vars.NAME}}`. */
export const VarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, { error: 'must be a variable name (letters, digits, _)' });

/** Fields every block has. `label` and `position` are for the studio only. */
export const blockBase = {
  id: BlockId,
  label: z.string().max(200).optional(),
  position: z.object({ x: z.number(), y: z.number() }).optional(),
};

/** What a block's static checks may know about the flow around it. */
export interface FlowFacts {
  locales: readonly string[];
  fallbackLocale: string;
  intentNames: ReadonlySet<string>;
  /** Intents whose phrases are out of scope: they never match, so nothing can route on them. */
  outOfScopeIntents: ReadonlySet<string>;
}

export const outOfScopeMessage = (intent: string) => `intent "${intent}" is out of scope: it never matches, so nothing can route on it`;

/** A problem in a flow. `path` is relative to the block when `blockId` is set (`options[1].next`), else from the root. */
export interface FlowIssue {
  blockId?: string;
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

/** Static facts about one block type, declared next to its schema. */
export interface BlockMeta<B> {
  /** Transitions to other blocks: `[field path, target id]`. */
  targets(block: B): [string, string][];
  /** Customer-facing texts, for the locale checks: `[field path, text]`. */
  texts(block: B): [string, LocalizedText | undefined][];
  /** Extra checks beyond the schema (missing give-up target, weights, ...). */
  check?(block: B, facts: FlowFacts): Omit<FlowIssue, 'blockId'>[];
  /** True when the block can stop a turn (waits for input, a knowledge answer or a human). */
  waits: boolean;
}

export const opt = <T>(path: string, id: T | undefined): [string, T][] => (id === undefined ? [] : [[path, id]]);
