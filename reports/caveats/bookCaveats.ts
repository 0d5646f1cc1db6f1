// Caveats on how the book followed its targets and on the sample's length: the realised gross
// exposure against the targeted one, the largest notional left waiting by deferred orders, and a
// sample shorter than a year. Measured once from a run's Result when it is measured (runMetrics),
// so the terminal, the store and the tear sheet carry the same sentence; the page measures none
// of them again (html/storedCaveats.ts: runs stored before they were recorded show their stored list).

import { isoDay } from '../../data/dates.ts';
import { type Caveat, caveat } from '../../engine/caveats/caveats.ts';
import { Deferral } from '../../engine/execution/orders.ts';
import type { Result } from '../../engine/result.ts';
import { periodsPerRow } from '../../engine/calendar/rowPeriods.ts';
import { exposureGapCauses } from './exposureGapCauses.ts';
import { sum } from '../metrics/index.ts';

/** A realised gross exposure further than this from the targets is a caveat (5 pp of NAV); more than 4× this is high. */
const EXPOSURE_GAP = 0.05;
/** Deferred notional below this share of NAV is not worth a caveat (0.1 %); above 5 % it is medium. */
const DEFERRED_NOTABLE = 0.001;
const DEFERRED_MEDIUM = 0.05;
/** The gap's clause when the run recorded none of the causes exposureGapCauses names. */
const NO_CAUSE = 'the run recorded none of the causes breadth names (targets waiting for a price, buys or sales cut, orders rested, orders a split or the end of their day left unfilled, whole shares, positions closed at their data end, targets whose order a data end or delisting cancelled, targets on symbols that had left the market, drift between decisions; prices moving between a decision and its fills are not measured)';

/** A price seen for a symbol on a date (a position's mark or a fill's price); null when unknown. */
export interface PriceMark {
  readonly date: string;
  readonly symbol: string;
  readonly price: number | null;
}

/** A split as the store dates it: at the open of `date`, shares × ratio and prices ÷ ratio (new shares per old). */
export interface SplitRow {
  readonly date: string;
  readonly symbol: string;
  readonly ratio: number;
}

/** The splits of `symbol` with ex-dates in (after, upTo]: those a share count of date `after` has not seen by `upTo`. */
export function splitsBetween<S extends SplitRow>(splits: readonly S[], symbol: string, after: string, upTo: string): S[] {
  return splits.filter((x) => x.symbol === symbol && x.date > after && x.date <= upTo);
}
/** Σ|target weight| per decision date (ISO), in date order, from holdings rows; rows without a finite target are skipped. */
export function targetsByDate(rows: Iterable<{ readonly date: string; readonly targetWeight: number | null }>): Map<string, number> {
  const targets = new Map<string, number>();
  for (const p of rows) if (p.targetWeight !== null && Number.isFinite(p.targetWeight)) targets.set(p.date, (targets.get(p.date) ?? 0) + Math.abs(p.targetWeight));
  return targets;
}

/**
 * The realised gross exposure against the targeted one over a span of sessions: `target` and
 * `realised` are averages (fractions of NAV) over the `sessions` sessions from `from` (ISO date:
 * the first whose fills the first decision could reach) on which targets stood; `overall` is the realised average over
 * all `all` sessions of the run (avg_gross_exposure's span), so a reader sees why the two differ.
 */
export interface ExposureGap {
  readonly target: number;
  readonly realised: number;
  readonly from: string;
  readonly sessions: number;
  readonly overall: number;
  readonly all: number;
  /** What the run recorded that held the book back, as clauses (exposureGapCauses.ts); empty: the caveat says none was recorded; absent: the generic list. */
  readonly causes?: readonly string[];
  /** Sessions after `from` left out of the span because explicit orders had cleared the targets (none stood to compare with); absent: none. */
  readonly cleared?: number;
}

