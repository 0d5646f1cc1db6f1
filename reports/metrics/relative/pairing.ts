// What the relative metrics were measured over: the intervals paired with the benchmark
// (relative.ts pairedIntervals) and the P that annualises them (engine/calendar/frequency.ts pairedFrequency).
import { pairedFrequency } from '../../../engine/calendar/frequency.ts';
import type { PairedIntervals } from './relative.ts';
import type { Series } from '../stats.ts';

export interface Pairing {
  intervals: number;
  periodsPerYear: number;
  /** How that P was found: 'spaced like the series', or the common dates' spacing named (engine/calendar/frequency.ts pairedFrequency), e.g. 'monthly common dates (median gap 30 days), the series daily', 'irregular common dates, 5 a year over their span (median gap 91 days), the series weekly'. */
  source: string;
  /** Intervals left out because a return inside them is unknown (relative.ts pairedIntervals); absent when none. */
  unknown?: number;
}

/**
 * The pairing of `paired` (built on level rows) given each row's epoch day (`days`, NaN where
 * unknown) and the series' P: the paired calendar is every interval's start and end day (after an
 * interval left out as unknown, the next starts after the gap); the series' own calendar is every known day.
 */
export function pairingOf(paired: PairedIntervals, days: Series, periodsPerYear: number): Pairing {
  const known = (rows: ArrayLike<number>): number[] => Array.from(rows, (k) => days[k]).filter((d) => !Number.isNaN(d));
  const own = Array.from(days).filter((d) => !Number.isNaN(d));
  // Each interval's start and end: where an unknown interval was left out, the next one starts after the gap, and the pairs stay one period apart (monthly returns with 3 months blank: P = 12, not 9).
  const rows = paired.first < 0 ? paired.end : [...new Set([paired.first, ...paired.start, ...paired.end])].sort((x, y) => x - y);
  const f = pairedFrequency(known(rows), own, periodsPerYear);
  return { intervals: paired.r.length, periodsPerYear: f.periodsPerYear, source: f.source, ...(paired.unknown > 0 ? { unknown: paired.unknown } : {}) };
}
