import { type BlockExecutor } from '../../engine/executor';
import { go } from '../../engine/turn';
import { type UpdateContactBlock } from './schema';

export const updateContactExecutor: BlockExecutor<UpdateContactBlock> = {
  enter(b, turn) {
    turn.updateContact(turn.renderValues(b.fields) as Record<string, unknown>);
    return go(b.next);
  },
};