/** Mean of the finite values of `x` and their count (sessions with NAV ≤ 0 are NaN and drop out). */
function finiteMean(x: ArrayLike<number>, from = 0): { mean: number; n: number } {
  let sum = 0;
  let n = 0;
  for (let t = Math.max(from, 0); t < x.length; t++) {
    if (!Number.isFinite(x[t])) continue;
    sum += x[t];
    n++;
  }
  return { mean: n > 0 ? sum / n : NaN, n };
}

/**
 * Gross exposure the decisions targeted (`targets`: Σ|target weight| per decision date, in date
 * order, averaged over the decisions) and what the book held on average on the sessions after the
 * first decision (`grossExposure`: fraction of NAV per session of `dates`, NaN where NAV ≤ 0 — those
 * drop out), and over all sessions. Its span starts the session after the first decision, where
 * next-open and next-close fills land (standingExposureGap, from a Result's decision sessions,
 * starts a same-close run at the decision's own close). Null without a targeted decision or a
 * session after it.
 */
export function exposureGap(targets: ReadonlyMap<string, number>, dates: readonly string[], grossExposure: ArrayLike<number>): ExposureGap | null {
  if (targets.size === 0) return null;
  const from = Math.max(dates.indexOf(targets.keys().next().value as string) + 1, 0);
  const span = finiteMean(grossExposure, from);
  if (span.n === 0) return null;
  let targeted = 0;
  for (const v of targets.values()) targeted += v;
  const all = finiteMean(grossExposure);
  return { target: targeted / targets.size, realised: span.mean, from: dates[from], sessions: span.n, overall: all.mean, all: all.n };
}

/**
 * The largest notional left waiting by deferred orders on one session, as a share of that
 * session's NAV (`nav`, one per date of `dates`): Σ |remaining shares| × the symbol's latest known
 * price (its last mark on or before the date, ÷ the ratio of each split after it up to the date:
 * the remaining shares are in that date's units; a mark on an ex-date is already in the new
 * shares). `sessions` counts the dates with a priced deferral. Null when nothing with a known size
 * was deferred.
 */
