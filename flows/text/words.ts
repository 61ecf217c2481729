import { normalize } from './normalize';

/** Yes/no words per language; matched after `normalize`, so spelling variants of Arabic letters need not be listed. */
export const YES_WORDS: Record<string, string[]> = {
  en: ['yes', 'y', 'yeah', 'yep', 'yup', 'sure', 'ok', 'okay', 'of course', 'i agree', 'agree', 'i do', 'accept', 'alright', 'definitely', 'absolutely', 'sounds good', 'go ahead'],
  pl: ['tak', 'jasne', 'zgoda', 'zgadzam się', 'oczywiście', 'ok', 'okej', 'pewnie', 'akceptuję', 'dobrze', 'spoko'],
  ar: ['نعم', 'أجل', 'ايوه', 'ايوا', 'إيه', 'أوافق', 'موافق', 'موافقة', 'حسنا', 'طبعا', 'اكيد', 'تمام', 'اوكي', 'ماشي',
    // Arabizi. Not "ah" or "eh", which are sounds in any language.
    'na3am', 'naam', 'aywa', 'aiwa', 'aywah', 'akid', 'akeed', 'tab3an'],
  fa: ['بله', 'آره', 'باشه', 'موافقم', 'موافق', 'حتما', 'قبول', 'قبول دارم', 'اره', 'اوکی', 'البته', 'چشم',
    // Finglish. Not "are", the first word of English questions ("are you a bot?").
    'bale', 'baleh', 'areh', 'ari', 'bashe', 'hatman', 'movafegham'],
};

export const NO_WORDS: Record<string, string[]> = {
  en: ['no', 'n', 'nope', 'nah', 'i disagree', 'disagree', 'i do not', "i don't", 'no thanks', 'decline', 'not now', 'not really', 'no way'],
  pl: ['nie', 'nie zgadzam się', 'nie dziękuję', 'nie chcę', 'odmawiam', 'raczej nie', 'nie teraz'],
  ar: ['لا', 'كلا', 'لا أوافق', 'غير موافق', 'لا شكرا', 'ابدا', 'la', 'laa', 'la2', 'kalla'],
  // Finglish, but not "na", the first word of Polish "na pewno" (sure).
  fa: ['نه', 'خیر', 'نمی‌خواهم', 'نمیخوام', 'موافق نیستم', 'نخیر', 'نه ممنون', 'فعلا نه', 'kheyr', 'kheir', 'nakheyr', 'nakheir'],
};

/** Builds a set of normalised phrases from per-language lists. */
export function phraseSet(lists: Record<string, string[]>): Set<string> {
  const set = new Set<string>();
  for (const words of Object.values(lists)) for (const w of words) set.add(normalize(w));
  return set;
}
