import type { PartialDate } from '../types';
import { foldText } from '../text/normalize';
import { makePartialDate } from './partialDate';

// Month names as they appear after foldText (lower case, alef/ya/ta-marbuta folded): English,
// Levantine/Iraqi Arabic (كانون الثاني …), Egyptian/Gulf Arabic (يناير …) and Maghrebi spellings.
const MONTH_NAMES: Array<[number, string[]]> = [
  [1, ['january', 'jan', 'كانون الثاني', 'يناير', 'جانفي']],
  [2, ['february', 'feb', 'شباط', 'فبراير', 'فيفري']],
  [3, ['march', 'mar', 'اذار', 'مارس']],
  [4, ['april', 'apr', 'نيسان', 'ابريل', 'افريل']],
  [5, ['may', 'ايار', 'مايو', 'ماي']],
  [6, ['june', 'jun', 'حزيران', 'يونيو', 'يونيه', 'جوان']],
  [7, ['july', 'jul', 'تموز', 'يوليو', 'يوليه', 'يوليوز', 'جويليه']],
  [8, ['august', 'aug', 'اب', 'اغسطس', 'اوت', 'غشت']],
  [9, ['september', 'sept', 'sep', 'ايلول', 'سبتمبر', 'شتنبر']],
  [10, ['october', 'oct', 'تشرين الاول', 'اكتوبر']],
  [11, ['november', 'nov', 'تشرين الثاني', 'نوفمبر', 'نونبر']],
  [12, ['december', 'dec', 'كانون الاول', 'ديسمبر', 'دجنبر']],
];
const MONTH_BY_NAME = new Map<string, number>();
for (const [month, names] of MONTH_NAMES) for (const name of names) MONTH_BY_NAME.set(name, month);

// Longest names first so "تشرين الثاني" wins over a shorter prefix and "sept" over "sep".
const MONTH = `(${[...MONTH_BY_NAME.keys()].sort((a, b) => b.length - a.length).map((n) => n.replace(/ /g, '\\s+')).join('|')})`;
// A Levantine month is often glossed with its Egyptian name: "آذار/مارس", "آذار (مارس)".
const MONTH_GLOSS = `(?:\\s*(?:/|\\()\\s*${MONTH}\\s*\\)?)?`;
const NOT_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_AFTER = '(?![\\p{L}\\p{N}])';
const ORDINAL = '(?:st|nd|rd|th)?';

interface DatePattern {
  re: RegExp;
  read(m: RegExpExecArray): PartialDate | undefined;
}

function monthOf(name: string): number {
  return MONTH_BY_NAME.get(name.replace(/\s+/g, ' ')) ?? 0;
}

/** Day-first unless that is impossible and month-first is not: dd-mm-yyyy is the outlets' convention. */
function readNumericDayMonth(year: number, first: number, second: number): PartialDate | undefined {
  return makePartialDate(year, second, first) ?? (first <= 12 && second > 12 ? makePartialDate(year, first, second) : undefined);
}

const DAY_PATTERNS: DatePattern[] = [
  {
    re: new RegExp(`${NOT_BEFORE}(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})${NOT_AFTER}`, 'u'),
    read: (m) => makePartialDate(+m[1], +m[2], +m[3]),
  },
  {
    re: new RegExp(`${NOT_BEFORE}(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4})${NOT_AFTER}`, 'u'),
    read: (m) => readNumericDayMonth(+m[3], +m[1], +m[2]),
  },
  {
    re: new RegExp(`${NOT_BEFORE}(\\d{1,2})${ORDINAL}\\s*(?:of\\s+)?${MONTH}\\.?${MONTH_GLOSS}\\s*,?\\s*(\\d{4})${NOT_AFTER}`, 'u'),
    read: (m) => makePartialDate(+m[4], monthOf(m[2]), +m[1]),
  },
  {
    re: new RegExp(`${NOT_BEFORE}${MONTH}\\.?\\s+(\\d{1,2})${ORDINAL}\\s*,?\\s*(\\d{4})${NOT_AFTER}`, 'u'),
    read: (m) => makePartialDate(+m[3], monthOf(m[1]), +m[2]),
  },
];

