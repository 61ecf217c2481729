import type { Executor } from '../../core/db/client';
import { findScoringRules } from '../../core/repositories/crm-scoring';
import { parseScoringRules, type ScoringRules } from './scoring';

/** The bot's scoring rules with defaults filled in; rules that no longer validate fall back to the defaults. */
export async function loadScoringRules(db: Executor, botId: string): Promise<ScoringRules> {
  const stored = await findScoringRules(db, botId);
  try {
    return parseScoringRules(stored);
  } catch {
    return parseScoringRules({});
  }
}
