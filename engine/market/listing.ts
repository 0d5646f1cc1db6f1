// Which symbols are listed at a session, and at what price a listed symbol without a bar there
// stands. A symbol is listed from its first bar through its last listed session (its delisting's,
// else its last bar's: corporateActions.ts closes a position the session after). In between, a
// session where it has no bar — a weekday stock on a crypto weekend, a halt, an illiquid name —
// is a gap, not an absence: while its last bar is at most `staleSessions` sessions old (the
// engine config's staleMarkSessions) it is present, standing at its last close on or before the
// session (causal: nothing after it is read), adjusted for the splits since, and an order for it
// rests until it trades. A symbol not yet started, gone, or with an older last bar (a price the
// market no longer confirms: a long suspension, a hole of months in the data) has no price.
// A symbol's own bars a year (barsPerYear) say how many of its bars span a year of the run's
// calendar, so a lookback counted on its own bars covers the same time as one in sessions.

import type { Market } from '../../data/market.ts';
import { type AdjustmentIndex, splitFactorBetween } from '../../data/adjustedCloses.ts';
import { STALE_MARK_SESSIONS } from '../config.ts';
import { firstBarSession, lastListedSession } from './corporateActions.ts';
import { standardDailyP } from '../calendar/dailyPeriods.ts';

/** Calendar days a year, for a sparse symbol's bars a year from its bars' spacing. */
const DAYS_A_YEAR = 365.25;
/** Sessions between a sparse symbol's bars from which it is read as weekly or coarser (by calendar days). */
const WEEKLY_GAP = 4;
/** A symbol with a bar on at least this share of the calendar's sessions trades on the calendar (frequency.ts: 90 % of 252). */
const ON_CALENDAR_SHARE = 0.9;

export class Listing {
  readonly #market: Market;
  readonly #adjustments: AdjustmentIndex;
  /** Per symbol: its first session with a close (the session count when it has none). */
  readonly firstBar: Int32Array;
  /** Per symbol: its last listed session (−1 when it has no bar). */
  readonly #lastListed: Int32Array;
  /** Per symbol asked for: counts[s] = its bars in sessions 0..s−1 (length: sessions + 1). */
  readonly #counts = new Map<number, Int32Array>();
  /** A last bar older than this many sessions is stale: the symbol is not present. */
  readonly #staleSessions: number;

  constructor(market: Market, adjustments: AdjustmentIndex, staleSessions = STALE_MARK_SESSIONS) {
    this.#market = market;
    this.#adjustments = adjustments;
    this.#staleSessions = staleSessions;
    this.firstBar = firstBarSession(market);
    this.#lastListed = Int32Array.from(market.symbols, (_, i) => lastListedSession(market, i));
  }

  /** True when symbol i is listed at session t: started (a bar on or before t) and not gone. */
  listed(i: number, t: number): boolean {
    return this.firstBar[i] <= t && t <= this.#lastListed[i];
  }

  /** Symbol i's last session with a close on or before t (−1 when it has none, or is not listed at t). */
  lastBar(i: number, t: number): number {
    if (!this.listed(i, t)) return -1;
    const n = this.#market.symbols.length;
    const close = this.#market.close;
    let s = t;
    while (s > this.firstBar[i] && Number.isNaN(close[s * n + i])) s--;
    return s;
  }

  /** True when symbol i is present at session t: listed, with a last bar at most staleSessions old. */
  present(i: number, t: number): boolean {
    const s = this.lastBar(i, t);
    return s >= 0 && t - s <= this.#staleSessions;
  }