const MONTH_PATTERNS: DatePattern[] = [
  {
    re: new RegExp(`${NOT_BEFORE}${MONTH}\\.?${MONTH_GLOSS}\\s*,?\\s*(\\d{4})${NOT_AFTER}`, 'u'),
    read: (m) => makePartialDate(+m[3], monthOf(m[1])),
  },
  {
    re: new RegExp(`${NOT_BEFORE}(\\d{4})-(\\d{2})${NOT_AFTER}`, 'u'),
    read: (m) => makePartialDate(+m[1], +m[2]),
  },
];

const YEAR_PATTERN: DatePattern = {
  re: new RegExp(`${NOT_BEFORE}((?:19|20)\\d{2})${NOT_AFTER}`, 'u'),
  read: (m) => makePartialDate(+m[1]),
};

interface FoundDate {
  date: PartialDate;
  index: number;
  length: number;
}

/** The earliest valid date the patterns find; `impossible` when one matched text that is no real date. */
function earliest(folded: string, patterns: DatePattern[]): FoundDate | 'impossible' | undefined {
  let best: FoundDate | undefined;
  let impossible = false;
  for (const p of patterns) {
    const m = p.re.exec(folded);
    if (!m || (best && m.index >= best.index)) continue;
    const date = p.read(m);
    if (date) best = { date, index: m.index, length: m[0].length };
    else impossible = true;
  }
  return best ?? (impossible ? 'impossible' : undefined);
}

function findInFolded(folded: string, allowYearOnly: boolean): FoundDate | undefined {
  // An impossible full date ("31-02-2019") is a misprint: its month and year are not to be trusted either.
  for (const patterns of [DAY_PATTERNS, MONTH_PATTERNS, ...(allowYearOnly ? [[YEAR_PATTERN]] : [])]) {
    const found = earliest(folded, patterns);
    if (found === 'impossible') return undefined;
    if (found) return found;
  }
  return undefined;
}

/**
 * The first date written in `text` ("24 March 2019", "November 24, 2020", "24-09-2019",
 * "٢٤ تشرين الثاني ٢٠٢٠", "March 2019"), as precise as the text gives it. A bare year counts
 * only with `allowYearOnly`, since most four-digit numbers in prose are not dates.
 */
export function parseDate(text: string, options: { allowYearOnly?: boolean } = {}): PartialDate | undefined {
  return findInFolded(foldText(text), options.allowYearOnly ?? false)?.date;
}

// Labels that introduce a page's date; "published" beats "updated" when both appear.
const LABEL = new RegExp(
  '^\\s*(?:(first published|published on|published|posted on|posted|date|dated|release date|تاريخ النشر|نشر بتاريخ|نشر في|تم النشر|نشر|التاريخ|بتاريخ)' +
    '|(last modified|last updated|modified|updated|اخر تحديث|تاريخ التحديث|تم التحديث))\\s*(?:[:：|-]|\\s)',
  'u',
);
// What may stand beside a date on a line of its own: weekdays, times, zones, "updated … ago",
// and the Hijri date that Gulf and Saudi outlets print next to the Gregorian one.
const HIJRI_MONTH =
  "(?:muharram|safar|rabi['’]?\\s*al-?\\s*(?:awwal|thani|akhir)|jumad[ao]\\s*al-?\\s*(?:ula|awwal|akhirah?|thani)|rajab|sha['’]?ban|ramadan|shawwal|dhu\\s*al-?\\s*(?:qi['’]?dah|hijjah)" +
  '|محرم|صفر|ربيع الاول|ربيع الاخر|ربيع الثاني|جمادي الاولي|جمادي الاخره|جمادي الاول|جمادي الثاني|رجب|شعبان|رمضان|شوال|ذو القعده|ذو الحجه)';
