// The one definition of what a numeric field and a date field look like in a source file, shared
// by every loader. Strings (general path) and byte ranges (the fast price path) follow the same
// grammar: the byte version handles the common plain-decimal case itself and hands anything else
// to the string version, so the two can never disagree.

import { epochDay, isCalendarDate, isoDay, marketDay, preMarketDate } from '../dates.ts';
import { DataError } from '../errors.ts';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A number in plain decimal or exponent notation; NaN for anything else, blank included, and for
 * text beyond binary64's range (`1e400`, which Number() reads as Infinity: outOfRange says so).
 * Text below its smallest positive value (`1e-400`) reads as 0, as Number() reads it.
 */
export function parseNumber(text: string): number {
  if (!NUMBER.test(text)) return NaN;
  const value = Number(text);
  return Number.isFinite(value) ? value : NaN;
}

/**
 * The number `text` writes (parseNumber's grammar) times 10^`power`, rounded once: the digits read
 * with their exponent moved, so a percent (power −2) is the double its fraction reads as — "57.7"
 * is 0.577, exactly `parseNumber('0.577')`, where 57.7 / 100 rounds twice to 0.5770000000000001
 * (a third of two-decimal percents differ so). NaN as parseNumber: not a number, or beyond the
 * range of one once scaled.
 */
export function parseScaledNumber(text: string, power: number): number {
  if (!NUMBER.test(text)) return NaN;
  const [, digits, exponent] = /^(.*?)(?:[eE]([+-]?\d+))?$/.exec(text)!;
  const value = Number(`${digits}e${Number(exponent ?? 0) + power}`);
  return Number.isFinite(value) ? value : NaN;
}

/** How a refusal says a value overflows binary64 (Number.MAX_VALUE ≈ 1.8e308): loaders and the engine's book check alike. */
export const BEYOND_RANGE = 'beyond the range of a number (±1.8e308)';

/**
 * A positive magnitude given by its base-10 logarithm `log10` as a mantissa of `digits` decimals
 * and a power of ten, for messages about values binary64 cannot hold (1e326 shares, ÷1e310): the
 * mantissa is rounded within [1, 10), so 9.96e325 at one decimal is 1.0 and 326, never 10.0 and 325.
 */
export function powerOfTen(log10: number, digits: number): { readonly mantissa: string; readonly power: number } {
  const floor = Math.floor(log10);
  const scale = 10 ** digits;
  const rounded = Math.round(10 ** (log10 - floor) * scale) / scale;
  return rounded >= 10 ? { mantissa: (1).toFixed(digits), power: floor + 1 } : { mantissa: rounded.toFixed(digits), power: floor };
}

/** True for text in a number's form whose value lies beyond binary64's range, ±1.8e308 (`1e400`): parseNumber refuses it. */
export function outOfRange(text: string): boolean {
  return NUMBER.test(text) && !Number.isFinite(Number(text));
}

/**
 * The smallest normal binary64, 2^−1022 ≈ 2.2250738585072014e-308. A price below it is subnormal:
 * it keeps fewer significant bits, and a value divided by it (returns, shares for a target) leaves
 * the range of a number — the loaders refuse such a price (subnormalPrice).
 */
export const MIN_NORMAL = 2 ** -1022;

/** How a refusal says a price is subnormal (below MIN_NORMAL). */
export const BELOW_NORMAL = 'is below the smallest normal number (2.2e-308): a price this small cannot be divided by';

/** True for text in a number's form with a non-zero digit that reads as 0 all the same (`1e-400`: below 5e-324). */
export function underflows(text: string): boolean {
  return NUMBER.test(text) && Number(text) === 0 && /[1-9]/.test(text.split(/[eE]/)[0]);
}

// Exact powers of ten: m / 10^k with m < 2^53 and k <= 22 is one correctly rounded division,
// so the fast path gives the same double as Number(text) (Clinger's fast path).
const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
const MAX_EXACT_MANTISSA = 2 ** 53;

const CH_0 = 48;
const CH_9 = 57;
const CH_MINUS = 45;
const CH_PLUS = 43;
const CH_DOT = 46;

