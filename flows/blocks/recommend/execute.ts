import { type OutboundMessage } from '../../../core/messages';
import { DEFAULT_TEXTS, REASON_WORDS } from '../../engine/defaults';
import { type BlockExecutor } from '../../engine/executor';
import { go, type Turn } from '../../engine/turn';
import { type Product } from '../../engine/types';
import { extractNumber } from '../../text/answers';
import { pickLocale } from '../../text/localize';
import { type RecommendBlock } from './schema';

function budgetOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return extractNumber(value);
  if (value && typeof value === 'object' && 'amount' in value) return budgetOf((value as { amount: unknown }).amount);
  return undefined;
}

function needsOf(b: RecommendBlock, turn: Turn): string[] {
  const out: string[] = [];
  for (const name of b.needVars ?? []) {
    const v = turn.state.vars[name];
    for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string' && x) out.push(x.toLowerCase());
  }
  return out;
}

/** Catalog products within budget that have all `requireTags` and at least one need: most needs matched first, then the fullest use of the budget. */
export function pickProducts(catalog: readonly Product[], budget: number | undefined, needs: readonly string[], requireTags: readonly string[], limit: number): Product[] {
  const scored: { p: Product; score: number }[] = [];
  for (const p of catalog) {
    if (budget !== undefined && p.price > budget) continue;
    const tags = p.tags.map((t) => t.toLowerCase());
    if (!requireTags.every((t) => tags.includes(t.toLowerCase()))) continue;
    const score = needs.filter((n) => tags.includes(n)).length;
    if (needs.length && score === 0) continue;
    scored.push({ p, score });
  }
  scored.sort((a, b) => b.score - a.score || b.p.price - a.p.price || (a.p.id < b.p.id ? -1 : 1));
  return scored.slice(0, limit).map((s) => s.p);
}

function reasonText(b: RecommendBlock, turn: Turn, budget: number | undefined, needs: string[]): { reason: string; needs: string } {
  const words = REASON_WORDS[turn.locale] ?? REASON_WORDS[turn.flow.fallbackLocale] ?? REASON_WORDS.en;
  const needLabels = needs.map((n) => (b.tagLabels?.[n] ? turn.text(b.tagLabels[n]) : n));
  const parts = [...(budget !== undefined ? [words.under.replace('{n}', String(budget))] : []), ...needLabels];
  return { reason: parts.length ? words.because + parts.join(words.and) : words.none, needs: needLabels.join(words.and) };
}

/** Recommends catalog products by captured budget and needs, says why, and stores the ids in `vars.recommended`. */
export const recommendExecutor: BlockExecutor<RecommendBlock> = {
  enter(b, turn) {
    const budget = b.budgetVar ? budgetOf(turn.state.vars[b.budgetVar]) : undefined;
    const needs = needsOf(b, turn);
    const picks = pickProducts(turn.ctx.catalog, budget, needs, b.requireTags ?? [], b.limit ?? 3);
    const why = reasonText(b, turn, budget, needs);
    const rec = { rec: { reason: why.reason, needs: why.needs, budget: budget ?? '', count: picks.length } };
    turn.setVar('recommended', picks.map((p) => p.id));
    turn.setVar('recommendReason', why.reason);
    if (!picks.length) {
      turn.say({ type: 'text', text: turn.text(b.emptyText ?? DEFAULT_TEXTS.recommendEmpty, rec) });
      return go(b.empty ?? b.next);
    }
    turn.say({ type: 'text', text: turn.text(b.introText ?? DEFAULT_TEXTS.recommendIntro, rec) });
    for (const p of picks) {
      const card: OutboundMessage = { type: 'card', title: pickLocale(p.name, turn.locale, turn.flow.fallbackLocale), subtitle: `${p.price} ${p.currency}` };
      if (p.imageUrl) card.imageUrl = p.imageUrl;
      if (p.url) {
        card.url = p.url;
        if (/^https?:\/\//.test(p.url)) card.buttons = [{ type: 'url', title: turn.text(b.viewText ?? DEFAULT_TEXTS.view), url: p.url }];
      }
      turn.say(card);
    }
    return go(b.next);
  },
};
