import { DEFAULT_TEXTS } from '../../engine/defaults';
import { type BlockExecutor } from '../../engine/executor';
import { type HandoffBlock } from './schema';

/** Emits the handoff effect, tells the customer, and stops: the bot is silent until the conversation is handed back. */
export const handoffExecutor: BlockExecutor<HandoffBlock> = {
  enter(b, turn) {
    const note = b.note ? turn.render(b.note) : undefined;
    turn.emit({ type: 'handoff', reason: turn.render(b.reason), priority: b.priority ?? 'normal', ...(note ? { note } : {}) });
    turn.say({ type: 'handoff', status: 'queued', text: turn.text(b.text ?? turn.flow.settings?.handoffText ?? DEFAULT_TEXTS.handoff) });
    return { kind: 'handoff', resumeAt: b.next ?? null };
  },
};
