// P inferred from a run's whole calendar (engine/frequency.ts) is read from the run's first
// session on: by the strategy (view.periodsPerYear, windows given as durations) and by every
// session's interest and borrow accrual. Where the sessions up to a date would give another P — a
// coin listed later adds weekend sessions, a weekly file turns daily — the decisions and fills
// before that date depend on dates after it, which the causality contract (DESIGN.md) allows no
// other input. P stays as inferred; the run says so, and how to choose P instead.
// Cheap: the prefixes spanning 4, 8, 16, … weeks from the run's first date, one inferFrequency
// call each (about 9 over 30 years, together about one call over the whole calendar). A change of
// calendar after its first 4 weeks is caught by a prefix spanning at least half the time before it.

import { isoDay } from '../data/dates.ts';
import { type Caveat, caveat } from './caveats.ts';
import { inferFrequency } from './frequency.ts';
import { sessionOnOrBefore } from './view.ts';

/** The shortest prefix compared spans four whole weeks (28 days or a session more): from there a daily calendar's sessions a year are counted by the week (engine/dailyPeriods.ts), not guessed. */
const FIRST_SPAN_DAYS = 28;
/** A prefix with fewer gaps than this (a weekly calendar's first 8 weeks) says too little of its spacing: not compared. */
const MIN_GAPS = 10;

/** A prefix of the run's sessions, first..session (market sessions), and the P its own calendar gives. */
export interface PrefixPeriods {
  readonly session: number;
  readonly periodsPerYear: number;
}

/**
 * The prefix of the run's sessions (`dates`: the market's epoch days; the run is first..last)
 * whose own inferred P differs from `periodsPerYear`, the whole run's: among the prefixes spanning
 * 28, 56, 112, … days from the run's first date (to the first session on or after the span's
 * last day) that end before `last`, hold 10 gaps or more and are regular (frequency.ts), the
 * first that differs, carried on to the longest after it that gives the same other P (a
 * calendar that changed once: the stretch before the change, as far as the prefixes reach). Null
 * when every prefix gives the run's P.
 */
export function prefixPeriods(dates: Int32Array, first: number, last: number, periodsPerYear: number): PrefixPeriods | null {
  let found: PrefixPeriods | null = null;
  for (let span = FIRST_SPAN_DAYS; ; span *= 2) {
    // The first session on or after the span's last day: a prefix spans the whole span, at least (a six-day week's Sunday is no session).
    const session = sessionOnOrBefore(dates, dates[first] + span - 2) + 1;
    if (session >= last) break;
    if (session - first < MIN_GAPS) continue;
    const own = inferFrequency(dates.subarray(first, session + 1));
    // An irregular prefix's P is a best guess (four weeks holding three holidays: 222), no other calendar.
    if (own.irregular) continue;
    if (found === null ? own.periodsPerYear !== periodsPerYear : own.periodsPerYear === found.periodsPerYear) found = { session, periodsPerYear: own.periodsPerYear };
    else if (found !== null) break;
  }
  return found;
}

/**
 * The caveat of a run whose P (`periodsPerYear`) was inferred from its whole calendar, first..last,
 * where a prefix gives another (prefixPeriods), medium: "P = 296 was inferred from the run's whole
 * calendar (2024-01-02 → 2024-02-12); its sessions up to 2024-01-29 give 252: …". Size: the
 * sessions of that prefix. None when every prefix agrees.
 */
export function inferredPeriodsCaveats(dates: Int32Array, first: number, last: number, periodsPerYear: number): Caveat[] {
  const prefix = prefixPeriods(dates, first, last, periodsPerYear);
  if (prefix === null) return [];
  const upTo = isoDay(dates[prefix.session]);
  return [
    caveat(
      'frequency',
      'medium',
      `P = ${periodsPerYear} was inferred from the run's whole calendar (${isoDay(dates[first])} → ${isoDay(dates[last])}); its sessions up to ${upTo} give ${prefix.periodsPerYear}: ` +
        `the strategy's annualisation (view.periodsPerYear, windows given as durations) and the interest before ${upTo} depend on dates after it — set periodsPerYear (--periods-per-year) to choose P`,
      { value: prefix.session - first + 1, unit: 'sessions' },
    ),
  ];
}
