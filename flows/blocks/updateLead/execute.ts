import { type BlockExecutor } from '../../engine/executor';
import { go, type Turn } from '../../engine/turn';
import { type Effect } from '../../engine/types';
import { type UpdateLeadBlock } from './schema';

/** Cancels pending follow-ups that wait for a conversion. */
export function convert(turn: Turn, value: number | undefined): void {
  turn.emit(value === undefined ? { type: 'conversion' } : { type: 'conversion', value });
  const ids = Object.keys(turn.state.followUps).filter((id) => turn.state.followUps[id].cancelOn.includes('convert'));
  if (ids.length) {
    for (const id of ids) delete turn.state.followUps[id];
    turn.emit({ type: 'cancelFollowUps', reason: 'convert', ids });
  }
}

export const updateLeadExecutor: BlockExecutor<UpdateLeadBlock> = {
  enter(b, turn) {
    const fields = (b.fields ? turn.renderValues(b.fields) : {}) as Record<string, unknown>;
    const effect: Extract<Effect, { type: 'updateLead' }> = { type: 'updateLead', fields };
    if (b.scoreDelta !== undefined) {
      effect.scoreDelta = b.scoreDelta;
      turn.lead.score += b.scoreDelta;
    }
    if (b.status !== undefined) {
      effect.status = b.status;
      turn.lead.status = b.status;
    }
    Object.assign(turn.lead.fields, fields);
    turn.emit(effect);
    if (b.conversion) convert(turn, b.conversion.value);
    return go(b.next);
  },
};
