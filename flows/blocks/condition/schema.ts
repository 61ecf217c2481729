import { z } from 'zod';
import { BlockId, blockBase, type BlockMeta, type FlowIssue } from '../../schema/common';

export const conditionOps = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'contains', 'startsWith', 'matches', 'exists', 'notExists', 'between'] as const;

/**
 * `left` reads `vars.x`, `contact.firstName`, `contact.fields.x`, `lead.score`, `lead.status`, `lead.fields.x`,
 * `channel`, `locale`, `time.hour`, `time.minute`, `time.hhmm` ("09:30"), `time.weekday` (0 = Sunday), `time.date`.
 * Time is read from the turn's clock in `settings.timezone`.
 */
export const Comparison = z.object({
  left: z.string().regex(/^(vars|contact|lead|time)(\.[\w]+)+$|^(channel|locale)$/, { error: 'must be a path like vars.budget, contact.fields.city, lead.score, time.hour, channel or locale' }),
  op: z.enum(conditionOps),
  value: z.unknown().optional(),
});
export type Comparison = z.infer<typeof Comparison>;

export type Condition = Comparison | { all: Condition[] } | { any: Condition[] } | { not: Condition };
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([Comparison, z.object({ all: z.array(Condition).min(1) }), z.object({ any: z.array(Condition).min(1) }), z.object({ not: Condition })]),
);

export const ConditionBlock = z.object({
  ...blockBase,
  type: z.literal('condition'),
  /** The first branch whose condition holds wins. */
  branches: z.array(z.object({ when: Condition, next: BlockId })).min(1),
  else: BlockId,
});
export type ConditionBlock = z.infer<typeof ConditionBlock>;

function checkCondition(c: Condition, path: string, out: Omit<FlowIssue, 'blockId'>[]): void {
  if ('all' in c) c.all.forEach((x, i) => checkCondition(x, `${path}.all[${i}]`, out));
  else if ('any' in c) c.any.forEach((x, i) => checkCondition(x, `${path}.any[${i}]`, out));
  else if ('not' in c) checkCondition(c.not, `${path}.not`, out);
  else {
    const needsValue = c.op !== 'exists' && c.op !== 'notExists';
    if (needsValue && c.value === undefined) out.push({ path: `${path}.value`, message: `operator ${c.op} needs a value`, severity: 'error' });
    if ((c.op === 'in' || c.op === 'notIn') && !Array.isArray(c.value)) out.push({ path: `${path}.value`, message: `operator ${c.op} needs a list`, severity: 'error' });
    if (c.op === 'between' && !(Array.isArray(c.value) && c.value.length === 2)) out.push({ path: `${path}.value`, message: 'between needs [low, high]', severity: 'error' });
    if (c.op === 'matches') {
      try {
        new RegExp(String(c.value), 'iu');
      } catch (e) {
        out.push({ path: `${path}.value`, message: `invalid regular expression: ${(e as Error).message}`, severity: 'error' });
      }
    }
  }
}

export const conditionMeta: BlockMeta<ConditionBlock> = {
  waits: false,
  targets: (b) => [...b.branches.map((br, i) => [`branches[${i}].next`, br.next] as [string, string]), ['else', b.else]],
  texts: () => [],
  check: (b) => {
    const out: Omit<FlowIssue, 'blockId'>[] = [];
    b.branches.forEach((br, i) => checkCondition(br.when, `branches[${i}].when`, out));
    return out;
  },
};
