import * as chrono from 'chrono-node';
import { spelledNumberPattern } from './spelled-numbers.js';
import { amountOf, comingDayOfMonth, compiledOnce, FEW_WORDS, rightAway, type DateUnit, dayOfMonth, type DayPart, dayPartTime, hourInWords, hourSaidIn, hoursSaid, hoursWindow, hourWithFraction, mergeDateThenTime, MONDAY, monthPart, monthStart, namedMonthPart, partGroups, partMatched, type PartWords, periodSaid, shifted, timeOfDay, timeWithPartOfDay, weekday, weekdayOfNextWeek, workweekPart, yearlyDays } from './date-parts.js';
import { afterWordOrAlone, alternation, WORD_END, WORD_START } from './patterns.js';

/**
 * Polish dates for chrono, which ships no Polish: "jutro o 15", "w przyszły piątek", "za dwa tygodnie",
 * "za pół godziny", "w weekend", "w przyszłym miesiącu", "24 grudnia 2026", "piątego maja", "w marcu". Patterns are
 * written without diacritics: the text is folded first (ą → a, ł → l…), one character for one, so offsets stay valid.
 */

const FOLD: Record<string, string> = { ą: 'a', ć: 'c', ę: 'e', ł: 'l', ń: 'n', ó: 'o', ś: 's', ź: 'z', ż: 'z', Ą: 'A', Ć: 'C', Ę: 'E', Ł: 'L', Ń: 'N', Ó: 'O', Ś: 'S', Ź: 'Z', Ż: 'Z' };

const DAYS: Record<string, number> = { przedwczoraj: -2, wczoraj: -1, dzisiaj: 0, dzis: 0, jutro: 1, pojutrze: 2 };
const WEEKDAYS: Record<string, number> = {
  poniedzialek: 1, wtorek: 2, sroda: 3, srode: 3, czwartek: 4, piatek: 5, sobota: 6, sobote: 6, niedziela: 0, niedziele: 0,
};
const NEXT = /^(?:przyszl|nastepn)/;
const MONTHS: Record<string, number> = {
  stycznia: 1, lutego: 2, marca: 3, kwietnia: 4, maja: 5, czerwca: 6,
  lipca: 7, sierpnia: 8, wrzesnia: 9, pazdziernika: 10, listopada: 11, grudnia: 12,
};
/** Where "w marcu" (in March) says the month. */
const MONTHS_IN: Record<string, number> = {
  styczniu: 1, lutym: 2, marcu: 3, kwietniu: 4, maju: 5, czerwcu: 6,
  lipcu: 7, sierpniu: 8, wrzesniu: 9, pazdzierniku: 10, listopadzie: 11, grudniu: 12,
};
const ORDINAL_UNITS = ['pierwszego', 'drugiego', 'trzeciego', 'czwartego', 'piatego', 'szostego', 'siodmego', 'osmego', 'dziewiatego'];
const ORDINAL_TEENS = ['dziesiatego', 'jedenastego', 'dwunastego', 'trzynastego', 'czternastego', 'pietnastego', 'szesnastego', 'siedemnastego', 'osiemnastego', 'dziewietnastego'];
/** Days of the month as ordinals, "piątego grudnia", "dwudziestego czwartego grudnia", keyed with one space. */
const ORDINAL_DAYS: Record<string, number> = Object.fromEntries([
  ...ORDINAL_UNITS.map((w, i) => [w, i + 1]),
  ...ORDINAL_TEENS.map((w, i) => [w, i + 10]),
  ['dwudziestego', 20],
  ...ORDINAL_UNITS.map((w, i) => [`dwudziestego ${w}`, i + 21]),
  ['trzydziestego', 30],
  ['trzydziestego pierwszego', 31],
]);
const UNITS: [RegExp, DateUnit][] = [
  [/^minut/, 'minute'], [/^godz/, 'hour'], [/^(?:dni|dzien)/, 'day'], [/^tydz|^tygod/, 'week'], [/^miesi/, 'month'], [/^(?:rok|lat)/, 'year'],
];
const UNIT = String.raw`minut[eya]?|godzin[eya]?|godz\.?|dni|dzien|tydzien|tygodni[e]?|miesiac[e]?|miesiecy|rok|lata|lat`;

