/**
 * Date words of Persian typed in Latin letters (Finglish: "farda", "pas farda saat 5") and of Arabic (Arabizi:
 * "bokra", "el gom3a"), and the words of the script they stand for, so the Persian and Arabic date parsers read them.
 * Only whole words are replaced; the longest phrases come first.
 */
const ROMANIZED_DATE_WORDS: Record<string, [string, string][]> = {
  fa: [
    ['pas ?farda', 'پس فردا'], ['farda', 'فردا'], ['emr[uo]{1,2}z', 'امروز'], ['dir[uo]{1,2}z', 'دیروز'], ['emshab', 'امشب'],
    ['yek ?shanbe?h?', 'یکشنبه'], ['do ?shanbe?h?', 'دوشنبه'], ['se ?shanbe?h?', 'سه‌شنبه'], ['ch(?:a|ah)a?r ?shanbe?h?', 'چهارشنبه'],
    ['panj ?shanbe?h?', 'پنجشنبه'], ['jom(?:e|eh|ee)', 'جمعه'], ['shanbe?h?', 'شنبه'],
    ['hafte(?:ye)?', 'هفته'], ['mahe?', 'ماه'], ['ba+d', 'بعد'], ['ayande', 'آینده'],
    ['saat', 'ساعت'], ['sobh', 'صبح'], ['zohr', 'ظهر'], ['asr', 'عصر'], ['shab', 'شب'],
  ],
  ar: [
    ['ba3d ?b[ou]kra', 'بعد غد'], ['b[ou]kra', 'غدا'], ['(?:el|al) ?(?:yom|youm|yawm)|elyom|elyoum|[ei]nnaharda', 'اليوم'], ['[ei]mbare7', 'أمس'],
    // Monday, Tuesday and Wednesday only with the article: without it they are the numbers two, three and four.
    ['(?:el ?)?(?:gom3a|jum3a|jom3a)', 'الجمعة'], ['(?:el ?|es ?)?sabt', 'السبت'], ['(?:el ?)?a7ad', 'الأحد'], ['el ?(?:etnein|itnein|ithnayn)', 'الاثنين'],
    ['el ?tala?ta?', 'الثلاثاء'], ['el ?arb[ae]3a?', 'الأربعاء'], ['(?:el ?)?kham(?:ee|i)s', 'الخميس'],
    ['(?:el ?)?sa3a', 'الساعة'], ['el ?gay|el ?jay', 'القادم'],
  ],
};

const PATTERNS = Object.fromEntries(
  Object.entries(ROMANIZED_DATE_WORDS).map(([lang, words]) => [lang, { re: new RegExp(`(?<![\\p{L}\\d])(?:${words.map(([w]) => `(${w})`).join('|')})(?![\\p{L}\\d])`, 'giu'), words }]),
);

/** A text with its romanized date words in script, and for each of its characters the span of the original it stands for. */
export interface InScript {
  text: string;
  startOf: number[];
  endOf: number[];
}

/** `text` with the Finglish or Arabizi date words of `lang` ('fa', 'ar') in script; undefined when it has none. */
export function romanizedDatesInScript(text: string, lang: string | undefined): InScript | undefined {
  const pattern = lang ? PATTERNS[lang] : undefined;
  if (!pattern || !/[a-z]/i.test(text)) return undefined;
  const out: InScript = { text: '', startOf: [], endOf: [] };
  // One UTF-16 unit at a time, standing for the original span [start, end).
  const push = (unit: string, start: number, end: number) => {
    out.text += unit;
    out.startOf.push(start);
    out.endOf.push(end);
  };
  let at = 0;
  let replaced = false;
  for (const m of text.matchAll(pattern.re)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const word = pattern.words[m.slice(1).findIndex((g) => g !== undefined)][1];
    for (let i = at; i < start; i++) push(text[i], i, i + 1);
    for (const unit of word.split('')) push(unit, start, end);
    at = end;
    replaced = true;
  }
  if (!replaced) return undefined;
  for (let i = at; i < text.length; i++) push(text[i], i, i + 1);
  return out;
}