const DATE_LINE_EXTRAS = new RegExp(
  [
    `\\d{1,2}\\s+${HIJRI_MONTH}\\s+\\d{4}\\s*(?:ah|هـ|ه)?`,
    '\\d{1,2}:\\d{2}(?::\\d{2})?\\s*(?:a\\.?m\\.?|p\\.?m\\.?)?',
    '(?:sunday|monday|tuesday|wednesday|thursday|friday|saturday|sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)\\.?',
    '(?:الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت)',
    '(?:gmt|utc)\\s*[+-]\\s*\\d{1,2}(?::?\\d{2})?',
    '(?:gmt|utc|gst|ast|est|edt|cet|ad|ce|at|on|ص|م|مساء|صباحا|بتوقيت)',
    '(?:last\\s+)?updated',
    '\\d+\\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\\s+ago',
    '[+-]\\d{2}:?\\d{2}',
  ]
    .map((p) => `${NOT_BEFORE}${p}${NOT_AFTER}`)
    .join('|'),
  'gu',
);
// A dated line longer than this is prose that mentions a date, not a page's date line.
const MAX_DATE_LINE = 160;
// Every date a date line can state has a four-digit year: a cheap test before folding the line.
const HAS_YEAR = /[0-9٠-٩۰-۹]{4}/;

export interface DateLine {
  date: PartialDate;
  /** 0: a publication label, 1: a bare date line, 2: an "updated" label. Lower is the better witness. */
  rank: 0 | 1 | 2;
}

function readDateSegment(folded: string): DateLine | undefined {
  const label = LABEL.exec(folded);
  if (label) {
    const found = findInFolded(folded.slice(label[0].length), true);
    if (found) return { date: found.date, rank: label[1] ? 0 : 2 };
  }
  const found = findInFolded(folded, false);
  if (!found) return undefined;
  const rest = (folded.slice(0, found.index) + ' ' + folded.slice(found.index + found.length)).replace(DATE_LINE_EXTRAS, ' ');
  return /[\p{L}\p{N}]/u.test(rest) ? undefined : { date: found.date, rank: 1 };
}

/**
 * Reads a line that states the page's date: "Last Modified: Sunday، 24 March 2019 02:47 PM",
 * "Published: 24 Nov 2020", a line holding nothing but a date ("24-09-2019", "الثلاثاء ٢٤
 * تشرين الثاني ٢٠٢٠"), or such a date as one part of a "|"-separated line ("By … | March 14,
 * 2022"). Prose that merely mentions a date is not a date line.
 */
export function readDateLine(line: string): DateLine | undefined {
  if (line.length > MAX_DATE_LINE || !HAS_YEAR.test(line)) return undefined;
  let best: DateLine | undefined;
  for (const segment of foldText(line).split(/[|•·]/)) {
    const found = readDateSegment(segment);
    if (found && (!best || found.rank < best.rank)) best = found;
  }
  return best;
}

// A wire dateline opens the lead paragraph: "24-09-2019 Shafaq News/ …", "Posted on November 24, 2020 by …".
const LEAD_DATE_WINDOW = 80;
const LEAD_DATE_OFFSET = 20;
const LEAD_LINES = 3;

/** A full date at the very start of a lead line ("24-09-2019 Shafaq News/ …"), if any. */
export function readLeadDate(line: string): PartialDate | undefined {
  const found = findInFolded(foldText(line.slice(0, LEAD_DATE_WINDOW)), false);
  return found && found.index < LEAD_DATE_OFFSET && found.date.precision === 'day' ? found.date : undefined;
}

/**
 * Picks the publication date from a page's date lines (the best-ranked, then the first) or,
 * failing those, from a date opening one of its first lines.
 */
export function choosePublicationDate(dateLines: DateLine[], leadLines: string[]): PartialDate | undefined {
  let best: DateLine | undefined;
  for (const found of dateLines) if (!best || found.rank < best.rank) best = found;
  if (best) return best.date;
  for (const line of leadLines.slice(0, LEAD_LINES)) {
    const date = readLeadDate(line);
    if (date) return date;
  }
  return undefined;
}

/** Finds the publication date of a raw article (see `choosePublicationDate`). */
export function findPublicationDate(text: string): PartialDate | undefined {
  const dateLines: DateLine[] = [];
  const lead: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const found = readDateLine(line);
    if (found) dateLines.push(found);
    else if (lead.length < LEAD_LINES) lead.push(line);
  }
  return choosePublicationDate(dateLines, lead);
}
