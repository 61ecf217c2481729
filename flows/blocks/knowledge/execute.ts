import { type Button } from '../../../core/messages';
import { DEFAULT_TEXTS } from '../../engine/defaults';
import { type BlockExecutor } from '../../engine/executor';
import { go, searchText } from '../../engine/turn';
import { type KnowledgeBlock } from './schema';

/**
 * Asks the runtime for an answer (`pending`), using the customer's message of this turn (or the last one).
 * On the `knowledge` input: says the answer and goes to `next`; says `notFoundText` and goes to `unanswered`;
 * or, when the answerer asks for a human, goes to `handoff` (or hands off right here).
 */
export const knowledgeExecutor: BlockExecutor<KnowledgeBlock> = {
  enter(b, turn) {
    const input = turn.takeInput();
    const query = b.query ? turn.render(b.query) : ((input && searchText(input)) ?? turn.state.lastText ?? '');
    if (!query.trim()) return go(b.unanswered ?? b.next);
    return { kind: 'pending', query: query.slice(0, 2000) };
  },
  resume(b, turn, event) {
    if (event.kind !== 'knowledge') return knowledgeExecutor.enter(b, turn);
    const r = event.result;
    if (r.handoff) {
      if (b.handoff) return go(b.handoff);
      turn.emit({ type: 'handoff', reason: 'knowledge answer needs a human', priority: 'normal' });
      turn.say({ type: 'handoff', status: 'queued', text: turn.text(turn.flow.settings?.handoffText ?? DEFAULT_TEXTS.handoff) });
      return { kind: 'handoff', resumeAt: b.next ?? null };
    }
    if (r.answered && r.text?.trim()) {
      const links: Button[] = [];
      if (b.showSources) {
        for (const s of r.sources ?? []) {
          if (links.length < 3 && s.url && /^https?:\/\//.test(s.url)) links.push({ type: 'url', title: s.title.slice(0, 200) || turn.text(DEFAULT_TEXTS.source), url: s.url });
        }
      }
      turn.say(links.length ? { type: 'text', text: r.text, buttons: links } : { type: 'text', text: r.text });
      return go(b.next);
    }
    turn.say({ type: 'text', text: turn.text(b.notFoundText ?? DEFAULT_TEXTS.notFound) });
    return go(b.unanswered ?? b.next);
  },
};
