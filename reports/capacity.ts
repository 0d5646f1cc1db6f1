// Capacity: how much of the market a run's trades took. Each order fill's participation is
// |shares| / ADV, with ADV the mean volume of the symbol over the ADV_WINDOW sessions before the
// fill (sessions with unknown volume skipped), counted in the fill's shares across splits.
// Participation grows in proportion to NAV, so the NAV at which the 95th-percentile fill would
// take CAPACITY_CAP of ADV is mean NAV × cap / p95.
//
// Metrics (METRICS.md names, fractions): participation_median, participation_p95,
// participation_max (n = fills with a known ADV), capacity_nav (currency). Data without volume
// (adjusted-close files) gives "no volume data", never 0; volume that comes only after the fills
// says so. runMetrics adds them when given the run's market; without one the four names are
// stored with NOT_MEASURED as their note, so a report can tell such a run from one stored before
// capacity was measured (no rows at all).

import type { Market } from '../data/market.ts';
import { buildAdjustmentIndex } from '../data/adjustedCloses.ts';
import { LiquidityEstimator } from '../engine/execution/liquidity.ts';
import { FillReason, type Result } from '../engine/result.ts';
import { type Metric, mean, percentileSorted, unavailable, valued } from './metrics/index.ts';

export const ADV_WINDOW = 20;
/** Participation at which a fill starts to move the price noticeably: the capacity line. */
export const CAPACITY_CAP = 0.1;

const NAMES = ['participation_median', 'participation_p95', 'participation_max', 'capacity_nav'] as const;

/** The note of the capacity figures of a run measured without its market. */
export const NOT_MEASURED = "the run's metrics were computed without its market (runMetrics(result, { market }) measures capacity)";

/**
 * Participation in ADV of every order fill of the run (NaN where ADV is unknown or zero), one per
 * fill row. ADV is counted in the fill's own shares: volume traded before a split in between is
 * scaled by its ratio, as the engine's impact models count it (engine/execution/liquidity.ts).
 */
export function fillParticipation(result: Result, market: Market, window = ADV_WINDOW): Float64Array {
  const f = result.fills;
  const liquidity = new LiquidityEstimator(market, buildAdjustmentIndex(market), window);
  const out = new Float64Array(f.session.length).fill(NaN);
  for (let k = 0; k < f.session.length; k++) {
    if (f.reason[k] !== FillReason.order) continue;
    // The window ends the session before the fill; its volumes in the fill session's shares.
    const adv = liquidity.adv(f.symbol[k], f.session[k] - 1, f.session[k]);
    if (adv > 0) out[k] = Math.abs(f.quantity[k]) / adv;
  }
  return out;
}

/**
 * Why no fill has a participation: no fills; the traded symbols have no volume at all; or they
 * have volume, but none (or only zeros) in the ADV_WINDOW sessions before any fill — e.g. every
 * trade on the data's first session, where no earlier session exists to average.
 */
function whyNoParticipation(result: Result, market: Market): string {
  const f = result.fills;
  if (f.session.length === 0) return 'no fills';
  const n = market.symbols.length;
  const traded = new Set(f.symbol);
  const T = market.dates.length;
  for (let t = 0; t < T; t++) for (const i of traded) if (!Number.isNaN(market.volume[t * n + i])) return `no fill had a positive volume in the ${ADV_WINDOW} sessions before it, though the data has volume on other sessions`;
  return 'no volume data';
}

/**
 * The capacity metrics of a run on its market (the market it was backtested on): fractions of ADV,
 * capacity_nav in the run's currency, n = fills with a known ADV. Without a market, each is null
 * with the note NOT_MEASURED.
 */
export function capacityFigures(result: Result, market: Market | undefined): Metric[] {
  if (market === undefined) return NAMES.map((name) => unavailable(name, 0, NOT_MEASURED));
  const participation = fillParticipation(result, market);
  const known = Float64Array.from(participation.filter((p) => !Number.isNaN(p))).sort();
  const n = known.length;
  if (n === 0) return NAMES.map((name) => unavailable(name, 0, whyNoParticipation(result, market)));
  const p95 = percentileSorted(known, 95);
  const meanNav = mean(result.daily.nav);
  return [
    valued('participation_median', percentileSorted(known, 50), n),
    valued('participation_p95', p95, n),
    valued('participation_max', known[n - 1], n),
    p95 > 0 && meanNav > 0 ? valued('capacity_nav', (meanNav * CAPACITY_CAP) / p95, n) : unavailable('capacity_nav', n, 'no participation'),
  ];
}
