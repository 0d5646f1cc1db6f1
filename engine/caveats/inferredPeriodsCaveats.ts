// P inferred from a run's whole calendar (engine/calendar/frequency.ts) is read from the run's first
// session on: by the strategy (view.periodsPerYear, windows given as durations) and by every
// session's interest and borrow accrual. Where the sessions up to a date would give another P — a
// coin listed later adds weekend sessions, a weekly file turns daily — the decisions and fills
// before that date depend on dates after it, which the causality contract (DESIGN.md) allows no
// other input. P stays as inferred; the run says so, and how to choose P instead — a P given
// times the accruals only where the whole calendar is irregular (engine/calendar/rowPeriods.ts
// accrualPeriods); a regular one's interest keeps its own spacing, and the caveat says that.
// Two kinds of prefix are compared. The stretch before the run's first change of spacing (three
// gaps in a row off the spacing of the gaps before them: 16 Fridays then weekdays, 13 month-ends
// then daily), however short — two gaps of month-ends are a monthly calendar: a run of them alone
// infers 12 —, since every longer prefix mixes two calendars and is irregular. And the prefixes
// spanning 4, 8, 16, … weeks from the run's first date, for a change that keeps the gaps' spacing
// (a coin adds weekend sessions to weekdays: daily either way), caught by a prefix spanning at
// least half the time before it. Cheap: one pass over the gaps, and one inferFrequency call per
// prefix (about 10 over 30 years, together about one call over the whole calendar).

import { isoDay, sessionOnOrBefore } from '../../data/dates.ts';
import { type Caveat, caveat } from './caveats.ts';
import { gapSpacing, inferFrequency } from '../calendar/frequency.ts';

/** The shortest prefix compared spans four whole weeks (28 days or a session more): from there a daily calendar's sessions a year are counted by the week (engine/calendar/dailyPeriods.ts), not guessed. */
const FIRST_SPAN_DAYS = 28;
/** A prefix with fewer gaps than this (a weekly calendar's first 8 weeks) says too little of its spacing: not compared. */
const MIN_GAPS = 10;
/** Gaps in a row off a stretch's spacing that change it (frequency.ts: under three such gaps say nothing of a change; a closure, a missing month are one). */
const CHANGE_GAPS = 3;
/** A stretch of fewer gaps has no spacing of its own (one gap of 7 days: the 2001-09-11 closure); from two (three month-ends) it has: a run of it alone infers it. */
const MIN_STRETCH_GAPS = 2;

/** A prefix of the run's sessions, first..session (market sessions), and the P its own calendar gives. */
export interface PrefixPeriods {
  readonly session: number;
  readonly periodsPerYear: number;
}

/**
 * The prefix of the run's sessions (`dates`: the market's epoch days; the run is first..last)
 * whose own inferred P differs from `periodsPerYear`, the whole run's, where its spacing is
 * regular (frequency.ts): the stretch before the run's first change of spacing (firstStretchEnd)
 * where it differs; else, among the prefixes spanning 28, 56, 112, … days from the run's first
 * date (to the first session on or after the span's last day) that end before `last` and hold 10
 * gaps or more, the first that differs, carried on to the longest after it that gives the same
 * other P (a calendar that changed once: the stretch before the change, as far as the prefixes
 * reach). Null when each gives the run's P.
 */
export function prefixPeriods(dates: Int32Array, first: number, last: number, periodsPerYear: number): PrefixPeriods | null {
  const stretchEnd = firstStretchEnd(dates, first, last);
  if (stretchEnd >= 0) {
    const own = inferFrequency(dates.subarray(first, stretchEnd + 1));
    if (!own.irregular && own.periodsPerYear !== periodsPerYear) return { session: stretchEnd, periodsPerYear: own.periodsPerYear };
  }
  let found: PrefixPeriods | null = null;
  for (let span = FIRST_SPAN_DAYS; ; span *= 2) {
    // The first session on or after the span's last day: a prefix spans the whole span, at least (a six-day week's Sunday is no session).
    const session = sessionOnOrBefore(dates, dates[first] + span - 2) + 1;
    if (session >= last) break;
    if (session - first < MIN_GAPS) continue;
    const own = inferFrequency(dates.subarray(first, session + 1));
    // An irregular prefix's P is a best guess (four weeks of weekdays lacking sessions on over a quarter of their rows: 196 for 15 of 20), no other calendar.
    if (own.irregular) continue;
    if (found === null ? own.periodsPerYear !== periodsPerYear : own.periodsPerYear === found.periodsPerYear) found = { session, periodsPerYear: own.periodsPerYear };
    else if (found !== null) break;
  }
  return found;
}

/**
 * The last session of the run's first stretch of one spacing (frequency.ts gapSpacing: daily,
 * weekly, monthly, …) that holds MIN_STRETCH_GAPS gaps or more and is followed by CHANGE_GAPS gaps
 * in a row off its spacing, before the run's last session; −1 where none is (a calendar that keeps
 * its spacing, strays — a closure, a missing month — and all). A shorter stretch (a run starting
 * 2001-09-10, its first gap the closure) is passed over: the next begins where it ended.
 */
function firstStretchEnd(dates: Int32Array, first: number, last: number): number {
  if (last - first < MIN_STRETCH_GAPS + CHANGE_GAPS) return -1;
  let start = first;
  let spacing = gapSpacing(dates[first + 1] - dates[first]);
  let off = 0;
  for (let k = first + 2; k <= last; k++) {
    if (gapSpacing(dates[k] - dates[k - 1]) === spacing) {
      off = 0;
      continue;
    }
    if (++off < CHANGE_GAPS) continue;
    const end = k - off;
    if (end - start >= MIN_STRETCH_GAPS) return end;
    // Too short to have a spacing: a new stretch from its end, with the spacing of the gap after it.
    start = end;
    spacing = gapSpacing(dates[end + 1] - dates[end]);
    k = end + 1;
    off = 0;
  }
  return -1;
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
  // A P given times an irregular calendar's rows; a regular one's interest keeps its own spacing (engine/calendar/rowPeriods.ts accrualPeriods).
  const interest = inferFrequency(dates.subarray(first, last + 1)).irregular ? '' : ' (for the strategy: the interest keeps the whole calendar\'s spacing)';
  return [
    caveat(
      'frequency',
      'medium',
      `P = ${periodsPerYear} was inferred from the run's whole calendar (${isoDay(dates[first])} → ${isoDay(dates[last])}); its sessions up to ${upTo} give ${prefix.periodsPerYear}: ` +
        `the strategy's annualisation (view.periodsPerYear, windows given as durations) and the interest before ${upTo} depend on dates after it — set periodsPerYear (--periods-per-year) to choose P${interest}`,
      { value: prefix.session - first + 1, unit: 'sessions' },
    ),
  ];
}
