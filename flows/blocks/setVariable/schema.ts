import { z } from 'zod';
import { BlockId, VarName, blockBase, opt, type BlockMeta } from '../../schema/common';

/** Sets variables. String values are templates (`"{{contact.firstName}}"`); `increment` adds a number; `append` pushes to a list. */
export const SetVariableBlock = z.object({
  ...blockBase,
  type: z.literal('setVariable'),
  set: z.array(z.object({ var: VarName, op: z.enum(['set', 'increment', 'append', 'unset']).optional(), value: z.unknown().optional() })).min(1),
  next: BlockId.optional(),
});
export type SetVariableBlock = z.infer<typeof SetVariableBlock>;

export const setVariableMeta: BlockMeta<SetVariableBlock> = {
  waits: false,
  targets: (b) => opt('next', b.next),
  texts: () => [],
  check: (b) =>
    b.set.flatMap((s, i) =>
      s.op === 'increment' && s.value !== undefined && typeof s.value !== 'number'
        ? [{ path: `set[${i}].value`, message: 'increment needs a number', severity: 'error' as const }]
        : (s.op ?? 'set') !== 'unset' && s.op !== 'increment' && s.value === undefined
          ? [{ path: `set[${i}].value`, message: 'missing value', severity: 'error' as const }]
          : [],
    ),
};