/** parseNumber over bytes [start, end) of an ASCII buffer. */
export function parseNumberBytes(bytes: Buffer, start: number, end: number): number {
  let i = start;
  let negative = false;
  if (bytes[i] === CH_MINUS) {
    negative = true;
    i++;
  } else if (bytes[i] === CH_PLUS) i++;
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < end; i++) {
    const c = bytes[i];
    if (c >= CH_0 && c <= CH_9) {
      mantissa = mantissa * 10 + (c - CH_0);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === CH_DOT && fraction < 0) fraction = 0;
    else return parseNumber(bytes.toString('latin1', start, end));
  }
  if (digits === 0) return NaN;
  // Too many digits for one exact division: the bytes are a valid plain decimal, so the
  // engine's own (correctly rounded) conversion can take the text (and refuse 309 digits and more).
  if (mantissa >= MAX_EXACT_MANTISSA || fraction > 22) return parseNumber(bytes.toString('latin1', start, end));
  const value = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
  return negative ? -value : value;
}

/**
 * The common form of a price field, read in the same pass that finds its end: digits with an
 * optional point and more digits, unsigned. Writes its value to `into[at]` (the value
 * parseNumberBytes gives) and returns the index of the first byte after it; -1 when the field
 * starts otherwise or is out of the exact range, for the caller to read it the general way.
 */
export function readPlainDecimal(bytes: Buffer, start: number, into: Float64Array, at: number): number {
  let q = start;
  let c = bytes[q];
  let mantissa = 0;
  let digits = 0;
  for (; c >= CH_0 && c <= CH_9; c = bytes[++q], digits++) mantissa = mantissa * 10 + (c - CH_0);
  let fraction = 0;
  if (c === CH_DOT) for (c = bytes[++q]; c >= CH_0 && c <= CH_9; c = bytes[++q], digits++, fraction++) mantissa = mantissa * 10 + (c - CH_0);
  if (digits === 0 || mantissa >= MAX_EXACT_MANTISSA || fraction > 22) return -1;
  into[at] = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
  return q;
}

function digitAt(bytes: Buffer, k: number): number {
  const d = bytes[k] - CH_0;
  return d >= 0 && d <= 9 ? d : NaN;
}

// Epoch days of dates already seen, addressed by (year, month, day): a file repeats a few
// thousand dates millions of times, and a table lookup is far cheaper than checking each one.
const TABLE_FIRST_YEAR = 1800;
const TABLE_YEARS = 400;
const UNKNOWN = 0x7fffffff;
const INVALID = -0x80000000;
const dayTable = new Int32Array(TABLE_YEARS * 13 * 32).fill(UNKNOWN);

/**
 * Epoch day of a date field in bytes [start, end), or NaN: ISO `YYYY-MM-DD` here (the common
 * case, through a table of dates already seen), any other accepted form through parseDateText;
 * a market date either way (dates.ts marketDay: a real date from 1800-01-01 on).
 */
export function parseIsoDayBytes(bytes: Buffer, start: number, end: number): number {
  if (end - start !== 10 || bytes[start + 4] !== CH_MINUS || bytes[start + 7] !== CH_MINUS) return parseDateText(bytes.toString('latin1', start, end));
  const year = digitAt(bytes, start) * 1000 + digitAt(bytes, start + 1) * 100 + digitAt(bytes, start + 2) * 10 + digitAt(bytes, start + 3);
  const month = digitAt(bytes, start + 5) * 10 + digitAt(bytes, start + 6);
  const date = digitAt(bytes, start + 8) * 10 + digitAt(bytes, start + 9);
  const inTable = year >= TABLE_FIRST_YEAR && year < TABLE_FIRST_YEAR + TABLE_YEARS && month <= 12 && date <= 31;
  if (!inTable) return marketDay(year, month, date); // NaN digits land here too
  const slot = ((year - TABLE_FIRST_YEAR) * 13 + month) * 32 + date;
  let day = dayTable[slot];
  if (day === UNKNOWN) {
    const computed = marketDay(year, month, date);
    day = dayTable[slot] = Number.isNaN(computed) ? INVALID : computed;
  }
  return day === INVALID ? NaN : day;
}

