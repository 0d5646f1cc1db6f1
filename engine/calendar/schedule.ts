// Decision schedules. A schedule marks the sessions on which the strategy decides, from the
// trading calendar alone (exchange calendars are published in advance, so knowing that a
// session is the last of its month is not look-ahead). A drift band adds decisions whenever a
// holding's weight strays from its last target; it may change over the run (driftBands).

import { dayParts } from '../../data/dates.ts';
import { describe } from '../decisions/strategyFault.ts';

/**
 * When a strategy decides: `sessions` marks the due sessions (1) from the trading calendar alone
 * (an exchange calendar is published in advance: knowing a session ends its month is no
 * look-ahead), and a drift band adds decisions when a holding strays from its target.
 */
export interface Schedule {
  readonly name: string;
  /** 1 where a decision is due; `start` is the run's first session (for every-N counting). */
  sessions(dates: Int32Array, start: number): Uint8Array;
  /** Also decide when any holding's weight differs from its target by more than this (a fraction of NAV). */
  readonly driftBand?: number;
  /**
   * A band that changes over the run (a walk-forward's stitched run: each window its own): the
   * band in force per session, as a fraction of NAV (NaN: none), over `dates` from `start` (the
   * run's first session). Given, it replaces `driftBand`.
   */
  driftBands?(dates: Int32Array, start: number): Float64Array;
}

/**
 * The drift band `schedule` applies per session of `dates` (NaN: none): its `driftBands`, else
 * its one `driftBand` on every session.
 */
export function driftBandsOf(schedule: Schedule, dates: Int32Array, start: number): Float64Array {
  if (schedule.driftBands) return schedule.driftBands(dates, start);
  return new Float64Array(dates.length).fill(schedule.driftBand ?? NaN);
}

type PeriodKey = (day: number) => number;

const monthKey: PeriodKey = (day) => {
  const p = dayParts(day);
  return p.year * 12 + p.month;
};
const quarterKey: PeriodKey = (day) => {
  const p = dayParts(day);
  return p.year * 4 + Math.floor((p.month - 1) / 3);
};
const yearKey: PeriodKey = (day) => dayParts(day).year;
/** Monday-based week number (epoch day 0 was a Thursday). */
const weekKey: PeriodKey = (day) => Math.floor((day + 3) / 7);

/** The next weekday after `day`: where the calendar ends, the period end is judged against it. */
function nextWeekday(day: number): number {
  let next = day + 1;
  while (dayParts(next).weekday === 0 || dayParts(next).weekday === 6) next++;
  return next;
}

function periodStart(name: string, key: PeriodKey): Schedule {
  return {
    name,
    sessions(dates) {
      const due = new Uint8Array(dates.length);
      let previous = NaN;
      for (let t = 0; t < dates.length; t++) {
        const current = key(dates[t]);
        due[t] = t === 0 || current !== previous ? 1 : 0;
        previous = current;
      }
      return due;
    },
  };
}

function periodEnd(name: string, key: PeriodKey): Schedule {
  return {
    name,
    sessions(dates) {
      const due = new Uint8Array(dates.length);
      let current = dates.length > 0 ? key(dates[0]) : NaN;
      for (let t = 0; t < dates.length; t++) {
        const following = key(t + 1 < dates.length ? dates[t + 1] : nextWeekday(dates[t]));
        due[t] = following !== current ? 1 : 0;
        current = following;
      }
      return due;
    },
  };
}

export const everySession: Schedule = {
  name: 'every session',
  sessions: (dates) => new Uint8Array(dates.length).fill(1),
};
export const monthStart = periodStart('month start', monthKey);
export const monthEnd = periodEnd('month end', monthKey);
export const quarterStart = periodStart('quarter start', quarterKey);
export const quarterEnd = periodEnd('quarter end', quarterKey);
export const yearStart = periodStart('year start', yearKey);
export const yearEnd = periodEnd('year end', yearKey);

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/**
 * Weekly on `weekday` (1 = Monday … 5 = Friday), or the first session after it in that week.
 * Errors: RangeError for anything but a whole number 1–5 (6, 0, -1, 2.5, none given: a Saturday
 * or later decided on the run's first session only, a day before Monday on every week's first).
 */
export function weekly(weekday: number): Schedule {
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 5) {
    throw new RangeError(`weekly schedule needs a weekday from 1 (Monday) to 5 (Friday), got ${describe(weekday)}`);
  }
  return {
    name: `weekly (${WEEKDAYS[weekday]})`,
    sessions(dates) {
      const due = new Uint8Array(dates.length);
      for (let t = 0; t < dates.length; t++) {
        if (dayParts(dates[t]).weekday < weekday) continue;
        const firstInWeek =
          t === 0 || weekKey(dates[t - 1]) !== weekKey(dates[t]) || dayParts(dates[t - 1]).weekday < weekday;
        due[t] = firstInWeek ? 1 : 0;
      }
      return due;
    },
  };
}

/** Every `n` sessions counted from the run's first session. Errors: RangeError unless `n` is a whole number ≥ 1. */
export function everyNSessions(n: number): Schedule {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`every-N schedule needs a whole number ≥ 1, got ${describe(n)}`);
  return {
    name: `every ${n} sessions`,
    sessions(dates, start) {
      const due = new Uint8Array(dates.length);
      for (let t = start; t < dates.length; t += n) due[t] = 1;
      return due;
    },
  };
}

/**
 * A custom calendar rule: `(day, t, dates) → due`, judged on the calendar only.
 * Errors: TypeError unless `name` is a non-empty string and `isDue` a function.
 */
export function custom(name: string, isDue: (day: number, t: number, dates: Int32Array) => boolean): Schedule {
  if (typeof name !== 'string' || name.trim() === '') throw new TypeError(`custom schedule needs a name (a non-empty string) first, got ${describe(name)}`);
  if (typeof isDue !== 'function') throw new TypeError(`custom schedule "${name}" needs a rule (day, t, dates) => boolean second, got ${describe(isDue)}`);
  return {
    name,
    sessions(dates) {
      const due = new Uint8Array(dates.length);
      for (let t = 0; t < dates.length; t++) due[t] = isDue(dates[t], t, dates) ? 1 : 0;
      return due;
    },
  };
}

/**
 * `base`, plus a decision whenever a holding's weight drifts more than `band` from its target
 * (beyond 1e-9 of it, relative: at the band is inside). Errors: TypeError unless `base` is a
 * schedule ({ name, sessions }); RangeError unless `band` is a finite fraction of NAV above 0
 * (Infinity would never add a decision).
 */
export function withDriftBand(base: Schedule, band: number): Schedule {
  if (typeof base !== 'object' || base === null || typeof (base as Partial<Schedule>).sessions !== 'function') {
    throw new TypeError(`drift band needs a schedule to add to first (e.g. schedules.monthStart), got ${describe(base)}`);
  }
  if (typeof band !== 'number' || !(band > 0) || !Number.isFinite(band)) throw new RangeError(`drift band must be a finite fraction of NAV above 0, got ${describe(band)}`);
  return { name: `${base.name} + drift > ${band}`, sessions: base.sessions, driftBand: band };
}

/**
 * The calendar rules: everySession, monthStart, monthEnd, quarterStart, quarterEnd, yearStart,
 * yearEnd (Schedules), weekly(weekday), everyNSessions(n), custom(name, isDue) and
 * withDriftBand(base, band) (functions returning a Schedule).
 */
export const schedules = { everySession, monthStart, monthEnd, quarterStart, quarterEnd, yearStart, yearEnd, weekly, everyNSessions, custom, withDriftBand };