const dayWord: chrono.Parser = {
  pattern: compiledOnce(() => new RegExp(`${WORD_START}(${alternation(Object.keys(DAYS))})${WORD_END}`, 'iu')),
  extract: (context, m) => shifted(context, DAYS[m[1].toLowerCase()], 'day'),
};

const weekdayWord: chrono.Parser = {
  pattern: compiledOnce(() => new RegExp(`${WORD_START}(?:we?\\s+)?(?:(przyszl[aey]|nastepn[aey]|najblizsz[aey]|ten|ta|te)\\s+)?(${alternation(Object.keys(WEEKDAYS))})${WORD_END}`, 'iu')),
  extract: (context, m) => weekday(context, WEEKDAYS[m[2].toLowerCase()], m[1] && NEXT.test(m[1].toLowerCase()) ? 'next' : 'this', MONDAY),
};

/** "za 3 dni", "za tydzień", "za dwie godziny", "za kilka dni"; "3 dni temu". */
const relative: chrono.Parser = {
  pattern: compiledOnce(() => {
    const amount = `\\d+|${alternation(FEW_WORDS.pl)}|${spelledNumberPattern('pl', foldPolish)}`;
    return new RegExp(`${WORD_START}(?:(za)\\s+(?:(${amount})\\s+)?(${UNIT})|(${amount})\\s+(${UNIT})\\s+(temu))${WORD_END}`, 'iu');
  }),
  extract: (context, m) => {
    const later = m[1] !== undefined;
    const unitWord = (later ? m[3] : m[5]).toLowerCase();
    const unit = UNITS.find(([re]) => re.test(unitWord))?.[1] ?? 'day';
    const amount = amountOf(later ? m[2] : m[4], 'pl');
    return shifted(context, later ? amount : -amount, unit);
  },
};

/** "w przyszłym tygodniu", "w następnym miesiącu", "w przyszłym roku". */
const nextPeriod: chrono.Parser = {
  pattern: compiledOnce(() => new RegExp(`${WORD_START}w\\s+(?:przyszlym|nastepnym)\\s+(tygodniu|miesiacu|roku)${WORD_END}`, 'iu')),
  extract: (context, m) => shifted(context, 1, m[1].toLowerCase().startsWith('tyg') ? 'week' : m[1].toLowerCase().startsWith('mies') ? 'month' : 'year'),
};

/** "w weekend", "na weekend", "w ten weekend": the coming Saturday; "w przyszły weekend": the one after. */
const weekend: chrono.Parser = {
  pattern: compiledOnce(() => new RegExp(`${WORD_START}(?:w|na)\\s+(?:(ten|przyszly|nastepny)\\s+)?weekend${WORD_END}`, 'iu')),
  extract: (context, m) => weekday(context, 6, m[1] && NEXT.test(m[1].toLowerCase()) ? 'next' : 'this', MONDAY),
};

/** How Polish says the beginning, the middle and the end of a period, folded. */
const PART_PHRASES: PartWords = [
  [String.raw`na\s+poczatku|z\s+poczatkiem|poczatek`, 'start'],
  [String.raw`w\s+polowie|polowa|w\s+srodku`, 'middle'],
  [String.raw`(?:(?:do|na|pod|przed)\s+)?(?:koniec|konca|koncem)`, 'end'],
];

/**
 * "do końca miesiąca", "na początku przyszłego miesiąca", "w połowie miesiąca", "koniec zeszłego miesiąca": the 1st,
 * 15th or last day (see `monthPart`); "na początku przyszłego tygodnia", "pod koniec tygodnia": its Monday or Friday
 * (`workweekPart`); "w połowie grudnia", "pod koniec stycznia": of that month.
 */
