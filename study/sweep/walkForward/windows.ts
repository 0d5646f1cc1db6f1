// Walk-forward windows over a run's sessions: an in-sample span followed by an out-of-sample
// span, stepped forward by the out-of-sample span. A rolling in-sample span is the span just
// before each out-of-sample start (N sessions: the N sessions before it; N months: those months);
// anchored ones all start at the run's first session. Spans are calendar years ("3y") or months
// ("18m"), or sessions ("126d"), at least 1; a span of N months holds the sessions of N calendar
// months (on month-end bars, N of them). The last out-of-sample span may be cut short by the end of
// the run (the data's end, or the period's `to`): the window says so.

import { dayParts, epochDay, sessionOnOrBefore, weekdaysBetween } from '../../../data/dates.ts';
import { UserError } from '../../../data/errors.ts';
import { weekdaysShort } from '../../../engine/calendar/requestedPeriod.ts';

/** Session indices (inclusive) of one window. */
export interface Window {
  readonly isFirst: number;
  readonly isLast: number;
  readonly oosFirst: number;
  readonly oosLast: number;
  /**
   * True when the end of the run cuts the out-of-sample span short of its step: the next span
   * would start after the run's last session, or (the data ending) the data stops before the
   * span's last day by more than a holiday, or a whole interval of a coarser calendar.
   */
  readonly cut: boolean;
}

interface Span {
  readonly count: number;
  /** Calendar months, or sessions. */
  readonly unit: 'months' | 'sessions';
}

/** "3y" → 36 months, "18m" → 18 months, "126d" → 126 sessions; a UserError naming `where` unless ≥ 1 (a zero step never advances). */
function span(text: string, where: string): Span {
  const match = /^(\d+)([ymd])$/.exec(text);
  const count = match ? Number(match[1]) : 0;
  if (!match || count < 1) throw new UserError(`${where}: a span must be 1 or more years (y), months (m) or sessions (d), got "${text}"; write e.g. 6m, 1y or 126d`);
  return match[2] === 'd' ? { count, unit: 'sessions' } : { count: match[2] === 'y' ? 12 * count : count, unit: 'months' };
}

/**
 * The day `months` calendar months after session `from`'s: the same day of month, in that month
 * (`year`, `month` 1–12) — past its end when the month is shorter (31 January + 1: 3 March, which
 * monthsAfter reads as February's last session).
 */
function monthTarget(dates: Int32Array, from: number, months: number): { year: number; month: number; target: number } {
  const p = dayParts(dates[from]);
  const month0 = p.month - 1 + months;
  const year = p.year + Math.floor(month0 / 12);
  const month = (month0 % 12) + 1;
  return { year, month, target: epochDay(year, month, 1) + (p.date - 1) };
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
  const { year, month, target } = monthTarget(dates, from, months);
  const monthStart = epochDay(year, month, 1);
  let t = from;
  while (t < dates.length && dates[t] < target) t++;
  const nextMonth = epochDay(year, month + 1, 1);
  // The month is over in the data: a later session follows, or the data ends on its last weekday.
  const over = t < dates.length ? dates[t] >= nextMonth : weekdaysBetween(dates[t - 1] + 1, nextMonth) === 0;
  return over && dates[t - 1] >= monthStart ? t - 1 : t;
}

/**
 * The first session on or after the day `months` calendar months before session `at` (the same day
 * of month, or the month's last day when it is shorter): where the months that end just before `at` begin.
 */
function monthsBefore(dates: Int32Array, at: number, months: number): number {
  const p = dayParts(dates[at]);
  const target = Math.min(epochDay(p.year, p.month - months, p.date), epochDay(p.year, p.month - months + 1, 0));
  return sessionOnOrBefore(dates, target - 1) + 1;
}

/**
 * The boundary `a + k·b` spans after the anchor, counted from the anchor so monthly steps never
 * drift: its `session`, and where its last step is in months, the `day` that step asked for
 * (monthTarget; NaN for a step in sessions, or one that starts beyond the data).
 */
function offset(dates: Int32Array, anchor: number, a: Span | null, b: Span, k: number): { session: number; day: number } {
  const inMonths = (from: number, months: number) => (from < dates.length ? { session: monthsAfter(dates, from, months), day: monthTarget(dates, from, months).target } : { session: from, day: NaN });
  if (a === null || a.unit === b.unit) {
    const units = (a?.count ?? 0) + k * b.count;
    return b.unit === 'sessions' ? { session: anchor + units, day: NaN } : inMonths(anchor, units);
  }
  // Mixed units: first `a` from the anchor, then `k` steps of `b` from there.
  const start = a.unit === 'sessions' ? anchor + a.count : monthsAfter(dates, anchor, a.count);
  return b.unit === 'sessions' ? { session: start + k * b.count, day: NaN } : inMonths(start, k * b.count);
}

/**
 * The first in-sample session of rolling window `k`, whose out-of-sample span starts at `oosFirst`:
 * the run's start for the first window; N sessions before `oosFirst`; with months on both sides,
 * `k` steps from the run's start (the months before `oosFirst`, counted from the same anchor so
 * month ends do not drift); else the months before `oosFirst`.
 */
function rollingStart(dates: Int32Array, first: number, oosFirst: number, inSample: Span, step: Span, k: number): number {
  if (k === 0) return first;
  if (inSample.unit === 'sessions') return oosFirst - inSample.count;
  if (step.unit === 'months') return offset(dates, first, null, step, k).session;
  return Math.max(first, monthsBefore(dates, oosFirst, inSample.count));
}

/**
 * Windows from session `first` to `last` (inclusive), as session indices into `dates`. Throws a
 * UserError naming `where` for a span that is not 1 or more, or when not even one in-sample span
 * and one session out of sample fit.
 */
export function walkForwardWindows(dates: Int32Array, first: number, last: number, spans: { inSample: string; outOfSample: string; mode: 'rolling' | 'anchored' }, where: string): Window[] {
  const windows: Window[] = [];
  const inSample = span(spans.inSample, `${where}.inSample`);
  const step = span(spans.outOfSample, `${where}.outOfSample`);
  for (let k = 0; ; k++) {
    const oosFirst = offset(dates, first, inSample, step, k).session;
    if (oosFirst > last) break;
    const next = offset(dates, first, inSample, step, k + 1);
    // A step of 1 or more (span() refuses 0) moves the start a month or a session on each turn, so
    // the loop ends; in a gap of months without sessions two steps can land on one session: that
    // window has no session out of sample and is left out.
    if (next.session <= oosFirst) continue;
    const isFirst = spans.mode === 'anchored' ? first : rollingStart(dates, first, oosFirst, inSample, step, k);
    // Past the data, a step in months ends the day before the day it asked for (the next span's start).
    const cut = next.session - 1 > last || (next.session >= dates.length && Number.isFinite(next.day) && weekdaysShort(dates, last, next.day - 1) > 0);
    windows.push({ isFirst, isLast: oosFirst - 1, oosFirst, oosLast: Math.min(next.session - 1, last), cut });
  }
  if (windows.length === 0) throw new UserError(`${where}: an in-sample span of ${spans.inSample} leaves no session out of sample in the run's period; shorten inSample or widen the period`);
  return windows;
}
