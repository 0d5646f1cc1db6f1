// Walk-forward windows over a run's sessions: an in-sample span followed by an out-of-sample
// span, stepped forward by the out-of-sample span. Rolling windows keep their in-sample length;
// anchored ones all start at the run's first session. Spans are calendar years ("3y") or months
// ("18m"), or sessions ("126d"); a span of N months holds the sessions of N calendar months (on
// month-end bars, N of them). The last out-of-sample span may be cut short by the data's end.

import { dayParts, epochDay, weekdaysBetween } from '../../data/dates.ts';
import { UserError } from '../../data/errors.ts';

/** Session indices (inclusive) of one window. */
export interface Window {
  readonly isFirst: number;
  readonly isLast: number;
  readonly oosFirst: number;
  readonly oosLast: number;
}

interface Span {
  readonly count: number;
  /** Calendar months, or sessions. */
  readonly unit: 'months' | 'sessions';
}

function span(text: string): Span {
  const count = Number(text.slice(0, -1));
  const unit = text.at(-1);
  return unit === 'd' ? { count, unit: 'sessions' } : { count: unit === 'y' ? 12 * count : count, unit: 'months' };
}

/**
 * The session that starts the calendar month `months` after the month of session `from`: that
 * month's first session on or after the same day of month, or — when the month's sessions end
 * before that day (31 Jan → February; a month-end bar on Friday the 29th) — the month's last
 * session, so a span of N months holds N months of sessions whatever the weekday. The data's
 * last month counts as over when it ends on that month's last weekday. A month with no session,
 * or one the data ends within before that day, gives the first session after it (`dates.length`
 * when none).
 */
function monthsAfter(dates: Int32Array, from: number, months: number): number {
  const p = dayParts(dates[from]);
  const month0 = p.month - 1 + months;
  const year = p.year + Math.floor(month0 / 12);
  const month = (month0 % 12) + 1;
  const monthStart = epochDay(year, month, 1);
  const target = monthStart + (p.date - 1); // past the month's end when it is shorter
  let t = from;
  while (t < dates.length && dates[t] < target) t++;
  const nextMonth = epochDay(year, month + 1, 1);
  // The month is over in the data: a later session follows, or the data ends on its last weekday.
  const over = t < dates.length ? dates[t] >= nextMonth : weekdaysBetween(dates[t - 1] + 1, nextMonth) === 0;
  return over && dates[t - 1] >= monthStart ? t - 1 : t;
}

/** The session `a + k·b` spans after the anchor; counted from the anchor, so monthly steps never drift. */
function offset(dates: Int32Array, anchor: number, a: Span | null, b: Span, k: number): number {
  if (a === null || a.unit === b.unit) {
    const units = (a?.count ?? 0) + k * b.count;
    return b.unit === 'sessions' ? anchor + units : monthsAfter(dates, anchor, units);
  }
  // Mixed units: first `a` from the anchor, then `k` steps of `b` from there.
  const start = a.unit === 'sessions' ? anchor + a.count : monthsAfter(dates, anchor, a.count);
  return b.unit === 'sessions' ? start + k * b.count : start < dates.length ? monthsAfter(dates, start, k * b.count) : start;
}

/**
 * Windows from session `first` to `last` (inclusive). Throws a UserError naming `where` when not
 * even one in-sample span and one session out of sample fit.
 */
export function walkForwardWindows(dates: Int32Array, first: number, last: number, spans: { inSample: string; outOfSample: string; mode: 'rolling' | 'anchored' }, where: string): Window[] {
  const windows: Window[] = [];
  const inSample = span(spans.inSample);
  const step = span(spans.outOfSample);
  for (let k = 0; ; k++) {
    const oosFirst = offset(dates, first, inSample, step, k);
    if (oosFirst > last) break;
    const next = offset(dates, first, inSample, step, k + 1);
    const isFirst = spans.mode === 'anchored' ? first : offset(dates, first, null, step, k);
    windows.push({ isFirst, isLast: oosFirst - 1, oosFirst, oosLast: Math.min(next - 1, last) });
  }
  if (windows.length === 0) throw new UserError(`${where}: an in-sample span of ${spans.inSample} leaves no session out of sample in the run's period; shorten inSample or widen the period`);
  return windows;
}
