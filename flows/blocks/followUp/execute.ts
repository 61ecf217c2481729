import { type BlockExecutor } from '../../engine/executor';
import { go } from '../../engine/turn';
import { delayToMs, type FollowUpBlock } from './schema';

/** Schedules the follow-up (id `blockId#seq`, deterministic) and continues at `next` at once. */
export const followUpExecutor: BlockExecutor<FollowUpBlock> = {
  enter(b, turn) {
    turn.state.seq += 1;
    const id = `${b.id}#${turn.state.seq}`;
    const cancelOn = b.cancelOn ?? ['reply', 'convert'];
    turn.state.followUps[id] = { blockId: b.id, cancelOn };
    turn.emit({ type: 'scheduleFollowUp', id, blockId: b.id, delayMs: delayToMs(b.delay), cancelOn });
    return go(b.next);
  },
};
