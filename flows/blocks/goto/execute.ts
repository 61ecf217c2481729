import { type BlockExecutor } from '../../engine/executor';
import { go } from '../../engine/turn';
import { type GotoBlock } from './schema';

export const gotoExecutor: BlockExecutor<GotoBlock> = {
  enter(b, turn) {
    if (b.flowId && b.flowId !== turn.flow.id) return { kind: 'flow', flowId: b.flowId, ...(b.target ? { blockId: b.target } : {}) };
    return go(b.target ?? turn.flow.start);
  },
};