// A date-time at midnight, with or without seconds, fraction and a UTC designator or offset:
// yfinance writes a daily bar as local midnight, `2024-01-02 00:00:00-05:00`, which is that date.
const MIDNIGHT = /^(\d{4})-(\d{2})-(\d{2})[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
/** YYYYMMDD, alone or at midnight as QuantConnect LEAN writes a daily bar (`20240102 00:00`). */
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?: 00:00(?::00)?)?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
/**
 * Year, month, day with one separator, `/`, `.` or `-`, and months and days of one or two digits
 * (2024/01/02, Excel's short date in Japanese, Chinese and Korean locales; 2024.01.02; 2024-1-2),
 * alone or at midnight (`2024/1/2 0:00`): the year first leaves no doubt which number is the day.
 */
const YEAR_FIRST = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?:[T ]0?0:00(?::00(?:\.0+)?)?)?$/;
/** Day, English month abbreviation, year: Refinitiv Eikon's 18-Jan-2024 (or 18 Jan 2024): the month's name leaves no doubt. */
const NAMED_MONTH = /^(\d{1,2})[- ]([A-Za-z]{3})[- ](\d{4})$/;
/** English month abbreviation, day, comma, year: Investing.com's older `Jan 16, 2024`, as plain as 16-Jan-2024. */
/** Month name, day, year: Investing.com's Jan 16, 2024 — the name abbreviated (Jan, Sept, Sep.) or whole (January). */
const MONTH_FIRST_NAMED = /^([A-Za-z]{3,9})\.? (\d{1,2}), (\d{4})$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** The month (1–12) an English name or abbreviation of three letters or more names (Jan, Sept, January); 0 for none. */
function monthNamed(word: string): number {
  const w = word.toLowerCase();
  return MONTH_NAMES.findIndex((name) => name.startsWith(w)) + 1;
}

/** The year, month and day a date field writes. */
interface WrittenDate {
  readonly year: number;
  readonly month: number;
  readonly date: number;
}

/** The parts of a date in a form parseDateText reads, as written: undefined for another form (whether they make a market date is marketDay's to say). */
function writtenDate(text: string): WrittenDate | undefined {
  const m = ISO.exec(text) ?? MIDNIGHT.exec(text) ?? COMPACT.exec(text);
  if (m) return { year: +m[1], month: +m[2], date: +m[3] };
  const yearFirst = YEAR_FIRST.exec(text);
  if (yearFirst) return { year: +yearFirst[1], month: +yearFirst[3], date: +yearFirst[4] };
  const named = NAMED_MONTH.exec(text);
  const namedMonth = named ? MONTHS.indexOf(named[2].toLowerCase()) + 1 : 0;
  if (namedMonth > 0) return { year: +named![3], month: namedMonth, date: +named![1] };
  const monthFirst = MONTH_FIRST_NAMED.exec(text);
  const month = monthFirst ? monthNamed(monthFirst[1]) : 0;
  return month > 0 ? { year: +monthFirst![3], month, date: +monthFirst![2] } : undefined;
}

/**
 * Epoch day of a daily bar's date: ISO `YYYY-MM-DD`, an ISO date-time at midnight
 * (`2024-01-02T00:00:00Z`, `2024-01-02 00:00:00`, `2024-01-02 00:00:00-05:00`: the date as
 * written, whatever the offset), year first with `/`, `.` or `-` and one- or two-digit months and
 * days (`2024/01/02`, `2024.1.2`, `2024-1-2`, also at midnight `2024/1/2 0:00`: YEAR_FIRST),
 * compact `YYYYMMDD` (or `YYYYMMDD 00:00`), `18-Jan-2024` or
 * `Jan 18, 2024` (also `Sept 18, 2024`, `January 18, 2024`: a month's name leaves no doubt which
 * number is the day); NaN otherwise, and for a date before 1800 (dates.ts marketDay).
 * Day-month orders (`01/02/2024`) are never guessed.
 */
export function parseDateText(text: string): number {
  const written = writtenDate(text);
  return written === undefined ? NaN : marketDay(written.year, written.month, written.date);
}

const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
/** Such a date with a time of day: `1/2/2024 16:00:00` (Google Sheets), `02.01.2024 09:30`, `1/2/2024 4:00 PM`. */
const SLASHED_TIMED = /^(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})[T ](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)$/;
/** Such dates anywhere in a file's text, each a whole field. */
const SLASHED_FIELDS = /(?<![^\s,;"])(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}(?![^\s,;"])/g;

