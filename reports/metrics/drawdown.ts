// Wealth, underwater curve and drawdown episodes (METRICS.md "Risk": max drawdown, drawdown
// periods, ulcer index). Arrays here are indexed by session: s = 0 is the starting value W_0 = 1,
// s ≥ 1 is the value after r[s − 1]; with dates aligned to r, session s ≥ 1 falls on dates[s − 1].
import { isoDay } from '../../data/dates.ts';
import { type Metric, unavailable, valued } from './metric.ts';
import { nonNaNCount, type Series } from './stats.ts';

/** W_0 = 1, W_s = Π_{i<s}(1 + r_i); length n + 1. NaN returns count as 0. */
export function wealthSeries(r: Series): Float64Array {
  const w = new Float64Array(r.length + 1);
  w[0] = 1;
  for (let i = 0; i < r.length; i++) w[i + 1] = Number.isNaN(r[i]) ? w[i] : w[i] * (1 + r[i]);
  return w;
}

/** Underwater curve W_s / max_{t≤s} W_t − 1 (≤ 0), length n + 1; the start W_0 = 1 is a peak. */
export function drawdownSeries(r: Series): Float64Array {
  const w = wealthSeries(r);
  let peak = w[0];
  for (let s = 0; s < w.length; s++) {
    if (w[s] > peak) peak = w[s];
    w[s] = w[s] / peak - 1;
  }
  return w;
}

/**
 * max_drawdown: the lowest point of the underwater curve, reported negative (0 if never under); n
 * the known returns (a blank one leaves the wealth where it was: no new low, and no session).
 */
export function maxDrawdown(r: Series): Metric {
  const n = nonNaNCount(r);
  if (n < 1) return unavailable('max_drawdown', 0);
  const dd = drawdownSeries(r);
  let low = 0;
  for (let s = 1; s < dd.length; s++) if (dd[s] < low) low = dd[s];
  return valued('max_drawdown', low, n);
}

/**
 * ulcer_index: √(mean(dd_t²)) over the sessions after the start whose return is known (t = 1..n
 * with r[t − 1] not NaN). A blank (unknown) return is skipped as in every mean: its session's
 * drawdown is not an observation, and the start (W_0 = 1, dd 0) is none either — a series whose
 * blank first row is its start reads as the run over the same returns.
 */
export function ulcerIndex(r: Series): Metric {
  const n = nonNaNCount(r);
  if (n < 1) return unavailable('ulcer_index', 0);
  const dd = drawdownSeries(r);
  let ss = 0;
  for (let s = 1; s <= r.length; s++) if (!Number.isNaN(r[s - 1])) ss += dd[s] * dd[s];
  return valued('ulcer_index', Math.sqrt(ss / n), n);
}

export interface DrawdownEpisode {
  /** Session index of the peak (last session at the running maximum before the fall). */
  peak: number;
  /** Session index of the lowest wealth within the episode (first one on ties). */
  trough: number;
  /** First session back at (≥) the peak wealth, or null while the episode is open. */
  recovery: number | null;
  /** ISO dates of those sessions; null when unknown (session 0 without `startDay`) or open. */
  peakDate: string | null;
  troughDate: string | null;
  recoveryDate: string | null;
  /** W_trough / W_peak − 1 (negative). */
  depth: number;
  /** Sessions from peak to recovery, or to the last session when open. */
  length: number;
  /** Sessions from peak to trough. */
  timeToTrough: number;
  open: boolean;
}

/**
 * Every drawdown episode in order, O(n). `dates` (epoch days aligned with r) may be null when only
 * indices are wanted; `startDay` is the epoch day of session 0, if known.
 */
export function drawdownEpisodes(dates: Series | null, r: Series, startDay?: number): DrawdownEpisode[] {
  if (dates !== null && dates.length !== r.length) throw new RangeError(`dates have ${dates.length} rows but returns have ${r.length}`);
  const w = wealthSeries(r);
  const dateOf = (s: number | null): string | null => {
    if (s === null || dates === null) return null;
    if (s === 0) return startDay === undefined ? null : isoDay(startDay);
    return isoDay(dates[s - 1]);
  };
  const episode = (peak: number, trough: number, recovery: number | null): DrawdownEpisode => {
    const end = recovery ?? w.length - 1;
    return {
      peak,
      trough,
      recovery,
      peakDate: dateOf(peak),
      troughDate: dateOf(trough),
      recoveryDate: dateOf(recovery),
      depth: w[trough] / w[peak] - 1,
      length: end - peak,
      timeToTrough: trough - peak,
      open: recovery === null,
    };
  };
  const out: DrawdownEpisode[] = [];
  let peak = 0;
  let trough = -1; // −1: not under water
  for (let s = 1; s < w.length; s++) {
    if (w[s] >= w[peak]) {
      if (trough >= 0) out.push(episode(peak, trough, s));
      peak = s;
      trough = -1;
    } else if (trough < 0 || w[s] < w[trough]) trough = s;
  }
  if (trough >= 0) out.push(episode(peak, trough, null));
  return out;
}

/** max_drawdown_duration and avg_drawdown_duration: episode lengths in sessions, open ones included. */
export function drawdownDurations(episodes: readonly DrawdownEpisode[]): [longest: Metric, average: Metric] {
  const k = episodes.length;
  if (k === 0) return [unavailable('max_drawdown_duration', 0, 'no drawdown'), unavailable('avg_drawdown_duration', 0, 'no drawdown')];
  let longest = episodes[0];
  let total = 0;
  for (const e of episodes) {
    total += e.length;
    if (e.length > longest.length) longest = e;
  }
  return [
    valued('max_drawdown_duration', longest.length, k, longest.open ? 'longest episode still open' : undefined),
    valued('avg_drawdown_duration', total / k, k),
  ];
}
