// Caveats of a stored run as a page shows them: the recorded ones (the terminal's and the store's,
// data notes already scoped to what the run read: engine/warnings.ts RunScope), plus two the
// store's rows let the page measure — how far the realised gross exposure fell from the targets,
// and the largest notional left waiting by deferred orders.

import type { StoredRun } from '../store/index.ts';
import { type FillRow, type PositionRow, splitsBetween, type SplitRow } from './holdings.ts';
import type { ReportCaveat } from './model.ts';

/** A realised gross exposure further than this from the targets is a caveat (5 pp of NAV). */
const EXPOSURE_GAP = 0.05;
/** Deferred notional below this share of NAV is not worth a caveat (0.1 %). */
const DEFERRED_NOTABLE = 0.001;

/** The run's caveats as stored, plus the exposure gap and the deferred notional the page measures. */
export function pageCaveats(stored: StoredRun): ReportCaveat[] {
  const out: ReportCaveat[] = stored.caveats.map((c) => ({ ...c }));
  const gap = exposureGap(stored.positions, stored.daily.dates, stored.daily.grossExposure);
  if (gap !== null && Math.abs(gap.realised - gap.target) > EXPOSURE_GAP) {
    const pp = (gap.realised - gap.target) * 100;
    out.push({
      code: 'exposure-gap',
      severity: Math.abs(gap.realised - gap.target) > 4 * EXPOSURE_GAP ? 'high' : 'medium',
      message: `realised gross exposure averaged ${(gap.realised * 100).toFixed(1)}% of NAV against ${(gap.target * 100).toFixed(1)}% targeted (${pp > 0 ? '+' : ''}${pp.toFixed(1)} pp): fills were cut, rested or drifted`,
      size: gap.realised - gap.target,
      unit: 'nav-share',
      symbols: [],
    });
  }
  const deferred = peakDeferredNotional(stored.deferrals, stored.positions, stored.fills, stored.daily.dates, stored.daily.columns.nav, stored.splits);
  if (deferred !== null && deferred.share > DEFERRED_NOTABLE) {
    out.push({
      code: 'deferred-notional',
      severity: deferred.share > 0.05 ? 'medium' : 'low',
      message: `orders left waiting peaked at ${(deferred.share * 100).toFixed(1)}% of NAV on ${deferred.date} (deferred on ${deferred.sessions} session${deferred.sessions === 1 ? '' : 's'}): the book lagged its targets by that much`,
      size: deferred.share,
      unit: 'nav-share',
      symbols: [],
    });
  }
  return out;
}


/** Gross exposure the decisions targeted (Σ|target weight| per decision, averaged) and what the book held on average after the first decision. */
export function exposureGap(positions: readonly (PositionRow & { targetWeight: number | null })[], dates: readonly string[], grossExposure: ArrayLike<number>): { target: number; realised: number } | null {
  const targets = new Map<string, number>();
  for (const p of positions) if (p.targetWeight !== null && Number.isFinite(p.targetWeight)) targets.set(p.date, (targets.get(p.date) ?? 0) + Math.abs(p.targetWeight));
  if (targets.size === 0) return null;
  const first = dates.indexOf([...targets.keys()][0]);
  let sum = 0;
  let k = 0;
  for (let t = Math.max(first + 1, 0); t < grossExposure.length; t++) {
    if (!Number.isFinite(grossExposure[t])) continue;
    sum += grossExposure[t];
    k++;
  }
  if (k === 0) return null;
  return { target: [...targets.values()].reduce((s, v) => s + v, 0) / targets.size, realised: sum / k };
}

/**
 * The largest notional left waiting by deferred orders on one session, as a share of that
 * session's NAV: Σ |remaining shares| × the symbol's latest known price (its last position mark or
 * fill on or before the date, ÷ the ratio of each split after it up to the date: the remaining
 * shares are in that date's units). Null when nothing with a known size was deferred.
 */
export function peakDeferredNotional(
  deferrals: readonly { date: string; symbol: string; remaining: number | null }[],
  positions: readonly (PositionRow & { price: number | null })[],
  fills: readonly (FillRow & { price: number })[],
  dates: readonly string[],
  nav: ArrayLike<number>,
  splits: readonly SplitRow[] = [],
): { share: number; date: string; sessions: number } | null {
  const marks = new Map<string, { date: string; price: number }[]>();
  const mark = (symbol: string, date: string, price: number | null): void => {
    if (price === null || !(price > 0)) return;
    const list = marks.get(symbol) ?? [];
    list.push({ date, price });
    marks.set(symbol, list);
  };
  for (const p of positions) mark(p.symbol, p.date, p.price);
  for (const f of fills) mark(f.symbol, f.date, f.price);
  for (const list of marks.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const priceAt = (symbol: string, date: string): number | null => {
    let found: { date: string; price: number } | null = null;
    for (const m of marks.get(symbol) ?? []) {
      if (m.date > date) break;
      found = m;
    }
    if (found === null) return null;
    // A mark on an ex-date is already in the new shares (splits apply at that session's open).
    const since = found.date;
    return splitsBetween(splits, symbol, since, date).reduce((price, x) => price / x.ratio, found.price);
  };
  const byDate = new Map<string, number>();
  for (const d of deferrals) {
    if (d.remaining === null) continue;
    const price = priceAt(d.symbol, d.date);
    if (price !== null) byDate.set(d.date, (byDate.get(d.date) ?? 0) + Math.abs(d.remaining) * price);
  }
  const row = new Map(dates.map((d, t) => [d, t]));
  let best: { share: number; date: string; sessions: number } | null = null;
  for (const [date, notional] of byDate) {
    const value = nav[row.get(date) ?? -1];
    if (!(value > 0)) continue;
    const share = notional / value;
    if (best === null || share > best.share) best = { share, date, sessions: byDate.size };
  }
  return best;
}