/** Which field of a `01/18/2024` date is the month. */
export type SlashedDateOrder = 'monthFirst' | 'dayFirst';

/**
 * The order of a file's `NN/NN/YYYY` dates, when the file shows it: some date has a number above
 * 12 in one place and none has one in the other (Nasdaq.com's 01/18/2024 is month/day). Undefined
 * when every date is ambiguous (01/02/2024 alone), when both places go above 12 (not one order),
 * or when there are no such dates.
 */
export function slashedDateOrder(text: string): SlashedDateOrder | undefined {
  let firstAbove12 = false;
  let secondAbove12 = false;
  for (const m of text.matchAll(SLASHED_FIELDS)) {
    if (+m[1] > 12) firstAbove12 = true;
    if (+m[2] > 12) secondAbove12 = true;
  }
  return firstAbove12 === secondAbove12 ? undefined : secondAbove12 ? 'monthFirst' : 'dayFirst';
}

/** Epoch day of a `NN/NN/YYYY` date (or with . or -) in a known order; NaN otherwise. */
export function parseSlashedDate(text: string, order: SlashedDateOrder): number {
  const m = SLASHED.exec(text);
  if (!m) return NaN;
  return order === 'monthFirst' ? marketDay(+m[3], +m[1], +m[2]) : marketDay(+m[3], +m[2], +m[1]);
}
/** A year-first date (ISO or YEAR_FIRST's) with a time of day, and its zone: `2024-01-02 09:30`, `2024/1/2 9:30:00+09:00`. */
const TIMED = /^(\d{4}([-/.])\d{1,2}\2\d{1,2})[T ](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/;

/** A month as factor files write it, `1927-01` or `192701`. */
const YEAR_MONTH = /^(\d{4})-?(\d{2})$/;

/**
 * The year (and month and day, where the text says which is which) of a date in any form a reader
 * takes or names in its refusal: parseDateText's, a date-time, `NN/NN/YYYY`, a factor file's month.
 */
function yearWritten(text: string): { year: number; month?: number; date?: number } | undefined {
  const written = writtenDate(TIMED.exec(text)?.[1] ?? text);
  if (written !== undefined) return written;
  const slashed = SLASHED.exec(text);
  if (slashed) {
    const [first, second, year] = [+slashed[1], +slashed[2], +slashed[3]];
    return first > 12 ? { year, month: second, date: first } : second > 12 ? { year, month: first, date: second } : { year };
  }
  const month = YEAR_MONTH.exec(text);
  return month ? { year: +month[1] } : undefined;
}

const MONTH_TITLES = MONTH_NAMES.map((name) => `${name[0].toUpperCase()}${name.slice(1)}`);

/** Why a year, month and day written make no calendar date (`February 2024 has 29 days`, `there is no month 13`), or undefined when they make one or the text leaves them open. */
function noCalendarDate({ year, month, date }: { year: number; month?: number; date?: number }): string | undefined {
  if (month === undefined || date === undefined || isCalendarDate(year, month, date)) return undefined;
  if (!(month >= 1 && month <= 12)) return `there is no month ${month}`;
  return `${MONTH_TITLES[month - 1]} ${year} has ${epochDay(year, month + 1, 1) - epochDay(year, month, 1)} days`;
}

/** Why a date field was refused: the problem, and the date to show in the fix when it can be told, or the fix itself. */
function dateProblem(text: string, order?: SlashedDateOrder): { problem: string; example?: string; fix?: string } {
  const slashedTimed = SLASHED_TIMED.exec(text);
  if (slashedTimed) {
    // 1/2/2024 16:00:00 (Google Sheets' date-time): the time of day first, then the date as it would be read alone.
    const timeOfDay = `has a time of day (${slashedTimed[2]}); breadth reads daily bars, one row per date at midnight or with no time`;
    const day = order === undefined ? NaN : parseSlashedDate(slashedTimed[1], order);
    if (!Number.isNaN(day)) return { problem: timeOfDay, example: isoDay(day) };
    const inner = dateProblem(slashedTimed[1]);
    return { problem: `${timeOfDay}, and its date ${slashedTimed[1]} ${inner.problem}`, example: inner.example, fix: inner.fix };
  }
  const written = yearWritten(text);
  const early = written && preMarketDate(written.year, written.month, written.date);
  if (early) return { problem: `is ${early.reason}`, fix: early.fix };
  const impossible = written && noCalendarDate(written);
  if (impossible) return { problem: `is not a calendar date (${impossible})`, fix: 'correct the date, or remove the row' };
  const slashed = SLASHED.exec(text);
  if (slashed) {
    const [first, second, year] = [+slashed[1], +slashed[2], slashed[3]];
    const iso = (month: number, date: number): string => `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
    if (first > 12 && second <= 12) return { problem: 'is day/month/year, which breadth does not read', example: iso(second, first) };
    if (second > 12 && first <= 12) return { problem: 'is month/day/year, which breadth does not read', example: iso(first, second) };
    return { problem: 'is ambiguous (day/month or month/day?)' };
  }
  if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/.test(text)) return { problem: 'is ambiguous (day/month or month/day, and which century?)' };
  const timed = TIMED.exec(text);
  if (timed) {
    const zone = timed[4] ?? '';
    const { year, month, date } = writtenDate(timed[1])!;
    const problem = `has a time of day (${timed[3]}${zone}); breadth reads daily bars, one row per date at midnight or with no time`;
    const day = epochDay(year, month, date);
    const east = midnightEastOfUtc(timed[3], zone);
    if (east !== undefined) {
      return {
        problem: `${problem}, and in UTC the date may not be the exchange's: ${timed[3]}${zone} is midnight of ${isoDay(day + 1)} at UTC${east}`,
        fix: `write each row's date as the exchange's local date, YYYY-MM-DD: ${isoDay(day + 1)} where these are local midnights converted to UTC (pandas' tz_convert('UTC') of an exchange at UTC${east}), ${isoDay(day)} where the exchange is west of UTC; or save the dates before converting them to UTC`,
      };
    }
    return { problem, example: isoDay(day) };
  }
  return numericDateProblem(text) ?? { problem: 'is not a valid date' };
}

