// ISO dates <-> epoch days (days since 1970-01-01, UTC). No time zones, no locale parsing.

const MS_PER_DAY = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch day of an ISO `YYYY-MM-DD` string, or NaN when it is not a real calendar date. */
export function parseIsoDay(text: string): number {
  const m = ISO_DAY.exec(text);
  if (!m) return NaN;
  const y = +m[1], mo = +m[2], d = +m[3];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return ms / MS_PER_DAY;
}

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

/** Epoch day of the given calendar date (month 1..12; day may overflow, like Date.UTC). */
export function epochDay(year: number, month: number, date: number): number {
  return Date.UTC(year, month - 1, date) / MS_PER_DAY;
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
