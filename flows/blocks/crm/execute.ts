import { type BlockExecutor } from '../../engine/executor';
import { go } from '../../engine/turn';
import { type CrmBlock } from './schema';

export const crmExecutor: BlockExecutor<CrmBlock> = {
  enter(b, turn) {
    turn.emit({ type: 'crm', action: b.action, payload: (turn.renderValues(b.payload ?? {}) as Record<string, unknown>) });
    return go(b.next);
  },
};
