// Which sessions' NAV observes the book. A session on which every held position had no bar (each
// kept an earlier session's close as its mark: engine daily `navCarried`) has a NAV that only
// repeats those marks: a book of STRAT on a day STRAT did not trade. Paired with a benchmark that
// did trade, that session would read a 0 % return against the benchmark's move and the next one
// a two-session return against a one-session move (METRICS.md "Inputs": never a one-day return
// against a two-day one, never a 0 for a missing day). The relative metrics therefore pair across
// such a session, the interval from the session before to the next observed one joined into one,
// exactly as across a benchmark holiday. A book with one position of several priced is observed.
import { isoDay } from '../data/dates.ts';
import { type Caveat, caveat } from '../engine/caveats/caveats.ts';

/**
 * Rows (session indexes) whose NAV carried every held mark: where the engine's daily `navCarried`
 * is 1. NaN (runs stored before the store kept it) observes every row. Ascending.
 */
export function carriedSessions(navCarried: ArrayLike<number>): number[] {
  const rows: number[] = [];
  for (let k = 0; k < navCarried.length; k++) if (navCarried[k] === 1) rows.push(k);
  return rows;
}

/** `values` (one per session; null for none) as a Float64Array with NaN on `rows`: the series to pair with a benchmark. */
export function observedValues(values: ArrayLike<number | null>, rows: readonly number[]): Float64Array {
  const out = Float64Array.from(values as ArrayLike<number>, (v) => v ?? NaN);
  for (const k of rows) out[k] = NaN;
  return out;
}

/**
 * What pairing across carried sessions did, in a run's caveats: `rows` (carriedSessions) on which
 * the benchmark `name` has a level (`levels`, NaN for none) — where it has none the interval joins
 * anyway — with the first date (`day(row)`, epoch day). [] when there is none.
 */
export function carriedSessionCaveats(name: string, rows: readonly number[], levels: ArrayLike<number>, day: (row: number) => number): Caveat[] {
  const joined = rows.filter((k) => !Number.isNaN(levels[k]));
  if (joined.length === 0) return [];
  const n = joined.length;
  const which = n === 1 ? `1 session (${isoDay(day(joined[0]))})` : `${n} sessions (the first ${isoDay(day(joined[0]))})`;
  return [
    caveat('benchmark', 'low', `no position the run held had a bar on ${which}: its NAV there only carried earlier closes, so the returns against benchmark ${name} are paired across ${n === 1 ? 'it' : 'them'}, from the session before to the next one with a bar`, { value: n, unit: 'sessions' }),
  ];
}
