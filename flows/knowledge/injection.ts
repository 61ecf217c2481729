import { normalizeForIndex } from './analyze';

/**
 * Prompt-injection heuristics for en, pl, ar and fa, matched on normalised text (lower case, Latin diacritics
 * folded, Arabic/Persian letter variants unified). They catch the obvious attempts; the prompt itself treats
 * customer text and passages as data either way.
 */
const fold = (source: string) => source.replace(/[یى]/g, 'ي').replace(/ک/g, 'ك').replace(/[أإآ]/g, 'ا').replace(/ة/g, 'ه');

/** `also`, when set, must match too (a verb alone, like "forget it", is no attack). */
const PATTERNS: { lang: string; re: RegExp; also?: RegExp }[] = [
  // English
  { lang: 'en', re: /\b(ignore|disregard|forget|override|bypass|skip)\b(\s+\w+){0,4}\s+(instructions?|rules|prompts?|guidelines|directions|context|messages?)\b/ },
  { lang: 'en', re: /\b(system|developer|hidden|initial|original)\s+(prompt|message|instructions?)\b/ },
  { lang: 'en', re: /\b(reveal|show|print|repeat|output|tell me|leak|dump)\b(\s+\w+){0,3}\s+(prompt|instructions|rules|configuration)\b/ },
  { lang: 'en', re: /\byou are now\b|\bfrom now on you\b|\bnew (instructions|rules|persona)\b|\bpretend (to be|you are)\b|\bdeveloper mode\b|\bjailbreak|\bdo anything now\b|\bact as (an? )?(unfiltered|unrestricted|different|evil)/ },
  // Polish (diacritics folded: ł → l, ą → a, ...)
  { lang: 'pl', re: /\b(zignoruj|ignoruj|pomin|zapomnij|olej)\b(\s+\w+){0,4}\s+(instrukcj\w*|polecen\w*|zasad\w*|regul\w*|wiadomosc\w*)/ },
  { lang: 'pl', re: /\b(prompt\w*|instrukcj\w*|polecen\w*) (systemow\w*|poczatkow\w*)|\b(pokaz|ujawnij|wypisz|powtorz|podaj)\b(\s+\w+){0,3}\s+(prompt\w*|instrukcj\w*)/ },
  { lang: 'pl', re: /\bjestes teraz\b|\bod teraz jestes\b|\budawaj\b|\bnowe (instrukcje|zasady)\b|\btryb (dewelopera|programisty)\b/ },
  // Arabic
  { lang: 'ar', re: new RegExp(fold('(^| )(تجاهل|انس|اهمل|تخط)( \\S+){0,4} (التعليمات|تعليمات|الاوامر|اوامر|القواعد|قواعد|التوجيهات)')) },
  { lang: 'ar', re: new RegExp(fold('(^| )(تعليمات|موجه|رساله|اوامر) (النظام|المطور)|(^| )(اكشف|اظهر|اعرض|اطبع|كرر)( \\S+){0,3} (التعليمات|تعليماتك|الموجه)|تظاهر بانك|تعليمات جديده')) },
  // Persian
  { lang: 'fa', re: new RegExp(fold('نادیده بگیر|فراموش کن|بی ?خیال شو')), also: new RegExp(fold('دستور|قوانین|قواعد|قبلی|سیستم')) },
  { lang: 'fa', re: new RegExp(fold('(پرامپت|دستورات|پیام) (سیستم|سیستمی|اولیه)|(نشان بده|فاش کن|بنویس|تکرار کن)( \\S+){0,3} (دستورات|پرامپت)|وانمود کن')) },
];

export interface InjectionVerdict {
  detected: boolean;
  /** Language of the pattern that matched. */
  lang?: string;
}

export function detectInjection(text: string): InjectionVerdict {
  const normalized = normalizeForIndex(text);
  for (const p of PATTERNS) if (p.re.test(normalized) && (!p.also || p.also.test(normalized))) return { detected: true, lang: p.lang };
  return { detected: false };
}

const TAGS = /<\/?\s*(knowledge|passage|customer_message|captured_variables|system|instructions?)\b[^>]*>/gi;

/**
 * Makes untrusted text (customer messages, passages) safe to put between our delimiters: our tags and the
 * answer markers cannot be forged from inside.
 */
export function neutralize(text: string): string {
  return text.replace(TAGS, ' ').replace(/\[\[|\]\]/g, (m) => (m === '[[' ? '[ [' : '] ]'));
}
