/** Numbers people spell out, by language: "two", "dwie", "ثلاثة", "سه تا", "dwadzieścia minut". */
export const NUMBER_WORDS: Record<string, Record<string, number>> = {
  en: { zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, twenty: 20 },
  pl: {
    zero: 0, jeden: 1, jedna: 1, jedno: 1, jedną: 1, dwa: 2, dwie: 2, dwóch: 2, trzy: 3, trzech: 3, cztery: 4, czterech: 4,
    pięć: 5, pięciu: 5, sześć: 6, siedem: 7, osiem: 8, dziewięć: 9, dziesięć: 10, dwadzieścia: 20,
  },
  ar: {
    صفر: 0, واحد: 1, واحدة: 1, اثنان: 2, اثنين: 2, اثنتان: 2, اثنتين: 2, ثلاثة: 3, ثلاث: 3, أربعة: 4, أربع: 4, خمسة: 5, خمس: 5,
    ستة: 6, سبعة: 7, سبع: 7, ثمانية: 8, ثماني: 8, تسعة: 9, تسع: 9, عشرة: 10, عشر: 10, عشرون: 20, عشرين: 20,
  },
  fa: { صفر: 0, یک: 1, یه: 1, دو: 2, سه: 3, چهار: 4, پنج: 5, شش: 6, شیش: 6, هفت: 7, هشت: 8, نه: 9, ده: 10, بیست: 20 },
};
