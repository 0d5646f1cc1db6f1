// Weekend-dated period-end bars (index levels dated on calendar month-ends: Sunday 2021-01-31)
// in a load that does not trade on weekends. Taken as dated they add sessions nothing trades on:
// zero-return days for every other symbol, and a calendar that ends on a Saturday after every
// daily series' last bar, forcing data-end exits of symbols whose data did not end.
//
// Rule: when no series with daily spacing (median gap ≤ 5 days) has a bar on a Saturday or
// Sunday, a weekend bar of a coarser series (weekly, monthly, quarterly …) is read as of the last
// session of the other bars in the six days before it (the Friday, or the Thursday before a
// holiday Friday) — the close the level was last set at, since nothing in the load trades in
// between, so the level carries no later information — provided that session comes after the
// series' previous bar. With no such session (the series alone, or only other calendar-dated
// series) the bar keeps its own day. Weekday holidays are not detected (a bar dated on one keeps
// its day).

import { medianGap, weekdayOf } from '../../dates.ts';

/** What the rule reads of a series: its name and its bars' epoch days, ascending (a SymbolSeries, or any dated series). */
interface DatedBars {
  readonly symbol: string;
  readonly dates: Int32Array;
}

/** Daily spacing: a median gap between bars of at most this many days (engine/calendar/frequency.ts's daily bucket). */
const DAILY_GAP_DAYS = 5;
/** How far back a weekend bar may be read: within the same week. */
const LOOK_BACK_DAYS = 6;

const isWeekend = (day: number): boolean => {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
};

function hasWeekendBar(dates: Int32Array): boolean {
  for (let r = 0; r < dates.length; r++) if (isWeekend(dates[r])) return true;
  return false;
}

export interface WeekendReading<S extends DatedBars> {
  /** The series, those with bars read as of an earlier session given new dates (the rest as they were). */
  readonly series: S[];
  /** Per symbol with moved bars: how many. */
  readonly moved: ReadonlyMap<string, number>;
  /**
   * Daily series with a stray weekend bar (at most STRAY_SHARE of their bars, as an IPO's first
   * row dated on a Saturday) in a load whose other daily series never trade on weekends: its
   * days, kept as dated (each is a session nothing else trades on) and said in a note.
   */
  readonly stray: ReadonlyMap<string, readonly number[]>;
}

/** A daily series whose weekend bars are at most this share of its bars does not trade on weekends: they are strays. */
const STRAY_SHARE = 0.01;

/**
 * Daily series with a few weekend bars where no other daily series has any (WeekendReading.stray).
 * `series`: those with a weekend bar (a series without one is neither a stray nor a weekend trader).
 */
function strayWeekendBars(series: readonly DatedBars[]): Map<string, number[]> {
  const stray = new Map<string, number[]>();
  const daily = series.filter((s) => s.dates.length > 1 && medianGap(s.dates) <= DAILY_GAP_DAYS);
  for (const s of daily) {
    const days = Array.from(s.dates).filter(isWeekend);
    if (days.length > 0 && days.length <= Math.max(1, STRAY_SHARE * s.dates.length)) stray.set(s.symbol, days);
  }
  // Where some daily series do trade on weekends (a seven-day market), their weekend bars are not strays.
  const weekendTraders = daily.filter((s) => !stray.has(s.symbol));
  return weekendTraders.length > 0 ? new Map() : stray;
}

/** The series with weekend period-end bars read as of the previous session (see the file header). */
export function readWeekendBarsAsOf<S extends DatedBars>(series: readonly S[]): WeekendReading<S> {
  // One pass over the days first: most loads have no weekend bar, and then nothing else is scanned.
  const anyWeekend = series.filter((s) => hasWeekendBar(s.dates));
  const stray = strayWeekendBars(anyWeekend);
  const withWeekends = anyWeekend.filter((s) => !stray.has(s.symbol));
  const coarse = withWeekends.filter((s) => medianGap(s.dates) > DAILY_GAP_DAYS);
  const moved = new Map<string, number>();
  // A daily series with a weekend bar: the load trades on weekends, and every such day is a session.
  if (coarse.length === 0 || coarse.length < withWeekends.length) return { series: [...series], moved, stray };
  const candidates = new Set(coarse);
  // Sessions a weekend bar may be read at: the days of every bar that is not itself a candidate.
  const sessionDays = new Set<number>();
  for (const s of series) for (let r = 0; r < s.dates.length; r++) if (!candidates.has(s) || !isWeekend(s.dates[r])) sessionDays.add(s.dates[r]);
  const out = series.map((s) => {
    if (!candidates.has(s)) return s;
    const dates = Int32Array.from(s.dates);
    let count = 0;
    for (let r = 0; r < dates.length; r++) {
      if (!isWeekend(dates[r])) continue;
      const after = r > 0 ? dates[r - 1] : -Infinity;
      for (let d = dates[r] - 1; d >= dates[r] - LOOK_BACK_DAYS && d > after; d--) {
        if (!sessionDays.has(d)) continue;
        dates[r] = d;
        count++;
        break;
      }
    }
    if (count === 0) return s;
    moved.set(s.symbol, count);
    return { ...s, dates };
  });
  return { series: out, moved, stray };
}
