// Whether a span of sessions starts later, or ends earlier, than the dates asked for it: a run's
// late-start and early-end caveats (warnings.ts), and the same judgement of any span measured
// against what was asked of it (a walk-forward test's whole period, its last out-of-sample window).
// One or two weekdays skipped are a holiday or a long weekend; more are trading days the data
// lacks — unless, on a calendar coarser than daily, the date asked falls inside one of the data's
// own intervals (a mid-month date on month-ends: engine/calendar/calendarGrid.ts).

import { isoDay, parseIsoDay, weekdaysBetween } from '../../data/dates.ts';
import { calendarPlace, datingOf, nominalSession, type CalendarPlace, type Dating } from './calendarGrid.ts';
import { type Caveat, caveat } from '../caveats/caveats.ts';
import { type Frequency, inferFrequency, spacingRange } from './frequency.ts';

/** Weekdays skipped at a start or an end that are no late start or early end: a holiday, a long weekend. */
const HOLIDAY_WEEKDAYS = 2;

/**
 * A calendar coarser than daily (weekly, monthly, quarterly, annual: engine/calendar/frequency.ts), with the
 * longest gap that is one of its intervals, where its dates fall in their period and how it dates
 * a period whose grid date is closed (engine/calendar/calendarGrid.ts); null for daily and irregular calendars.
 */
function coarseCalendar(dates: Int32Array): { f: Frequency; hi: number; place: CalendarPlace; dating: Dating } | null {
  const f = inferFrequency(dates);
  const place = calendarPlace(dates, f);
  if (f.label === 'daily' || f.label === 'other' || place === undefined) return null;
  return { f, hi: spacingRange(f)[1], place, dating: datingOf(dates, f, place) };
}

/**
 * Days the span of the calendar `dates` (ascending epoch days) that starts at session `first`
 * starts after `from` (epoch day) asked: 0 when it starts as asked — at most a holiday's weekdays
 * later, or (coarse calendars) with the day asked inside the interval before its first session:
 * after the date the calendar's convention names for the session before it (calendarGrid.ts
 * nominalSession; a `from` on that very date, a Friday on Fridays, lost the week the data lacks:
 * probe r57c).
 */
function daysLate(dates: Int32Array, first: number, from: number): number {
  const start = dates[first];
  if (!(weekdaysBetween(from, start) > HOLIDAY_WEEKDAYS)) return 0;
  const c = coarseCalendar(dates);
  const previous = first > 0 ? dates[first - 1] : undefined;
  const inside = c !== null && ((previous !== undefined && start - previous <= c.hi) || !((nominalSession(start, c.f, -1, c.place, c.dating) ?? -Infinity) >= from));
  return inside ? 0 : start - from;
}

/**
 * Weekdays the span of the calendar `dates` (ascending epoch days) that ends at session `last`
 * ends before `to` (epoch day, inclusive) asked: 0 when it ends as asked — at most a holiday's
 * weekdays short, or (coarse calendars) with the day asked inside the interval after its last
 * session, before the date its convention names for the next one (month-end bars asked to the
 * 30th of a month whose bar is the 31st).
 */
export function weekdaysShort(dates: Int32Array, last: number, to: number): number {
  const end = dates[last];
  const short = weekdaysBetween(end + 1, to + 1);
  if (!(short > HOLIDAY_WEEKDAYS)) return 0;
  const c = coarseCalendar(dates);
  const next = last + 1 < dates.length ? dates[last + 1] : undefined;
  const inside = c !== null && ((next !== undefined && next - end <= c.hi) || !((nominalSession(end, c.f, 1, c.place, c.dating) ?? Infinity) <= to));
  return inside ? 0 : short;
}

/**
 * The caveats of sessions `first`…`last` of the calendar `dates` asked to run `from` … `to` (ISO
 * days; null or absent: the data's start or end): "requested 2015-05-01, data starts 2016-01-04
 * (248 days later)" (high beyond 30 days) and "asked to 2025-06-30, the data ends 2024-01-31 (368
 * weekdays short)" (high beyond 21 weekdays); none for a start or end as asked (daysLate, weekdaysShort).
 */
export function requestedPeriodCaveats(dates: Int32Array, first: number, last: number, asked: { readonly from?: string | null; readonly to?: string | null }): Caveat[] {
  const out: Caveat[] = [];
  if (typeof asked.from === 'string') {
    const requested = parseIsoDay(asked.from);
    const late = daysLate(dates, first, requested);
    const where = dates[0] > requested ? 'data starts' : 'first session on or after it is';
    if (late > 0) out.push(caveat('late-start', late > 30 ? 'high' : 'medium', `requested ${asked.from}, ${where} ${isoDay(dates[first])} (${late} days later)`, { value: late, unit: 'days' }));
  }
  if (typeof asked.to === 'string') {
    const short = weekdaysShort(dates, last, parseIsoDay(asked.to));
    if (short > 0) out.push(caveat('early-end', short > 21 ? 'high' : 'medium', `asked to ${asked.to}, the data ends ${isoDay(dates[last])} (${short} weekdays short)`, { value: short, unit: 'weekdays' }));
  }
  return out;
}
