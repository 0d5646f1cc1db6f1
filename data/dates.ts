// ISO dates <-> epoch days (days since 1970-01-01, UTC). No time zones, no locale parsing.
// One date rule for every reader of a file or an option: a market date is a real calendar date
// from 1800-01-01 on (marketDay). An earlier year is a typo — 0024-01-02 for 2024-01-02, which
// Date.UTC read as 1924 (it maps years 0–99 to 1900–1999), so nothing here goes through Date.

/**
 * The first year of a market date: a date before 1800-01-01 is refused wherever breadth reads one
 * (price, returns, rate, factor, delisting and symbols files, --from/--to). No exchange's daily
 * series is older (the NYSE's begins in 1792, a few names a month), and such a year is a typo.
 */
export const FIRST_MARKET_YEAR = 1800;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** True when year, month 1..12 and day form a real date of the proleptic Gregorian calendar (integers; 2023-02-29 is none). */
export function isCalendarDate(year: number, month: number, date: number): boolean {
  if (!Number.isInteger(year) || !(month >= 1 && month <= 12) || !Number.isInteger(date) || !(date >= 1)) return false;
  return date <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]);
}

/**
 * Epoch day of a market date — a real calendar date (isCalendarDate) in FIRST_MARKET_YEAR or later —
 * or NaN: what every date a file or an option writes is read as.
 */
export function marketDay(year: number, month: number, date: number): number {
  return year >= FIRST_MARKET_YEAR && isCalendarDate(year, month, date) ? epochDay(year, month, date) : NaN;
}

/** Epoch day of an ISO `YYYY-MM-DD` market date (marketDay), or NaN: not that form, no real date, or before 1800. */
export function parseIsoDay(text: string): number {
  const m = ISO_DAY.exec(text);
  return m ? marketDay(+m[1], +m[2], +m[3]) : NaN;
}

/** Why a date is refused though it is a real calendar date: before 1800 (FIRST_MARKET_YEAR). */
export interface PreMarketDate {
  /** "not a market date: year 0024 is before 1800". */
  readonly reason: string;
  /** "write the full year, e.g. 2024-01-02" (a year below 100 is two digits written as four), else "correct the year …". */
  readonly fix: string;
}

/**
 * The refusal of a real calendar date before 1800-01-01 (`month` and `date` undefined where the
 * text leaves their order open, 01/02/0024); undefined for a later date or no calendar date. A
 * year below 100 is a two-digit year written as four, completed as POSIX strptime's %y does
 * (00–68 → 2000–2068, 69–99 → 1969–1999): 0024-01-02 → 2024-01-02.
 */
export function preMarketDate(year: number, month?: number, date?: number): PreMarketDate | undefined {
  if (!(Number.isInteger(year) && year >= 0 && year < FIRST_MARKET_YEAR)) return undefined;
  if (month !== undefined && date !== undefined && !isCalendarDate(year, month, date)) return undefined;
  const written = String(year).padStart(4, '0');
  const reason = `not a market date: year ${written} is before ${FIRST_MARKET_YEAR}`;
  if (year >= 100) return { reason, fix: `correct the year: breadth reads dates from ${FIRST_MARKET_YEAR}-01-01 on` };
  const full = year + (year <= 68 ? 2000 : 1900);
  return { reason, fix: `write the full year, e.g. ${month === undefined || date === undefined ? full : isoDay(epochDay(full, month, date))}` };
}

/** preMarketDate of an ISO `YYYY-MM-DD` text (--from, a study's `to:`): undefined unless it is a real date before 1800. */
export function preMarketIsoDay(text: string): PreMarketDate | undefined {
  const m = ISO_DAY.exec(text);
  return m ? preMarketDate(+m[1], +m[2], +m[3]) : undefined;
}

/** What an option's text parseIsoDay refused is, after its quoted value: "not a date; write YYYY-MM-DD", or a year before 1800 said so (preMarketDate), with its fix. */
export function notAnIsoDay(text: string): string {
  const early = preMarketIsoDay(text);
  return early ? `${early.reason} — ${early.fix}` : 'not a date; write YYYY-MM-DD';
}

const MS_PER_DAY = 86_400_000;
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** ISO `YYYY-MM-DD` of an epoch day. */
export function isoDay(day: number): string {
  const p = dayParts(day);
  // Years of four digits are spelled here; others as Date spells them (±YYYYYY), NaN throws there.
  if (!(p.year >= 0 && p.year <= 9999)) return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  return `${p.year < 1000 ? String(p.year).padStart(4, '0') : p.year}-${pad2(p.month)}-${pad2(p.date)}`;
}

/**
 * Calendar parts of an epoch day: year, month 1..12, day of month, weekday 0=Sunday (proleptic
 * Gregorian, as Date's UTC getters give them). Arithmetic (Hinnant's days-to-civil), not a Date:
 * schedules ask it for every session of every run, and a Date costs several times more.
 */
export function dayParts(day: number): { year: number; month: number; date: number; weekday: number } {
  const z = Math.floor(day) + 719_468; // days since 0000-03-01
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097; // day of the 400-year era, 0..146096
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)); // from March 1st
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, date: doy - Math.floor((153 * mp + 2) / 5) + 1, weekday: weekdayOf(day) };
}

/** Day of the week of an epoch day: 0 Sunday … 6 Saturday (1970-01-01 was a Thursday). */
export const weekdayOf = (day: number): number => (((Math.floor(day) + 4) % 7) + 7) % 7;

/**
 * Epoch day of the given calendar date, proleptic Gregorian, exact for every year (integers; month
 * and day may overflow as in Date.UTC: month 13 is the next January, day 0 the month's eve) — but
 * year 24 is 24, where Date.UTC reads 1924. Hinnant's days-from-civil, dayParts' inverse.
 */
export function epochDay(year: number, month: number, date: number): number {
  const monthsPast = Math.floor((month - 1) / 12);
  const m = month - 12 * monthsPast; // 1..12
  const y = year + monthsPast - (m <= 2 ? 1 : 0); // years counted from March
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // 0..399
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5); // days from March 1st to the month's first
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468 + (date - 1);
}

/** Upper median of the gaps between ascending epoch days, in days; 1 with fewer than two days. */
export function medianGap(days: ArrayLike<number>): number {
  if (days.length < 2) return 1;
  const gaps = new Float64Array(days.length - 1);
  for (let k = 1; k < days.length; k++) gaps[k - 1] = days[k] - days[k - 1];
  return gaps.sort()[gaps.length >> 1];
}

/** How many weekdays (Monday to Friday) fall in [from, to), in epoch days; 0 when to ≤ from. */
export function weekdaysBetween(from: number, to: number): number {
  let n = 0;
  for (let d = from; d < to; d++) {
    const weekday = dayParts(d).weekday;
    if (weekday !== 0 && weekday !== 6) n++;
  }
  return n;
}

/** Index of the last session on or before `day` (−1 when none). */
export function sessionOnOrBefore(dates: Int32Array, day: number): number {
  let lo = 0;
  let hi = dates.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid] <= day) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