const periodPart: chrono.Parser = {
  pattern: compiledOnce(() =>
    new RegExp(
      `${WORD_START}(?:${partGroups(PART_PHRASES)})\\s+(?:(?:(tego)|(przyszlego|nastepnego)|(zeszlego|poprzedniego|ubieglego))\\s+)?(?:(miesiaca)|(tygodnia)|(${alternation(Object.keys(MONTHS))}))${WORD_END}`,
      'iu',
    )),
  extract: (context, m) => {
    const part = partMatched(PART_PHRASES, m);
    if (m[9]) return namedMonthPart(context, part, MONTHS[m[9].toLowerCase()]);
    return m[8] ? workweekPart(context, part, periodSaid(m, 4)) : monthPart(context, part, periodSaid(m, 4));
  },
};

/** "za pół godziny", "za kwadrans" ("za kwadrans piąta" is a time of day, 4:45). */
const halfOrQuarterHour: chrono.Parser = {
  pattern: compiledOnce(() => new RegExp(`${WORD_START}za\\s+(?:(pol)\\s+godziny|kwadrans)${WORD_END}`, 'iu')),
  extract: (context, m) => shifted(context, m[1] ? 30 : 15, 'minute'),
};

const YEAR = String.raw`(?:\s+(\d{4})(?:\s*r\.?)?)?`;

/** "24 grudnia", "24-go grudnia", "piątego grudnia", "dwudziestego czwartego grudnia", "3 maja 2027", "5 stycznia 2027 r.". */
const monthName: chrono.Parser = {
  pattern: compiledOnce(() =>
    new RegExp(`${WORD_START}(?:(\\d{1,2})(?:-?go)?|(${alternation(Object.keys(ORDINAL_DAYS)).replace(/ /g, '\\s+')}))\\s+(${alternation(Object.keys(MONTHS))})${YEAR}${WORD_END}`, 'iu')),
  extract: (context, m) => {
    const day = m[1] ? Number(m[1]) : ORDINAL_DAYS[m[2].toLowerCase().replace(/\s+/g, ' ')];
    return dayOfMonth(context, day, MONTHS[m[3].toLowerCase()], m[4] ? Number(m[4]) : undefined);
  },
};

/**
 * A day of the month without the month, the next one to come: after a preposition ("na dwunastego", "do 15-go"), or
 * a whole message ("dwunastego", "12-go"), also with a time ("dwunastego o 15"). Not an ordinal inside a sentence:
 * "dwunastego klienta" is no date.
 */
const dayOfMonthAlone: chrono.Parser = {
  pattern: compiledOnce(() =>
    new RegExp(afterWordOrAlone('na|do|od|przed|po', `(?:(${alternation(Object.keys(ORDINAL_DAYS)).replace(/ /g, '\\s+')})|(\\d{1,2})-?(?:go|ego))`, TIME_START()), 'iu')),
  extract: (context, m) => comingDayOfMonth(context, m[1] ? ORDINAL_DAYS[m[1].toLowerCase().replace(/\s+/g, ' ')] : Number(m[2])),
};

/** A month without its day, "w marcu", "od stycznia", "do maja 2027": its first day. */
const monthAlone: chrono.Parser = {
  pattern: compiledOnce(() =>
    new RegExp(`${WORD_START}(?:w\\s+(${alternation(Object.keys(MONTHS_IN))})|(?:od|do)\\s+(${alternation(Object.keys(MONTHS))}))${YEAR}${WORD_END}`, 'iu')),
  extract: (context, m) => monthStart(context, m[1] ? MONTHS_IN[m[1].toLowerCase()] : MONTHS[m[2].toLowerCase()], m[3] ? Number(m[3]) : undefined),
};

const PERIOD = String.raw`rano|po\s+poludniu|wieczorem|w\s+nocy`;

/** "o 15", "o 9:30 rano", "wieczorem o 8", "o godzinie 8 wieczorem", "godz. 15". */
const timeWord: chrono.Parser = {
  pattern: compiledOnce(() =>
    new RegExp(`${WORD_START}(?:(${PERIOD})\\s+)?(?:o\\s+(?:godz(?:inie|\\.)?\\s*)?|godz(?:inie|\\.)?\\s*)(\\d{1,2})(?:[:.](\\d{2}))?(?:\\s+(${PERIOD}))?${WORD_END}`, 'iu')),
  extract: (context, m) => {
    const hour = Number(m[2]);
    const period = (m[1] ?? m[4])?.toLowerCase().replace(/\s+/g, ' ');
    if (!period) return timeOfDay(context, hour, Number(m[3] ?? 0));
    return timeOfDay(context, hour, Number(m[3] ?? 0), period === 'po poludniu' || period === 'wieczorem' || (period === 'w nocy' && hour >= 6) ? 'pm' : 'am');
  },
};