export function peakDeferredNotional(
  deferrals: readonly { readonly date: string; readonly symbol: string; readonly remaining: number | null }[],
  marks: Iterable<PriceMark>,
  dates: readonly string[],
  nav: ArrayLike<number>,
  splits: readonly SplitRow[] = [],
): { share: number; date: string; sessions: number } | null {
  const bySymbol = new Map<string, { date: string; price: number }[]>();
  for (const m of marks) {
    if (m.price === null || !(m.price > 0)) continue;
    const list = bySymbol.get(m.symbol) ?? [];
    list.push({ date: m.date, price: m.price });
    bySymbol.set(m.symbol, list);
  }
  for (const list of bySymbol.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const priceAt = (symbol: string, date: string): number | null => {
    // The last mark on or before `date`: a binary search of the symbol's sorted marks.
    const list = bySymbol.get(symbol) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].date <= date) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return null;
    const found = list[lo - 1];
    return splitsBetween(splits, symbol, found.date, date).reduce((price, x) => price / x.ratio, found.price);
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

/**
 * The exposure-gap caveat, when the realised gross exposure is more than 5 pp of NAV from the
 * target: medium, high beyond 20 pp. The gap is compared as printed (to 0.1 pp), so a
 * "-20.0 pp" never reads high. It names its span (from the first session the first decision's
 * fills could reach, less the sessions on which explicit orders had cleared the targets) and,
 * where that is not the whole run and reads differently (to 0.1 %),
 * avg_gross_exposure's figure over all sessions, then the causes the run recorded (or that it
 * recorded none; a gap without them, from a hand-made Result: the generic list of what can cause
 * one). Size: realised − target, a share of NAV.
 */
export function exposureGapCaveat(gap: ExposureGap | null): Caveat | null {
  if (gap === null) return null;
  const pp = Math.round((gap.realised - gap.target) * 1000) / 10;
  if (!(Math.abs(pp) > EXPOSURE_GAP * 100)) return null;
  const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;
  // The whole run's figure only where it reads differently.
  const whole = gap.sessions === gap.all || percent(gap.overall) === percent(gap.realised) ? '' : ` (avg_gross_exposure, over all ${gap.all.toLocaleString('en-US')}: ${percent(gap.overall)})`;
  const sessions = (n: number): string => `${n.toLocaleString('en-US')} session${n === 1 ? '' : 's'}`;
  const cleared = gap.cleared === undefined ? '' : `, that had targets standing (${gap.cleared.toLocaleString('en-US')} more, after explicit orders cleared the targets, had none to compare with)`;
  const span = `over the ${sessions(gap.sessions)} from ${gap.from}, once orders of the first decision could fill${cleared}${whole}`;
  const causes = gap.causes === undefined ? 'fills were cut, rested or drifted, or whole shares left cash (a name priced above its target gets none)' : gap.causes.length > 0 ? gap.causes.join('; ') : NO_CAUSE;
  const message = `realised gross exposure averaged ${percent(gap.realised)} of NAV against ${percent(gap.target)} targeted (${pp > 0 ? '+' : ''}${pp.toFixed(1)} pp) ${span}: ${causes}`;
  return caveat('exposure-gap', Math.abs(pp) > 4 * EXPOSURE_GAP * 100 ? 'high' : 'medium', message, { value: gap.realised - gap.target, unit: 'nav-share' });
}

/** What a run's orders carried out: its decisions' targets, its explicit orders, or both (deferredNotionalCaveat's words). */
export type OrdersFor = 'targets' | 'orders' | 'targets and orders';

/**
 * The deferred-notional caveat, when the peak exceeds 0.1 % of NAV: low, medium above 5 %; the
 * book lagged what its orders were `for` (its targets, its explicit orders, or both). Size: the
 * peak, a share of NAV.
 */
export function deferredNotionalCaveat(peak: { share: number; date: string; sessions: number } | null, ordersFor: OrdersFor = 'targets'): Caveat | null {
  if (peak === null || !(peak.share > DEFERRED_NOTABLE)) return null;
  const message = `orders left waiting peaked at ${(peak.share * 100).toFixed(1)}% of NAV on ${peak.date} (deferred on ${peak.sessions} session${peak.sessions === 1 ? '' : 's'}): the book lagged its ${ordersFor} by that much`;
  return caveat('deferred-notional', peak.share > DEFERRED_MEDIUM ? 'medium' : 'low', message, { value: peak.share, unit: 'nav-share' });
}

/**
 * Medium when the run's `sessions` cover fewer than P (`periodsPerYear`) periods: its annualized
 * figures extrapolate. `covered`: the periods of P its returns cover, Σk (engine/calendar/rowPeriods.ts
 * periodsPerRow) — sessions − 1 unless its calendar has holes or dates off its grid (38 sessions
 * across a hole of 6 weekdays cover 42) —, said in every message, so a year of 252 sessions reads
 * "252 sessions covering 251 periods", not "252 sessions, under a year of 252" (probe r64d F5).
 * Size: the sessions.
 */
export function shortSampleCaveat(sessions: number, periodsPerYear: number, covered = sessions - 1): Caveat | null {
  // Shares of a period (6/7 + 1/7) sum to a whole one only to rounding.
  const periods = Math.round(covered * 1e9) / 1e9;
  if (!(periods < periodsPerYear)) return null;
  const covering = Number.isInteger(periods) ? periods.toLocaleString('en-US') : periods.toFixed(1);
  return caveat('short-sample', 'medium', `Short sample: ${sessions.toLocaleString('en-US')} sessions covering ${covering} periods, under a year of ${periodsPerYear} periods; annualized figures extrapolate.`, { value: sessions, unit: 'sessions' });
}

/**
 * The exposure gap over the sessions the first decision's fills could reach — from the session
 * after it, or its own close under same-close execution — each session's target the Σ|target
 * weight| of the last decision whose fills it could reach: a decision to hold nothing counts 0 (it
 * leaves no snapshot row), and a strategy that returns nothing between decisions keeps its last
 * targets, less those of its targets that waited for a price and were rejected at it
 * (engine/execution/pendingTargets.ts) from the first session the rejection could reach. Explicit orders
 * clear the targets (Result.clearedSessions): from the first session their fills could reach until
 * the next decision with targets, no target stands and the session is not compared (`cleared`
 * counts them; the causes are measured over the compared sessions alone). Null without a decision
 * with targets, or a compared session after it.
 */
function standingExposureGap(result: Result, gross: Float64Array, dates: readonly string[]): ExposureGap | null {
  const first = result.sessions.length > 0 ? result.sessions[0] : 0;
  const decided = result.decisionSessions!;
  if (decided.length === 0) return null;
  const p = result.snapshots;
  const sums = new Map<number, number>();
  for (const s of decided) sums.set(s, 0);
  let finite = false;
  for (let k = 0; k < p.session.length; k++) {
    const w = p.targetWeight[k];
    if (!sums.has(p.session[k]) || !Number.isFinite(w)) continue;
    sums.set(p.session[k], sums.get(p.session[k])! + Math.abs(w));
    finite = true;
  }
  if (!finite) return null;
  // Sessions from a decision to the first close its fills can reach: same-close fills on the decision's own close.
  const lag = result.manifest.execution === 'same-close' ? 0 : 1;
  const from = decided[0] - first + lag;
  // What each decision leaves standing, in session order: its targets' sum, or none after explicit orders (NaN).
  const settings = [...decided].map((s) => ({ session: s, standing: sums.get(s)! }));
  for (const s of result.clearedSessions ?? []) settings.push({ session: s, standing: NaN });
  settings.sort((a, b) => a.session - b.session);
  // A rejected wait ends after its decision and before the next one, which would have replaced it.
  const drops = new Float64Array(gross.length + 1);
  for (const w of result.targetWaits ?? []) if (w.end === 'rejected' && Number.isFinite(w.weight)) drops[Math.min(gross.length, w.until - first + lag)] += Math.abs(w.weight);
  // The sessions compared: those with targets standing (NaN elsewhere, as a session with NAV ≤ 0 is).
  const compared = new Float64Array(gross.length).fill(NaN);
  let target = 0;
  let realised = 0;
  let n = 0;
  let cleared = 0;
  let standing = NaN;
  for (let t = from, next = 0; t < gross.length; t++) {
    while (next < settings.length && settings[next].session - first + lag <= t) standing = settings[next++].standing;
    standing -= drops[t];
    if (!Number.isFinite(gross[t])) continue;
    if (Number.isNaN(standing)) {
      cleared++;
      continue;
    }
    compared[t] = gross[t];
    target += standing;
    realised += gross[t];
    n++;
  }
  if (n === 0) return null;
  const all = finiteMean(gross);
  const causes = exposureGapCauses(result, compared, from, lag, realised > target);
  return { target: target / n, realised: realised / n, from: dates[from], sessions: n, overall: all.mean, all: all.n, causes, ...(cleared > 0 ? { cleared } : {}) };
}

/**
 * The three caveats above measured from a Result's columns: targets standing after each decision
 * (standingExposureGap), gross exposure (long + |short|) / NAV from its daily columns, the deferred
 * notional priced from the deferred symbols' snapshot and fill rows only; the sample's length from
 * the `periods` of P its rows cover (engine/calendar/rowPeriods.ts periodsPerRow, as runMetrics has them).
 */
export function bookCaveats(result: Result, periodsPerYear: number, periods: ArrayLike<number> = periodsPerRow(result.dates, periodsPerYear)): Caveat[] {
  const first = result.sessions.length > 0 ? result.sessions[0] : 0;
  const dates = Array.from(result.dates, isoDay);
  const d = result.daily;
  const gross = Float64Array.from(d.nav, (nav, t) => (nav > 0 ? (d.longValue[t] + Math.abs(d.shortValue[t])) / nav : NaN));
  const p = result.snapshots;
  // A Result built without its decision sessions (a hand-made one): the targets of its snapshot rows, per decision date.
  const gap = result.decisionSessions !== undefined ? standingExposureGap(result, gross, dates) : exposureGap(targetsByDate(Array.from(p.session, (s, k) => ({ date: dates[s - first], targetWeight: p.targetWeight[k] }))), dates, gross);
  return [exposureGapCaveat(gap), deferredNotionalCaveat(deferredNotional(result, dates, first), ordersFor(result)), shortSampleCaveat(d.nav.length, periodsPerYear, sum(periods))].filter((c): c is Caveat => c !== null);
}

/** What the run's orders were for: targets where decisions returned them, explicit orders where decisions returned orders (a Result without its decision sessions: targets). */
function ordersFor(result: Result): OrdersFor {
  const targets = result.decisionSessions === undefined || result.decisionSessions.length > 0;
  const orders = (result.clearedSessions?.length ?? 0) > 0;
  return targets && orders ? 'targets and orders' : orders ? 'orders' : 'targets';
}

/**
 * Deferrals that leave nothing waiting, or are sized by a caveat of their own: the fraction of a
 * share a split cancelled (paid as cash in lieu), orders ended by their symbol's delisting or data
 * end, and fills the account cut (cash-limited, at a margin limit, or a cash account's sell past the holding: "buys cut or held back", sized
 * there — an order sized at a stale close and cut to the cash there lagged nothing it targeted).
 */
const ENDED_WITH_SYMBOL: ReadonlySet<number> = new Set([Deferral.split, Deferral.delisted, Deferral.dataEnd, Deferral.cash, Deferral.marginLimit, Deferral.noShorts]);
/**
 * A day order's expiry records again, as the order ends, the shares its other deferral of that
 * session left waiting (engine/execution/broker.ts fillAll: a limit not reached, no trade, the volume cap,
 * a refusal): counted there, once.
 */
const REPEATED: ReadonlySet<number> = new Set([Deferral.expired]);

/**
 * peakDeferredNotional of a Result: its deferrals, marked at the symbol's close on the deferral's
 * session (as the deferral caveats size them), else at its latest close before — a decision's
 * snapshot row or a fill's reference price (the bar's price before slippage); null when nothing
 * was deferred.
 */
function deferredNotional(result: Result, dates: readonly string[], first: number): ReturnType<typeof peakDeferredNotional> {
  const q = result.deferrals;
  const rows: number[] = [];
  for (let k = 0; k < q.session.length; k++) if (!ENDED_WITH_SYMBOL.has(q.reason[k]) && !REPEATED.has(q.reason[k])) rows.push(k);
  const deferred = new Set(rows.map((k) => q.symbol[k]));
  if (deferred.size === 0) return null;
  const deferrals = rows.map((k) => ({ date: dates[q.session[k] - first], symbol: result.symbols[q.symbol[k]], remaining: Number.isFinite(q.remaining[k]) ? q.remaining[k] : null }));
  const marks: PriceMark[] = [];
  const p = result.snapshots;
  const f = result.fills;
  for (let k = 0; k < p.session.length; k++) if (deferred.has(p.symbol[k])) marks.push({ date: dates[p.session[k] - first], symbol: result.symbols[p.symbol[k]], price: p.price[k] });
  for (let k = 0; k < f.session.length; k++) if (deferred.has(f.symbol[k])) marks.push({ date: dates[f.session[k] - first], symbol: result.symbols[f.symbol[k]], price: f.referencePrice[k] });
  // Last: on its own session a deferral's close is the mark (a later mark of the same date wins).
  if (q.close) for (const k of rows) marks.push({ date: dates[q.session[k] - first], symbol: result.symbols[q.symbol[k]], price: q.close[k] });
  const sp = result.splits;
  const splits = Array.from(sp.session, (s, k) => ({ date: dates[s - first], symbol: result.symbols[sp.symbol[k]], ratio: sp.ratio[k] }));
  return peakDeferredNotional(deferrals, marks, dates, result.daily.nav, splits);
}
