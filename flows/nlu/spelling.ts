/** Shorter stems have too many neighbours one edit away ("bank", "back", "bake") for a guess to be worth it. */
const MIN_TYPO_LENGTH = 4;
const LETTERS_ONLY = /^\p{L}+$/u;

const STRETCHED = /(\p{L})\1{2,}/gu;

/**
 * A word stretched for emphasis ("sloooowly", "hiiii", "سلاااام"), with each letter said three times or more
 * written twice, then once: ["sloowly", "slowly"]. Empty when no letter is stretched.
 */
export function unstretched(word: string): string[] {
  STRETCHED.lastIndex = 0;
  if (!STRETCHED.test(word)) return [];
  return [word.replace(STRETCHED, '$1$1'), word.replace(STRETCHED, '$1')];
}

/** The word with each letter left out in turn: two words one edit apart share one of these, or one is the other's. */
function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** True when one deletion, insertion, substitution or swap of neighbouring letters turns `a` into `b`. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length > b.length) return a.slice(i + 1) === b.slice(i);
  if (a.length < b.length) return a.slice(i) === b.slice(i + 1);
  if (a.slice(i + 1) === b.slice(i + 1)) return true;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * Finds the training stem a misspelt one was meant to be ("delivri" → "deliveri", "ordr" → "order"), by symmetric
 * deletion: every known stem is indexed under itself and its one-letter deletions, so a lookup costs as many map reads
 * as the stem has letters. The first letter must match: typos there are rare, and most English words one edit from a
 * known word differ in it ("sell"/"tell", "wood"/"good", "crime"/"prime"); on CLINC's out-of-scope messages, keeping
 * it halved the words taken for another.
 */
export class SpellingIndex {
  private readonly byDeletion = new Map<string, string[]>();

  /** `ranks` holds the known stems, each with its rank: among candidates the lowest wins (the vectorizer gives IDF). */
  constructor(private readonly ranks: ReadonlyMap<string, number>) {
    for (const stem of ranks.keys()) {
      if (stem.length < MIN_TYPO_LENGTH - 1 || !LETTERS_ONLY.test(stem)) continue;
      for (const key of [stem, ...deletions(stem)]) {
        const list = this.byDeletion.get(key);
        if (!list) this.byDeletion.set(key, [stem]);
        else if (!list.includes(stem)) list.push(stem);
      }
    }
  }

  /** The known stem one edit away from an unknown one, or undefined. */
  nearest(unknown: string): string | undefined {
    if (unknown.length < MIN_TYPO_LENGTH || !LETTERS_ONLY.test(unknown)) return undefined;
    let best: string | undefined;
    let bestRank = Infinity;
    for (const key of [unknown, ...deletions(unknown)]) {
      for (const known of this.byDeletion.get(key) ?? []) {
        if (known[0] !== unknown[0] || !oneEditApart(unknown, known)) continue;
        const rank = this.ranks.get(known)!;
        if (rank < bestRank) {
          best = known;
          bestRank = rank;
        }
      }
    }
    return best;
  }
}