/** The hours said as ordinals, folded: "o trzeciej", "wpół do czwartej" (of the hour), "za kwadrans piąta" (the hour). */
const HOURS_OF = hoursSaid(['pierwszej', 'drugiej', 'trzeciej', 'czwartej', 'piatej', 'szostej', 'siodmej', 'osmej', 'dziewiatej', 'dziesiatej', 'jedenastej', 'dwunastej']);
const HOURS_NAMED = hoursSaid(['pierwsza', 'druga', 'trzecia', 'czwarta', 'piata', 'szosta', 'siodma', 'osma', 'dziewiata', 'dziesiata', 'jedenasta', 'dwunasta']);
/** Both forms, and the hour a word of either says. */
const HOURS_IN_WORDS = { ...HOURS_OF, ...HOURS_NAMED };
const hourNamed = (word: string) => HOURS_IN_WORDS[word.toLowerCase()];

/**
 * "o trzeciej" (at 3), "wpół do czwartej" (3:30), "kwadrans po trzeciej" (3:15), "za kwadrans piąta" (4:45), also with
 * digits ("wpół do 5"): `timeWord` reads hours in digits only.
 */
const hourInWordsOrFraction: chrono.Parser = {
  pattern: compiledOnce(() => {
    const hours = alternation(Object.keys(HOURS_IN_WORDS));
    return new RegExp(`${WORD_START}(?:(?:o\\s+)?(?:(w?pol)\\s+do|(kwadrans)\\s+po|za\\s+kwadrans)\\s+(?:(${hours})|(\\d{1,2})(?:-?ej)?)|o\\s+(${alternation(Object.keys(HOURS_OF))}))${WORD_END}`, 'iu');
  }),
  extract: (context, m) => {
    if (m[5]) return hourInWords(context, hourNamed(m[5]));
    const hour = m[3] ? hourNamed(m[3]) : Number(m[4]);
    return hourWithFraction(context, hour, m[1] ? -30 : m[2] ? 15 : -15);
  },
};

/** What may follow a time said with "około", "po" or "od": the end of the clause, a day or a part of the day. */
const AFTER_TIME = String.raw`(?=\s*(?:$|[,!?;)]|\.(?!\d)|(?:dzis|dzisiaj|jutro|pojutrze|rano|wieczorem|po\s+poludniu|w\s+nocy|w\s+\p{L}+|prosze)(?!\p{L})))`;

/**
 * "około 15", "koło trzeciej", "po 16", "przed 12", "od 15 do 17", "między trzecią a piątą" (a window from one to the other): hours
 * read as numbers. So that "po 3 kremy" stays a number, the time ends the clause or comes before a day or a part of
 * the day.
 */
const hourAroundOrFrom: chrono.Parser = {
  pattern: compiledOnce(() => {
    const hour = `(?:(\\d{1,2})(?:[:.](\\d{2}))?|(${alternation(Object.keys(HOURS_IN_WORDS))}))`;
    return new RegExp(
      `${WORD_START}(?:okolo|kolo|ok\\.|po|przed|od|miedzy)\\s+(?:godz(?:iny|\\.)?\\s*)?${hour}(?:\\s+(?:do|a|-)\\s+(?:godz(?:iny|\\.)?\\s*)?${hour})?${AFTER_TIME}`,
      'iu',
    );
  }),
  extract: (context, m) => {
    const at = (digits?: string, minutes?: string, words?: string) => (words ? hourSaidIn(context, true, hourNamed(words), Number(minutes ?? 0)) : digits ? hourSaidIn(context, false, Number(digits), Number(minutes ?? 0)) : null);
    return hoursWindow(context, m, at(m[1], m[2], m[3]), at(m[4], m[5], m[6]));
  },
};

