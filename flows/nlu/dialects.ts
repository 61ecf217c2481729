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

/**
 * English as typed in chat ("can u pls", "i wanna", "idk"), and contractions spelt out ("what's" → "what is"; phrases
 * and messages write them both ways), apostrophes gone as `normalizeText` drops them. Not "its", "id", "ill", "well"
 * or "were", which are words too; not "w" (with) nor "n" (and): in a Polish message taken for English they are "in"
 * and a letter.
 */
const CHAT_ENGLISH: Record<string, string> = {
  u: 'you', ur: 'your', r: 'are', pls: 'please', plz: 'please', pleez: 'please', thx: 'thanks', thnx: 'thanks', tnx: 'thanks',
  thanx: 'thanks', ty: 'thank you', wanna: 'want to', gonna: 'going to', gotta: 'got to', cuz: 'because', coz: 'because',
  bc: 'because', bcuz: 'because', tmrw: 'tomorrow', tmr: 'tomorrow', '2moro': 'tomorrow', '2morrow': 'tomorrow', msg: 'message',
  pw: 'password', pwd: 'password', abt: 'about', wat: 'what', wut: 'what', wot: 'what', idk: 'i dont know', dunno: 'dont know',
  gimme: 'give me', lemme: 'let me', ppl: 'people', acct: 'account', hv: 'have', b4: 'before', thru: 'through', tho: 'though',
  wud: 'would', cud: 'could', shud: 'should', wen: 'when', rn: 'right now', bday: 'birthday', some1: 'someone', any1: 'anyone',
  no1: 'no one', every1: 'everyone', prolly: 'probably',
  whats: 'what is', dont: 'do not', doesnt: 'does not', didnt: 'did not', cant: 'can not', cannot: 'can not', wont: 'will not',
  isnt: 'is not', arent: 'are not', wasnt: 'was not', werent: 'were not', havent: 'have not', hasnt: 'has not', hadnt: 'had not',
  couldnt: 'could not', wouldnt: 'would not', shouldnt: 'should not', im: 'i am', ive: 'i have', youre: 'you are', youve: 'you have',
  theyre: 'they are', hows: 'how is', wheres: 'where is', whos: 'who is', thats: 'that is', theres: 'there is', whens: 'when is',
};

/** Polish as typed in chat. */
const CHAT_POLISH: Record<string, string> = {
  nwm: 'nie wiem', wgl: 'w ogóle', pzdr: 'pozdrawiam', pls: 'proszę', plz: 'proszę', thx: 'dziękuję', dzk: 'dziękuję', dzięki: 'dziękuję',
  sory: 'przepraszam', sorki: 'przepraszam', cb: 'ciebie',
};

/**
 * The chat spellings of English or Polish ("idk", "nwm"), which tell the language of a short message: language
 * detectors read "idk" as Esperanto. Single letters ("u", "r") tell nothing: "u" is also a Polish word.
 */
export function chatSpellings(lang: 'en' | 'pl'): string[] {
  return Object.keys(lang === 'en' ? CHAT_ENGLISH : CHAT_POLISH).filter((word) => word.length > 1);
}

/** Both sides written as `normalizeText` writes a message, since that is what the classifier reads. */
const normalized = (words: Record<string, string>) => new Map(Object.entries(words).map(([spoken, written]) => [normalizeText(spoken), normalizeText(written)]));

const STANDARD_FORMS: Record<string, Map<string, string>> = {
  ar: normalized(SPOKEN_ARABIC),
  fa: normalized(SPOKEN_PERSIAN),
  en: normalized(CHAT_ENGLISH),
  pl: normalized(CHAT_POLISH),
};

/**
 * A normalised message with the spoken words of its language in their written forms. Only the message's own language:
 * "شو" is "what" in spoken Arabic and "become" in Persian.
 */
export function standardForms(normalizedText: string, lang: string | undefined): string {
  const words = lang ? STANDARD_FORMS[lang] : undefined;
  if (!words || !normalizedText) return normalizedText;
  return normalizedText.split(' ').map((word) => words.get(word) ?? word).join(' ');
}
