/**
 * Numbers people spell out, by language: "two", "dwie", "ثلاثة", "سه تا", "dwadzieścia", "پنجاه", "خمسين". Each word adds
 * its value; {@link NUMBER_MULTIPLIERS} multiply what was said before them.
 */
export const NUMBER_WORDS: Record<string, Record<string, number>> = {
  en: {
    zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
    thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
    twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  },
  pl: {
    zero: 0, jeden: 1, jedna: 1, jedno: 1, jedną: 1, dwa: 2, dwie: 2, dwóch: 2, trzy: 3, trzech: 3, cztery: 4, czterech: 4,
    pięć: 5, pięciu: 5, sześć: 6, sześciu: 6, siedem: 7, siedmiu: 7, osiem: 8, ośmiu: 8, dziewięć: 9, dziewięciu: 9, dziesięć: 10, dziesięciu: 10,
    jedenaście: 11, dwanaście: 12, trzynaście: 13, czternaście: 14, piętnaście: 15, szesnaście: 16, siedemnaście: 17, osiemnaście: 18, dziewiętnaście: 19,
    dwadzieścia: 20, trzydzieści: 30, czterdzieści: 40, pięćdziesiąt: 50, sześćdziesiąt: 60, siedemdziesiąt: 70, osiemdziesiąt: 80, dziewięćdziesiąt: 90,
    dwudziestu: 20, trzydziestu: 30, czterdziestu: 40, pięćdziesięciu: 50, sześćdziesięciu: 60, siedemdziesięciu: 70, osiemdziesięciu: 80, dziewięćdziesięciu: 90,
    sto: 100, stu: 100, dwieście: 200, dwustu: 200, trzystu: 300, czterystu: 400, pięciuset: 500, trzysta: 300, czterysta: 400, pięćset: 500, sześćset: 600, siedemset: 700, osiemset: 800, dziewięćset: 900,
  },
  ar: {
    صفر: 0, واحد: 1, واحدة: 1, أحد: 1, إحدى: 1, اثنان: 2, اثنين: 2, اثنتان: 2, اثنتين: 2, اثنا: 2, اثني: 2, ثلاثة: 3, ثلاث: 3, أربعة: 4, أربع: 4,
    خمسة: 5, خمس: 5, ستة: 6, سبعة: 7, سبع: 7, ثمانية: 8, ثماني: 8, تسعة: 9, تسع: 9, عشرة: 10, عشر: 10,
    عشرون: 20, عشرين: 20, ثلاثون: 30, ثلاثين: 30, أربعون: 40, أربعين: 40, خمسون: 50, خمسين: 50, ستون: 60, ستين: 60,
    سبعون: 70, سبعين: 70, ثمانون: 80, ثمانين: 80, تسعون: 90, تسعين: 90,
    مئتان: 200, مئتين: 200, ميتين: 200, ثلاثمئة: 300, ثلاثمائة: 300, أربعمئة: 400, أربعمائة: 400, خمسمئة: 500, خمسمائة: 500,
    ستمئة: 600, ستمائة: 600, سبعمئة: 700, سبعمائة: 700, ثمانمئة: 800, ثمانمائة: 800, تسعمئة: 900, تسعمائة: 900, ألفين: 2000, ألفان: 2000,
  },
  fa: {
    صفر: 0, یک: 1, یه: 1, دو: 2, سه: 3, چهار: 4, پنج: 5, شش: 6, شیش: 6, هفت: 7, هشت: 8, نه: 9, ده: 10,
    یازده: 11, دوازده: 12, سیزده: 13, چهارده: 14, پانزده: 15, پونزده: 15, شانزده: 16, شونزده: 16, هفده: 17, هیفده: 17, هجده: 18, هیجده: 18, نوزده: 19,
    بیست: 20, سی: 30, چهل: 40, پنجاه: 50, شصت: 60, هفتاد: 70, هشتاد: 80, نود: 90,
    یکصد: 100, دویست: 200, سیصد: 300, چهارصد: 400, پانصد: 500, پونصد: 500, ششصد: 600, هفتصد: 700, هشتصد: 800, نهصد: 900,
  },
};

/** Words that multiply the number said before them (1 when none was): "two hundred", "ثلاث مئة", "صد هزار", "pięć tysięcy". */
export const NUMBER_MULTIPLIERS: Record<string, Record<string, number>> = {
  en: { hundred: 100, thousand: 1e3, million: 1e6 },
  pl: { tysiąc: 1e3, tysiąca: 1e3, tysiące: 1e3, tysięcy: 1e3, milion: 1e6, miliony: 1e6, milionów: 1e6 },
  ar: { مئة: 100, مائة: 100, مية: 100, ميه: 100, ألف: 1e3, آلاف: 1e3, مليون: 1e6, ملايين: 1e6 },
  fa: { صد: 100, هزار: 1e3, میلیون: 1e6 },
};

/** Words that join the parts of a number: "one hundred and five", "بیست و پنج", "خمسة وعشرون" (joined to the next word). */
export const NUMBER_JOINERS: Record<string, string[]> = { en: ['and'], ar: ['و'], fa: ['و'] };
