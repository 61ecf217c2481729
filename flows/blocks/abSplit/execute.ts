import { type BlockExecutor } from '../../engine/executor';
import { hashUnit } from '../../engine/random';
import { go } from '../../engine/turn';
import { type AbSplitBlock } from './schema';

/** Picks the variant `r` ∈ [0, 1) falls in, by weight. */
export function pickWeighted<T extends { weight: number }>(variants: readonly T[], r: number): T {
  const total = variants.reduce((s, v) => s + Math.max(0, v.weight), 0);
  let x = r * total;
  for (const v of variants) {
    x -= Math.max(0, v.weight);
    if (x < 0) return v;
  }
  return variants.filter((v) => v.weight > 0).at(-1) ?? variants[0];
}

export const abSplitExecutor: BlockExecutor<AbSplitBlock> = {
  enter(b, turn) {
    const experimentId = b.experimentId ?? b.id;
    const assigned = b.variants.find((v) => v.name === turn.state.experiments[experimentId]);
    if (assigned) return go(assigned.next);
    const r = (b.sticky ?? 'contact') === 'contact' ? hashUnit(`${turn.ctx.contact.id}\u0000${experimentId}`) : turn.random();
    const variant = pickWeighted(b.variants, r);
    turn.state.experiments[experimentId] = variant.name;
    turn.emit({ type: 'experiment', experimentId, variant: variant.name });
    return go(variant.next);
  },
};
