/**
 * An intent at least this confident is sure: "did you mean…?" is asked only below it, and only a sure intent may
 * leave an unanswered question for a digression.
 */
export const SURE_INTENT = 0.7;

/** Built-in texts in the supported languages; flows override them in settings or on the block. */
export const DEFAULT_TEXTS = {
  fallback: {
    en: "Sorry, something went wrong on my side. Let's start again.",
    pl: 'Przepraszam, coś poszło nie tak po mojej stronie. Zacznijmy od nowa.',
    ar: 'عذرًا، حدث خطأ من جهتي. لنبدأ من جديد.',
    fa: 'متأسفم، مشکلی از سمت من پیش آمد. بیایید از نو شروع کنیم.',
  },
  retry: {
    en: "Sorry, I didn't get that.",
    pl: 'Przepraszam, nie zrozumiałem.',
    ar: 'عذرًا، لم أفهم ذلك.',
    fa: 'ببخشید، متوجه نشدم.',
  },
  timeOnDay: {
    en: 'At what time on {{day}}?',
    pl: '{{day}} – o której godzinie?',
    ar: 'في أي ساعة يوم {{day}}؟',
    fa: '{{day}}، چه ساعتی؟',
  },
  handoff: {
    en: 'I am connecting you with a person from our team. Please wait a moment.',
    pl: 'Łączę Cię z konsultantem. Proszę chwilę poczekać.',
    ar: 'أقوم بتحويلك إلى أحد أفراد فريقنا. يرجى الانتظار قليلًا.',
    fa: 'شما را به یکی از همکارانمان وصل می‌کنم. لطفاً کمی صبر کنید.',
  },
  optOut: {
    en: 'You are unsubscribed and will not get messages from us. Write any time if you need us.',
    pl: 'Wypisano Cię. Nie będziemy wysyłać wiadomości. Napisz, jeśli będziesz czegoś potrzebować.',
    ar: 'تم إلغاء اشتراكك ولن تصلك رسائل منا. راسلنا في أي وقت إذا احتجت إلينا.',
    fa: 'اشتراک شما لغو شد و دیگر پیامی از ما دریافت نمی‌کنید. هر وقت نیاز داشتید پیام دهید.',
  },
  notFound: {
    en: "I don't know the answer to that yet.",
    pl: 'Nie znam jeszcze odpowiedzi na to pytanie.',
    ar: 'لا أعرف الإجابة عن ذلك بعد.',
    fa: 'هنوز پاسخ این سؤال را نمی‌دانم.',
  },
  yes: { en: 'Yes', pl: 'Tak', ar: 'نعم', fa: 'بله' },
  no: { en: 'No', pl: 'Nie', ar: 'لا', fa: 'نه' },
  view: { en: 'View', pl: 'Zobacz', ar: 'عرض', fa: 'مشاهده' },
  recommendIntro: {
    en: 'Here are my picks for you, {{rec.reason}}:',
    pl: 'Oto moje propozycje dla Ciebie, {{rec.reason}}:',
    ar: 'إليك اختياراتي لك، {{rec.reason}}:',
    fa: 'این‌ها پیشنهادهای من برای شماست، {{rec.reason}}:',
  },
  recommendEmpty: {
    en: "I couldn't find a product that fits, {{rec.reason}}.",
    pl: 'Nie znalazłem produktu, który pasuje, {{rec.reason}}.',
    ar: 'لم أجد منتجًا مناسبًا، {{rec.reason}}.',
    fa: 'محصول مناسبی پیدا نکردم، {{rec.reason}}.',
  },
  source: { en: 'Source', pl: 'Źródło', ar: 'المصدر', fa: 'منبع' },
} as const;

/** How the recommend block explains itself ("because you said under 50 and dry skin"). */
export const REASON_WORDS: Record<string, { because: string; under: string; and: string; none: string }> = {
  en: { because: 'because you said ', under: 'under {n}', and: ' and ', none: 'based on our bestsellers' },
  pl: { because: 'na podstawie Twoich odpowiedzi: ', under: 'do {n}', and: ' i ', none: 'na podstawie naszych bestsellerów' },
  ar: { because: 'لأنك قلت ', under: 'أقل من {n}', and: ' و', none: 'بناءً على الأكثر مبيعًا لدينا' },
  fa: { because: 'چون گفتید ', under: 'زیر {n}', and: ' و ', none: 'بر اساس پرفروش‌ترین‌های ما' },
};

/** Global command phrases per language. Matched as the whole message, or (multi-word) inside it for handoff/restart. */
export const DEFAULT_COMMANDS: Record<'handoff' | 'optOut' | 'restart', Record<string, string[]>> = {
  handoff: {
    en: ['agent', 'human', 'operator', 'talk to a person', 'talk to a human', 'speak to a human', 'real person', 'live agent', 'customer service'],
    pl: ['konsultant', 'człowiek', 'operator', 'rozmowa z człowiekiem', 'chcę rozmawiać z człowiekiem', 'żywy człowiek', 'obsługa klienta'],
    // Arabizi and Finglish too: customers who type Arabic or Persian in Latin letters.
    ar: ['موظف', 'انسان', 'إنسان', 'وكيل', 'خدمة العملاء', 'التحدث مع موظف', 'اريد التحدث مع انسان', 'mowazaf', 'mowazzaf', 'khedmat el omala'],
    fa: ['اپراتور', 'پشتیبان', 'پشتیبانی', 'انسان', 'کارشناس', 'صحبت با اپراتور', 'صحبت با انسان', 'poshtibani', 'poshtiban', 'ensan', 'karshenas', 'sohbat ba operator'],
  },
  optOut: {
    en: ['stop', 'unsubscribe', 'opt out', 'stop messaging me'],
    pl: ['stop', 'wypisz', 'wypisz mnie', 'rezygnuję', 'nie pisz do mnie'],
    ar: ['إلغاء الاشتراك', 'الغاء', 'توقف', 'إيقاف'],
    fa: ['لغو', 'لغو اشتراک', 'توقف', 'دیگر پیام ندهید'],
  },
  restart: {
    en: ['restart', 'start over', 'reset', 'start again'],
    pl: ['od nowa', 'zacznij od nowa', 'restart', 'jeszcze raz od początku'],
    ar: ['ابدأ من جديد', 'إعادة البدء', 'من البداية'],
    fa: ['شروع مجدد', 'از اول', 'از نو', 'شروع دوباره'],
  },
};