  /**
   * Price of symbol i at session t: its close there, else its last close before t divided by the
   * split ratios with ex-dates after that close through t (the price level of t); NaN when the
   * symbol is not present at t. Unit: currency per share of t.
   */
  lastClose(i: number, t: number): number {
    const s = this.lastBar(i, t);
    if (s < 0 || t - s > this.#staleSessions) return NaN;
    const p = this.#market.close[s * this.#market.symbols.length + i];
    return s === t ? p : p / splitFactorBetween(this.#adjustments, i, s, t);
  }

  /**
   * Bars of symbol i a year, at session t of a calendar with P = `periodsPerYear` sessions a
   * year: the share s of the sessions in the trailing year (from its first bar when later) on
   * which it has a bar, read the way frequency.ts reads a calendar — s ≥ 0.9 is the calendar's P
   * itself; else its bars' rate from its first to its last bar in the window — per session × P for
   * a name with gaps under 4 sessions, per calendar day × 365.25 for a weekly or coarser one —
   * snapped to 252 or 365 where it is a trading-day or calendar-day count (dailyPeriods.ts
   * standardDailyP), rounded otherwise (a weekday stock in a seven-day calendar: 365 · 5/7 = 260.7
   * → 252; an illiquid name on 150 of 252 sessions: about 150; month-end bars: 12). Under a month of
   * sessions (P/12) it cannot tell: P. Reads bars up to t only. `once`: counted directly, with no
   * running counts kept for the symbol (the manifest asks once per symbol; a strategy at every decision).
   */
  barsPerYear(i: number, t: number, periodsPerYear: number, once = false): number {
    const from = Math.max(this.firstBar[i], t - Math.round(periodsPerYear) + 1);
    const sessions = t - from + 1;
    if (sessions < periodsPerYear / 12) return periodsPerYear;
    const bars = once ? this.#countBars(i, from, t) : this.#spanBars(i, from, t);
    if (bars / sessions >= ON_CALENDAR_SHARE) return periodsPerYear;
    // Sparse: its bars' own spacing, (bars − 1) gaps from its first bar in the window to its last, so where the
    // window's edges fall between two bars does not move it (month-ends read 11, 12 or 13 counted over a year of
    // sessions, flipping signals on days without a new bar). A name trading most days (gaps under WEEKLY_GAP
    // sessions: illiquid, every other day) is counted against the calendar's sessions; a weekly or coarser one
    // against calendar days, whatever the calendar holds a year (a holiday-free weekday one has 261 for P = 252).
    let rate = (bars / sessions) * periodsPerYear;
    if (bars >= 2) {
      const [a, b] = [this.#firstBarAtOrAfter(i, from), this.#lastBarAtOrBefore(i, t)];
      const days = this.#market.dates;
      rate = (b - a) / (bars - 1) < WEEKLY_GAP ? ((bars - 1) / (b - a)) * periodsPerYear : ((bars - 1) / (days[b] - days[a])) * DAYS_A_YEAR;
    }
    return standardDailyP(rate) ?? Math.max(1, Math.round(rate));
  }

  /** The session of symbol i's first bar in [s, …) (one exists: the caller counted two or more from s). */
  #firstBarAtOrAfter(i: number, s: number): number {
    const n = this.#market.symbols.length;
    while (Number.isNaN(this.#market.close[s * n + i])) s++;
    return s;
  }

  /** The session of symbol i's last bar at or before t (one exists: the caller counted two or more up to t). */
  #lastBarAtOrBefore(i: number, t: number): number {
    const n = this.#market.symbols.length;
    while (Number.isNaN(this.#market.close[t * n + i])) t--;
    return t;
  }

  /** Bars of symbol i in sessions from..to, from its running counts (built on first use: a strategy asks at every decision). */
  #spanBars(i: number, from: number, to: number): number {
    let counts = this.#counts.get(i);
    if (counts === undefined) {
      const sessions = this.#market.dates.length;
      counts = new Int32Array(sessions + 1);
      for (let s = 0; s < sessions; s++) counts[s + 1] = counts[s] + this.#countBars(i, s, s);
      this.#counts.set(i, counts);
    }
    return counts[to + 1] - counts[from];
  }

  /** Bars of symbol i in sessions from..to, counted (for a question asked once: no running counts kept). */
  #countBars(i: number, from: number, to: number): number {
    const n = this.#market.symbols.length;
    let bars = 0;
    for (let s = from; s <= to; s++) if (!Number.isNaN(this.#market.close[s * n + i])) bars++;
    return bars;
  }
}