/**
 * For a UTC time of day (`Z`, `+00:00`) from 10:00 on: the offset east of UTC at which it is the
 * next day's midnight (`23:00` → `+01:00`, `15:00` → `+09:00`; zones reach +14:00), for a refusal
 * to say that date too — a local midnight of Europe or Asia converted to UTC falls on the day
 * before, so the date as written is a day early there. Undefined for other times and zones
 * (an offset of the exchange's own, `16:00:00-05:00`, writes its local date).
 */
function midnightEastOfUtc(time: string, zone: string): string | undefined {
  if (zone !== 'Z' && !/^[+-]00:?00$/.test(zone)) return undefined;
  const [hours, minutes, seconds = '0'] = time.split(':');
  if (+hours < 10 || Number(seconds) !== 0) return undefined;
  const toMidnight = 24 * 60 - (+hours * 60 + +minutes);
  return `+${String(Math.floor(toMidnight / 60)).padStart(2, '0')}:${String(toMidnight % 60).padStart(2, '0')}`;
}

const MS_PER_DAY = 86_400_000;
/** Excel's serial day 25569 is 1970-01-01 (its 1900 system, serials after 1900-02-28). */
const EXCEL_EPOCH_SERIAL = 25_569;

/**
 * A date written as a number: Unix time in seconds, milliseconds (Polygon's `t`) or nanoseconds
 * (Polygon's flat files), or an Excel serial day; the problem names which, with the date it is.
 */
function numericDateProblem(text: string): { problem: string; example: string } | undefined {
  if (!/^\d+(?:\.0+)?$/.test(text)) return undefined;
  const n = Number(text);
  const unix = (what: string, perDay: number): { problem: string; example: string } => {
    const example = isoDay(Math.floor(n / perDay));
    return { problem: `looks like Unix time in ${what}, ${example} UTC: convert it to that date`, example };
  };
  if (text.length >= 18 && text.length <= 19) return unix('nanoseconds (Polygon flat files)', MS_PER_DAY * 1e6);
  if (text.length === 13) return unix('milliseconds (Polygon\'s t)', MS_PER_DAY);
  if (text.length === 10) return unix('seconds', MS_PER_DAY / 1000);
  if (text.length === 5) {
    const example = isoDay(n - EXCEL_EPOCH_SERIAL);
    return { problem: `looks like an Excel serial day number (${example}): format the column as yyyy-mm-dd in Excel before saving`, example };
  }
  return undefined;
}
/** Where a field sits, for error messages. */
export interface FieldPlace {
  readonly file: string;
  readonly line: number;
  readonly column: string;
}

