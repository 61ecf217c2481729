import type { IntentExample } from '../../../flows/nlu/index.js';

const phrases: Record<string, Record<string, string[]>> = {
  order_status: {
    en: ['where is my order', 'track my package', 'has my order shipped yet', 'when will my parcel arrive', 'order status please'],
    ar: ['أين طلبي', 'تتبع شحنتي', 'متى يصل طلبي', 'هل تم شحن طلبي', 'ما حالة الطلب'],
    fa: ['سفارشم کجاست', 'پیگیری سفارش', 'سفارش من کی میرسه', 'وضعیت سفارشم چیه', 'بسته من ارسال شده؟'],
    pl: ['gdzie jest moje zamówienie', 'śledzenie przesyłki', 'kiedy dotrze moja paczka', 'status zamówienia', 'czy moje zamówienie zostało wysłane'],
  },
  refund: {
    en: ['i want my money back', 'how do i return this item', 'refund my purchase', 'can i get a refund', 'i would like to return the shoes'],
    ar: ['أريد استرداد أموالي', 'كيف أرجع المنتج', 'أريد إرجاع الحذاء', 'هل يمكنني استرجاع المبلغ', 'طلب استرداد'],
    fa: ['میخواهم پولم را پس بگیرم', 'چطور کالا را مرجوع کنم', 'بازپرداخت وجه', 'میخوام کفش رو پس بدم', 'درخواست مرجوعی'],
    pl: ['chcę zwrot pieniędzy', 'jak zwrócić produkt', 'zwrot zakupu', 'czy mogę dostać zwrot', 'chcę oddać buty'],
  },
  opening_hours: {
    en: ['what time do you open', 'when are you open', 'opening hours', 'are you open on sunday', 'what time does the store close'],
    ar: ['متى تفتحون', 'ما هي ساعات العمل', 'هل أنتم مفتوحون يوم الأحد', 'متى يغلق المتجر', 'أوقات الدوام'],
    fa: ['ساعت کاری فروشگاه', 'کی باز هستید', 'جمعه ها باز هستید؟', 'فروشگاه چه ساعتی تعطیل میشه', 'ساعات کار'],
    pl: ['o której otwieracie', 'godziny otwarcia', 'czy jesteście otwarci w niedzielę', 'kiedy zamykacie sklep', 'w jakich godzinach pracujecie'],
  },
  greeting: {
    en: ['hello', 'hi there', 'good morning', 'hey', 'hello how are you'],
    ar: ['مرحبا', 'السلام عليكم', 'صباح الخير', 'أهلا', 'مرحبا كيف حالك'],
    fa: ['سلام', 'سلام وقت بخیر', 'صبح بخیر', 'درود', 'سلام خوبی؟'],
    pl: ['cześć', 'dzień dobry', 'witam', 'hej', 'siema jak się masz'],
  },
  shipping_cost: {
    en: ['how much is shipping', 'delivery cost', 'is shipping free', 'what are the delivery fees', 'how much do you charge for delivery'],
    ar: ['كم تكلفة الشحن', 'هل التوصيل مجاني', 'ما هي رسوم التوصيل', 'سعر الشحن', 'كم تكلفة التوصيل'],
    fa: ['هزینه ارسال چقدره', 'ارسال رایگان است؟', 'هزینه پست', 'هزینه حمل و نقل', 'قیمت ارسال چنده'],
    pl: ['ile kosztuje wysyłka', 'koszt dostawy', 'czy dostawa jest darmowa', 'jaka jest opłata za przesyłkę', 'ile płacę za dostawę'],
  },
};

export function multilingualExamples(): IntentExample[] {
  const out: IntentExample[] = [];
  for (const [intent, byLang] of Object.entries(phrases)) {
    for (const [lang, texts] of Object.entries(byLang)) for (const text of texts) out.push({ intent, text, lang });
  }
  return out;
}

/** Paraphrases not in the training phrases. */
export const heldOut: [string, string][] = [
  ['where is my order??', 'order_status'],
  ['can you track my parcel', 'order_status'],
  ['أين الطلب الخاص بي', 'order_status'],
  ['سفارش من کجاست؟', 'order_status'],
  ['gdzie jest moja paczka', 'order_status'],
  ['I want a refund', 'refund'],
  ['أريد استرداد المبلغ', 'refund'],
  ['میخوام پولم رو پس بگیرم', 'refund'],
  ['chcę zwrócić buty', 'refund'],
  ['when do you open on saturday', 'opening_hours'],
  ['ما هي أوقات العمل', 'opening_hours'],
  ['ساعت کاری شما چیه', 'opening_hours'],
  ['w jakich godzinach jest otwarty sklep', 'opening_hours'],
  ['hi, good morning', 'greeting'],
  ['السلام عليكم ورحمة الله', 'greeting'],
  ['سلام، صبح بخیر', 'greeting'],
  ['cześć, dzień dobry', 'greeting'],
  ['how much does delivery cost', 'shipping_cost'],
  ['كم رسوم الشحن', 'shipping_cost'],
  ['هزینه ارسال چند است', 'shipping_cost'],
  ['ile kosztuje dostawa', 'shipping_cost'],
];
