// Compounded returns and per-period win/loss statistics (METRICS.md "Returns").
import { isoDay } from '../../data/dates.ts';
import { INSUFFICIENT, MIN_STAT_N, type Metric, unavailable, valued } from './metric.ts';
import { nonNaNCount, type Series } from './stats.ts';

/** Π(1 + r) over [start, end); NaN returns count as 0 (METRICS.md: "count as 0 in compounding"). */
export function growth(r: Series, start = 0, end = r.length): number {
  let g = 1;
  for (let i = start; i < end; i++) {
    const v = r[i];
    if (!Number.isNaN(v)) g *= 1 + v;
  }
  return g;
}

/** g^(P/n) − 1: the annualized return of a growth factor g earned over n periods. */
export function annualize(g: number, n: number, periodsPerYear: number): number {
  return Math.pow(g, periodsPerYear / n) - 1;
}

/** total_return: Π(1 + r) − 1; n the known returns (a blank one is skipped: a 0 in the product, not a return). */
export function totalReturn(r: Series): Metric {
  const n = nonNaNCount(r);
  if (n < 1) return unavailable('total_return', 0);
  return valued('total_return', growth(r) - 1, n);
}

/**
 * annual_return ("CAGR"): (Π(1 + r))^(P/m) − 1, m = `periods`: the time the returns cover, in
 * periods of P (years = m / P, as METRICS.md defines them). By default m = n, the known returns,
 * each one period (a blank, unknown, return is skipped: neither a return nor a period, as
 * computeMetrics counts it); more where some return covers several (a series paired with a
 * benchmark across the benchmark's missing dates, commonPeriod.ts).
 */
export function annualReturn(r: Series, periodsPerYear = 252, periods = nonNaNCount(r)): Metric {
  const n = nonNaNCount(r);
  if (n < 1) return unavailable('annual_return', 0);
  const g = growth(r);
  // A fractional power of a negative wealth is undefined (leveraged wipe-out beyond −100%).
  if (g < 0) return unavailable('annual_return', n, 'wealth went negative');
  return valued('annual_return', annualize(g, periods, periodsPerYear), n);
}

/**
 * cagr_calendar: (NAV_end/NAV_start)^(365.25/days) − 1, days between the first and last session.
 * `dates[i]` is the session of `r[i]`, so NAV_0's session is not among them: pass `startDay` (its
 * epoch day) to use every return. Without it the first known session, dates[0], is the start and
 * r[0] (earned before it) is left out; n says how many returns were used, and the note says so
 * where a user reads the figure (probe r72a F3: 0.063609 over 1668 returns beside the run's
 * 0.063593 over 1669).
 */
export function cagrCalendar(dates: Series, r: Series, startDay?: number): Metric {
  const n = r.length;
  if (dates.length !== n) throw new RangeError(`dates have ${dates.length} rows but returns have ${n}`);
  if (n < 1) return unavailable('cagr_calendar', 0);
  const from = startDay === undefined ? 1 : 0;
  const used = n - from;
  const days = dates[n - 1] - (startDay ?? dates[0]);
  if (used < 1 || days <= 0) return unavailable('cagr_calendar', used);
  const g = growth(r, from, n);
  if (g < 0) return unavailable('cagr_calendar', used, 'wealth went negative');
  const note = startDay === undefined ? `first return (${isoDay(dates[0])}) left out: its start is not dated` : undefined;
  return valued('cagr_calendar', Math.pow(g, 365.25 / days) - 1, used, note);
}

/** best_day / worst_day: the largest and smallest single-period return. */
export function bestWorstPeriod(r: Series): [best: Metric, worst: Metric] {
  let hi = -Infinity;
  let lo = Infinity;
  for (let i = 0; i < r.length; i++) {
    const v = r[i];
    if (v > hi) hi = v;
    if (v < lo) lo = v;
  }
  const n = nonNaNCount(r);
  if (n < 1) return [unavailable('best_day', 0), unavailable('worst_day', 0)];
  return [valued('best_day', hi, n), valued('worst_day', lo, n)];
}

/** Sums and counts of the positive and negative returns, NaN skipped. */
interface WinLoss {
  n: number;
  wins: number;
  losses: number;
  winSum: number;
  lossSum: number;
}

/** Split values into wins (> 0) and losses (< 0). */
function winLoss(x: Series): WinLoss {
  const s: WinLoss = { n: 0, wins: 0, losses: 0, winSum: 0, lossSum: 0 };
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (Number.isNaN(v)) continue;
    s.n++;
    if (v > 0) {
      s.wins++;
      s.winSum += v;
    } else if (v < 0) {
      s.losses++;
      s.lossSum += v;
    }
  }
  return s;
}

/**
 * Win rate, average win / loss, payoff ratio and profit factor of a series of outcomes (period
 * returns, or trade P&L with `prefix` 'trade_'). Win rate counts only non-zero outcomes.
 */
export function winLossMetrics(x: Series, prefix = ''): Metric[] {
  const s = winLoss(x);
  const decided = s.wins + s.losses;
  const names = ['win_rate', 'avg_win', 'avg_loss', 'payoff_ratio', 'profit_factor'].map((m) => prefix + m);
  if (s.n < MIN_STAT_N) return names.map((name) => unavailable(name, s.n, INSUFFICIENT));
  const avgWin = s.winSum / s.wins;
  const avgLoss = s.lossSum / s.losses;
  return [
    decided > 0 ? valued(names[0], s.wins / decided, decided) : unavailable(names[0], 0, 'no non-zero outcomes'),
    s.wins > 0 ? valued(names[1], avgWin, s.wins) : unavailable(names[1], 0, 'no wins'),
    s.losses > 0 ? valued(names[2], avgLoss, s.losses) : unavailable(names[2], 0, 'no losses'),
    s.wins > 0 && s.losses > 0
      ? valued(names[3], avgWin / Math.abs(avgLoss), decided)
      : unavailable(names[3], decided, s.losses > 0 ? 'no wins' : 'no losses'),
    s.losses > 0 ? valued(names[4], s.winSum / Math.abs(s.lossSum), decided) : unavailable(names[4], decided, 'no losses'),
  ];
}