/**
 * What spreadsheets and vendors write for a missing value: null, NaN, N/A, NA, -, Excel's #N/A and
 * Python's None (Alpha Vantage, pandas), in any case; and `#N/A` with a reason, as Bloomberg's
 * Excel add-in writes a value it has not (`#N/A N/A`, `#N/A Field Not Applicable`, `#N/A History`),
 * unless the reason says the sheet is broken rather than the value missing (brokenCell).
 */
export function isMissingMarker(text: string): boolean {
  return /^(?:null|none|nan|n\/a|na|-|#n\/a(?:[ \t].*)?)$/i.test(text) && brokenCell(text) === undefined;
}

/**
 * Cells a spreadsheet writes where it failed to fetch or compute a value, none of them a missing
 * value to leave out: Bloomberg's `#N/A Requesting Data...` (the sheet saved before its data came),
 * `#N/A Invalid Security` / `#N/A Invalid Field` (a wrong identifier or field: every value of it
 * is wrong), its connection and entitlement errors, and Excel's error values other than #N/A
 * (#DIV/0!, #VALUE!, #REF!, #NAME?, #NUM!, #NULL!, #SPILL!, #CALC!, #GETTING_DATA).
 */
const BROKEN_CELLS: readonly { readonly pattern: RegExp; readonly problem: string; readonly fix: string }[] = [
  { pattern: /^#n\/a\s+requesting data/i, problem: "Bloomberg's placeholder while a value loads: the sheet was saved before its data arrived", fix: 'let the sheet finish loading, then save it again' },
  { pattern: /^#getting_data$/i, problem: "Excel's placeholder while a value loads: the sheet was saved before its data arrived", fix: 'let the sheet finish loading, then save it again' },
  { pattern: /^#n\/a\s+invalid (?:security|ticker)/i, problem: 'Bloomberg did not recognise the security, so none of its values is real', fix: 'correct the security identifier in the sheet, let it load, then save it again' },
  { pattern: /^#n\/a\s+(?:invalid field|unknown field|field not valid)/i, problem: 'Bloomberg did not recognise the field, so none of its values is real', fix: 'correct the field mnemonic in the sheet, let it load, then save it again' },
  { pattern: /^#n\/a\s+(?:connection|not logged in|login|authoriz|not authorized|no entitlement|limit|daily limit|bloomberg)/i, problem: "Bloomberg's add-in could not fetch the data (not connected, logged in or entitled)", fix: 'reconnect the add-in, refresh the sheet, let it load, then save it again' },
  { pattern: /^#(?:div\/0!|value!|ref!|name\?|num!|null!|spill!|calc!)$/i, problem: 'a spreadsheet formula error', fix: 'correct the formula in the sheet, or leave the cell empty where the value is not known' },
];

/** Why a spreadsheet's error cell (BROKEN_CELLS) is no value to read, with its fix; undefined for other text. */
export function brokenCell(text: string): { readonly problem: string; readonly fix: string } | undefined {
  if (!text.startsWith('#')) return undefined;
  const found = BROKEN_CELLS.find((b) => b.pattern.test(text));
  return found && { problem: found.problem, fix: found.fix };
}

const SPACE_NAMES: Readonly<Record<string, string>> = { ' ': 'a space', '\u00a0': 'a no-break space (U+00A0)', '\u202f': 'a narrow no-break space (U+202F)' };
/** Digits grouped in threes by a space of any kind, as French and Swiss locales print `1 994,20`. */
const SPACE_GROUPED = /^[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d*)?$/;

/**
 * The refusal of a number grouped by spaces (`1 994,20`), naming the space (a no-break one looks
 * like any other), or undefined when `text` is not one.
 */
export function spaceGroupedError(at: FieldPlace, text: string): DataError | undefined {
  if (!SPACE_GROUPED.test(text)) return undefined;
  const space = /[ \u00a0\u202f]/.exec(text)![0];
  const plain = text.replace(/[ \u00a0\u202f]/g, '');
  return new DataError(at.file, at.line, `${at.column} "${text.replace(/[\u00a0\u202f]/g, ' ')}" groups its digits with ${SPACE_NAMES[space]}, which breadth does not read as a thousands separator`, `remove the spaces from the numbers (${plain}), e.g. by saving without digit grouping`);
}

/** `text` for a message: its first 40 characters (and an ellipsis where it is longer). */
export const shownText = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/**
 * The refusal of a field that parseNumber refused: a missing-value marker (isMissingMarker), digits
 * grouped by spaces (spaceGroupedError) and a number beyond binary64's range (outOfRange) are said
 * to be such. `examples`: the plain decimals the fix shows, fitting the column (prices are positive).
 * `written`: the field as the file has it, shown when `text` is its plain reading (`1,8e308` read as `1.8e308`).
 */
/** An accounting negative: (12.50), ($1,234.50) — the number inside, without a currency sign. */
const ACCOUNTING_NEGATIVE = /^\(\s*[$€£]?\s*([\d.,]*\d)\s*\)$/;

export function notANumberError(at: FieldPlace, text: string, examples = '12.5 or -0.03', written = text): DataError {
  if (isMissingMarker(text)) return new DataError(at.file, at.line, `${at.column} is "${text}", a missing-value marker, not a number`, 'leave the cell empty where the value is not known, or remove the row');
  const broken = brokenCell(text);
  if (broken) return new DataError(at.file, at.line, `${at.column} is "${shownText(text)}", ${broken.problem}`, broken.fix);
  const spaced = spaceGroupedError(at, text);
  if (spaced !== undefined) return spaced;
  if (outOfRange(text)) return new DataError(at.file, at.line, `${at.column} "${shownText(written)}" is ${BEYOND_RANGE}`, `correct the value (such as ${examples}) or remove the row`);
  const parenthesised = ACCOUNTING_NEGATIVE.exec(written);
  if (parenthesised) {
    const minus = `-${parenthesised[1]}`;
    return new DataError(at.file, at.line, `${at.column} "${shownText(written)}" is a negative amount in accounting parentheses (${minus})`, `prices must be positive and volumes non-negative: correct the value or remove the row (a negative meant elsewhere is written ${minus})`);
  }
  return new DataError(at.file, at.line, `${at.column} is not a number ("${shownText(written)}")`, `write plain decimals such as ${examples} (no thousands separators, currency signs or text)`);
}

/**
 * The refusal of a date field that no reader took, the field shown as shownText cuts it: why (a
 * slashed order, a time of day, a Unix time, a year before 1800: dates.ts preMarketDate…) and
 * the fix, in `expected`'s form.
 */
export function badDateError(at: FieldPlace, text: string, expected = 'YYYY-MM-DD', order?: SlashedDateOrder): DataError {
  const { problem, example, fix } = dateProblem(text, order);
  return new DataError(at.file, at.line, `${at.column} "${shownText(text)}" ${problem}`, fix ?? `write dates as ${expected}, e.g. ${example ?? '2020-03-31'}`);
}

/** The refusal of a price file's date field (the forms parseDateText accepts); `order`: the order the file shows its `NN/NN/YYYY` dates in, if any. */
export function badBarDateError(at: FieldPlace, text: string, order?: SlashedDateOrder): DataError {
  return badDateError(at, text, 'YYYY-MM-DD (or 2020/03/31, YYYYMMDD, 31-Mar-2020, or a date-time at midnight such as 2020-03-31T00:00:00Z)', order);
}

/** A required number: blank or malformed text is an error, never a silent NaN. */
export function requireNumber(text: string, at: FieldPlace): number {
  const value = parseNumber(text);
  if (Number.isNaN(value)) throw notANumberError(at, text);
  return value;
}

/** An optional number: blank is NaN (missing), malformed text is an error. */
export function optionalNumber(text: string, at: FieldPlace): number {
  return text === '' ? NaN : requireNumber(text, at);
}

/** A required number in percent as its fraction (parseScaledNumber at −2: "5.27" → 0.0527): blank or malformed text is an error, never a silent NaN. */
export function requirePercent(text: string, at: FieldPlace): number {
  const value = parseScaledNumber(text, -2);
  if (Number.isNaN(value)) throw notANumberError(at, text);
  return value;
}
