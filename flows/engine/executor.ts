import { type Outcome, type ResumeEvent, type Turn } from './turn';

/**
 * How a block runs. `enter` runs when the flow reaches the block; `resume` runs when the conversation was waiting at
 * the block and the customer answered (`message`, the answer is in `turn.input`) or a knowledge answer arrived.
 * Both are pure: they read the turn and write outputs, effects and state through it.
 */
export interface BlockExecutor<B> {
  enter(block: B, turn: Turn): Outcome;
  resume?(block: B, turn: Turn, event: ResumeEvent): Outcome;
}