/** Holidays on a fixed day, folded: "przed wigilią", "na Boże Narodzenie", "do sylwestra", "po Nowym Roku". */
const holidays = yearlyDays([
  ['wigili[aięą]', 12, 24],
  [String.raw`boz(?:e|ego|ym)\s+narodzeni(?:e|a|u)`, 12, 25],
  ['sylwestr(?:a|em|ze)?|sylwester', 12, 31],
  [String.raw`now(?:y|ego|ym)\s+rok(?:u|iem)?`, 1, 1],
  ['walentyn(?:ki|ek|kami|kach)', 2, 14],
  ['mikolaj(?:ki|ek)', 12, 6],
]);

/** The parts of the day said without a time ("w południe" is noon, a time). */
const PARTS_OF_DAY: [string, DayPart | 'noon'][] = [['rano', 'morning'], [String.raw`w\s+poludnie`, 'noon'], [String.raw`po\s+poludniu`, 'afternoon'], ['wieczorem', 'evening'], [String.raw`w\s+nocy`, 'night']];

/** The words a time of day starts with ("o 15", "godz. 9", "rano"), in folded text: what may follow a day said alone. */
const TIME_START = () => ['o', 'godz', ...PARTS_OF_DAY.map(([part]) => part)].join('|');

/** "jutro rano", "w piątek po południu", "dziś wieczorem": that part of the day (see `dayPartTime`). */
const partOfDay: chrono.Parser = {
  pattern: compiledOnce(() => new RegExp(`${WORD_START}(?:${PARTS_OF_DAY.map(([part]) => `(${part})`).join('|')})${WORD_END}`, 'iu')),
  extract: (context, m) => dayPartTime(context, PARTS_OF_DAY[PARTS_OF_DAY.findIndex((_, i) => m[1 + i] !== undefined)][1]),
};

/** Polish letters to their base letters, one for one. */
export function foldPolish(text: string): string {
  return text.replace(/[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/g, (c) => FOLD[c]);
}

/** "teraz", "od razu", "jak najszybciej (się da)": now (folded text). */
const RIGHT_AWAY = String.raw`teraz|od\s+razu|natychmiast|jak\s+najszybciej(?:\s+sie\s+da)?|jak\s+najpredzej|asap`;

/** chrono's language-neutral formats (24.12.2026, 15:30) plus the Polish words above. */
export function polishChrono(): chrono.Chrono {
  const parser = chrono.en.strict.clone();
  parser.parsers.unshift(monthName, monthAlone, dayOfMonthAlone, nextPeriod, weekend, periodPart, halfOrQuarterHour, relative, weekdayWord, dayWord, hourInWordsOrFraction, hourAroundOrFrom, holidays, timeWord, partOfDay, rightAway(RIGHT_AWAY, 'iu'));
  parser.refiners.push(timeWithPartOfDay(/^\s*,?\s*$/), mergeDateThenTime(/^\s*,?\s*$/), weekdayOfNextWeek(/^(?:w\s+przyszlym\s+tygodniu|za\s+tydzien)$/i, MONDAY));
  return parser;
}

/** Words worth running the parser for, in folded text (digits are checked separately). */
export const PL_DATE_WORD = new RegExp(
  `${WORD_START}(?:${alternation([...Object.keys(DAYS), ...Object.keys(WEEKDAYS), ...Object.keys(MONTHS), ...Object.keys(MONTHS_IN), ...ORDINAL_UNITS, ...ORDINAL_TEENS, 'dwudziestego', 'trzydziestego', 'za', 'przyszlym', 'nastepnym', 'temu', 'teraz', 'razu', 'natychmiast', 'najszybciej', 'najpredzej', 'asap', 'weekend', 'koniec', 'konca', 'koncem', 'poczatku', 'poczatkiem', 'poczatek', 'polowie', 'polowa', 'srodku', 'rano', 'poludniu', 'wieczorem', 'nocy', 'wpol', 'pol', 'kwadrans', 'okolo', 'kolo', 'miedzy', 'wigilia', 'wigilii', 'wigilie', 'narodzenia', 'narodzenie', 'sylwester', 'sylwestra', 'rok', 'roku', 'walentynki', 'mikolajki', ...Object.keys(HOURS_OF)])})${WORD_END}`,
  'iu',
);
