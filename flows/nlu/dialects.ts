import { normalizeText } from './normalize.js';

/**
 * Everyday words of spoken Arabic (Levantine, Egyptian, Gulf, Maghrebi) and their Modern Standard Arabic forms. A
 * marketer writes "أين طلبي؟" and a customer "وين طلبي؟": with both read as the standard word, one phrase teaches
 * both. Only words whose standard reading is the usual one: "هلا" (now, and hi), "ايه" (what, and yes), "ابي" (I want,
 * and my father) stay as they are.
 */
const SPOKEN_ARABIC: Record<string, string> = {
  ليش: 'لماذا', ليه: 'لماذا', علاش: 'لماذا', شو: 'ماذا', ايش: 'ماذا', وش: 'ماذا', شنو: 'ماذا', اشنو: 'ماذا',
  وين: 'أين', فين: 'أين', مين: 'من', قديش: 'كم', اديش: 'كم', قداش: 'كم', ازاي: 'كيف', شلون: 'كيف', كيفاش: 'كيف',
  امتى: 'متى', ايمتى: 'متى', وقتيش: 'متى',
  بدي: 'أريد', بدك: 'تريد', بده: 'يريد', بدها: 'تريد', بدنا: 'نريد', بدهم: 'يريدون', عايز: 'أريد', عايزة: 'أريد',
  عاوز: 'أريد', عاوزة: 'أريد', ابغى: 'أريد', ابغا: 'أريد', تبغى: 'تريد', بغيت: 'أريد', يبي: 'يريد', تبي: 'تريد',
  بقدر: 'أستطيع', مش: 'ليس', مو: 'ليس', موش: 'ليس', هيك: 'هكذا', كتير: 'كثير', وايد: 'كثير', بزاف: 'كثير',
  هلق: 'الآن', هسا: 'الآن', هسه: 'الآن', دلوقتي: 'الآن', الحين: 'الآن', دابا: 'الآن', مبارح: 'أمس',
  اشي: 'شيء', منيح: 'جيد', كويس: 'جيد', زي: 'مثل', رح: 'سوف', عشان: 'لأن', علشان: 'لأن', مشان: 'لأن', منشان: 'لأن',
  اللي: 'الذي', يلي: 'الذي', هاد: 'هذا', هادا: 'هذا', هدا: 'هذا', هيدا: 'هذا', ده: 'هذا', هاي: 'هذه', هيدي: 'هذه',
  هذي: 'هذه', بس: 'لكن', كمان: 'أيضا', برضو: 'أيضا', لسا: 'بعد', لسه: 'بعد', شوي: 'قليلا', شوية: 'قليلا',
  مصاري: 'أموال', فلوس: 'أموال', ايوه: 'نعم', ايوا: 'نعم',
};

/** Spoken Persian and its written forms; "می خوام" written apart reads as "می خواهم". */
const SPOKEN_PERSIAN: Record<string, string> = {
  میخوام: 'می‌خواهم', نمیخوام: 'نمی‌خواهم', خوام: 'خواهم', میخوای: 'می‌خواهی', میخواین: 'می‌خواهید',
  میدونم: 'می‌دانم', نمیدونم: 'نمی‌دانم', دونم: 'دانم', میدونی: 'می‌دانی', میدونید: 'می‌دانید', میدونین: 'می‌دانید',
  میتونم: 'می‌توانم', نمیتونم: 'نمی‌توانم', تونم: 'توانم', میتونی: 'می‌توانی', میتونید: 'می‌توانید', میتونین: 'می‌توانید',
  میشه: 'می‌شود', نمیشه: 'نمی‌شود', چیه: 'چیست', کیه: 'کیست', کجاس: 'کجاست', چطوری: 'چطور', چجوری: 'چطور',
  اینو: 'این', اون: 'آن', اونو: 'آن', اونا: 'آنها', اونجا: 'آنجا', یه: 'یک', خونه: 'خانه', برام: 'برایم',
  بگین: 'بگویید', بگید: 'بگویید', بدین: 'بدهید', بدید: 'بدهید', کنین: 'کنید', دارین: 'دارید', هستین: 'هستید',
};

/** Both sides written as `normalizeText` writes a message, since that is what the classifier reads. */
const normalized = (words: Record<string, string>) => new Map(Object.entries(words).map(([spoken, written]) => [normalizeText(spoken), normalizeText(written)]));

const STANDARD_FORMS: Record<string, Map<string, string>> = { ar: normalized(SPOKEN_ARABIC), fa: normalized(SPOKEN_PERSIAN) };

/**
 * A normalised message with the spoken words of its language in their written forms. Only the message's own language:
 * "شو" is "what" in spoken Arabic and "become" in Persian.
 */
export function standardForms(normalizedText: string, lang: string | undefined): string {
  const words = lang ? STANDARD_FORMS[lang] : undefined;
  if (!words || !normalizedText) return normalizedText;
  return normalizedText.split(' ').map((word) => words.get(word) ?? word).join(' ');
}
