// Financing the run got for nothing: a debit cash balance when the cash model charges no debit
// interest (no cash rate, or 0, and no debit spread), and shorts of names the borrow model charges
// no fee for (no default fee and no override). Leverage and shorts may be just what was asked, but
// their cost is not: a run that borrowed half its NAV at 0 % reads better than any account could
// (probe r69d F2), so the run says how much it borrowed free, and when.

import { isoDay } from '../../data/dates.ts';
import type { Market } from '../../data/market.ts';
import type { EngineConfig } from '../config.ts';
import type { Holdings } from '../accounting/holdingLog.ts';
import { type Caveat, caveat, type CaveatSeverity, listSymbols, pct } from './caveats.ts';

/** What the financing caveats read of a run: its sessions [first, last] of `market`, its settings and daily columns (index k = session first + k). */
export interface FinancingRecordings {
  readonly config: Pick<EngineConfig, 'cash' | 'borrow'>;
  readonly market: Pick<Market, 'symbols' | 'dates' | 'close'>;
  readonly first: number;
  readonly last: number;
  readonly daily: { readonly nav: Float64Array; readonly cash: Float64Array; readonly shortValue: Float64Array };
  readonly holdings: Holdings;
}

/** Free financing up to this share of NAV is low (a fill a little above its decision close), medium above. */
const MEDIUM_SHARE = 0.05;
/** A balance below this share of NAV is rounding, not borrowing. */
const NEGLIGIBLE = 1e-9;

/** The peak share of NAV, at which session, and the first and last sessions (market indices) where `share(k)` (k = session − first) is above NEGLIGIBLE; null when none. */
interface Stretch {
  readonly peak: number;
  readonly peakSession: number;
  readonly firstSession: number;
  readonly lastSession: number;
  readonly sessions: number;
}

function stretch(first: number, last: number, share: (k: number) => number): Stretch | null {
  let peak = 0;
  let peakSession = -1;
  let firstSession = -1;
  let lastSession = -1;
  let sessions = 0;
  for (let t = first; t <= last; t++) {
    const s = share(t - first);
    if (!(s > NEGLIGIBLE)) continue;
    if (firstSession < 0) firstSession = t;
    lastSession = t;
    sessions++;
    if (s > peak) {
      peak = s;
      peakSession = t;
    }
  }
  return sessions === 0 ? null : { peak, peakSession, firstSession, lastSession, sessions };
}

/** "on 4 sessions from 2024-01-03 to 2024-01-08, peak on 2024-01-03" (dates of `market`). */
function when(market: FinancingRecordings['market'], s: Stretch): string {
  const day = (t: number): string => isoDay(market.dates[t]);
  const span = s.sessions === 1 ? `on ${day(s.firstSession)}` : `on ${s.sessions.toLocaleString('en-US')} sessions from ${day(s.firstSession)} to ${day(s.lastSession)}`;
  return s.sessions === 1 || s.peakSession === s.firstSession ? span : `${span}, peak on ${day(s.peakSession)}`;
}

const severity = (peak: number): CaveatSeverity => (peak > MEDIUM_SHARE ? 'medium' : 'low');

/**
 * A debit balance — cash net of short-sale proceeds (cash + short value, the balance the cash
 * model charges: engine/accounting/accruals.ts) below 0 at a close — while the debit rate (the
 * constant cash rate or none, plus the debit spread) is 0 or below. A dated rate series is never
 * free by setting (its missing dates have their own caveat). Size: the peak debit as a share of
 * that close's NAV. E.g. 1,516,000 bought on 1,000,000 of NAV at 0 %: "borrowed up to 51.6% of NAV …".
 */
function freeDebitCaveats(r: FinancingRecordings): Caveat[] {
  const { rate, debitSpreadBps } = r.config.cash;
  if (typeof rate === 'string') return [];
  const debitRate = (rate ?? 0) + debitSpreadBps / 10_000;
  if (debitRate > 0) return [];
  const { nav, cash, shortValue } = r.daily;
  const s = stretch(r.first, r.last, (k) => (nav[k] > 0 ? -(cash[k] + shortValue[k]) / nav[k] : 0));
  if (s === null) return [];
  const given = rate === null ? 'no cash rate was given' : `the cash rate is ${pct(rate)}`;
  const spread = debitSpreadBps === 0 ? 'no debit spread' : `a debit spread of ${debitSpreadBps} bps`;
  const why = debitRate === 0 ? `at no interest: ${given} and ${spread}, so the debit balance cost nothing` : `at ${pct(debitRate)} a year: ${given} and ${spread}, so the debit balance earned interest`;
  return [
    caveat(
      'free-financing',
      severity(s.peak),
      `borrowed up to ${pct(s.peak)} of NAV in cash (a debit balance ${when(r.market, s)}) ${why} — set a cash rate (--rf, or cash.rate and cash.debitSpreadBps) to charge it`,
      { value: s.peak, unit: 'nav-share' },
    ),
  ];
}

/**
 * Short positions in symbols the borrow model charges no fee for — no default fee and no override
 * of their own (an override of 0 was asked for) — marked at their last close, from the holdings
 * log. Size: their peak short value as a share of that close's NAV; symbols: those shorted free.
 */
function freeShortCaveats(r: FinancingRecordings): Caveat[] {
  const { defaultBps, overrides } = r.config.borrow;
  if (defaultBps > 0) return [];
  const { market, holdings, first, last } = r;
  const n = market.symbols.length;
  const free = market.symbols.map((s) => !Object.hasOwn(overrides, s));
  const shares = new Float64Array(n);
  const mark = new Float64Array(n).fill(Number.NaN);
  const shorted = new Set<number>();
  const named = new Set<number>();
  const value = new Float64Array(last - first + 1);
  let row = 0;
  for (let t = 0; t <= last; t++) {
    for (; row < holdings.session.length && holdings.session[row] <= t; row++) {
      const i = holdings.symbol[row];
      if (!free[i]) continue;
      shares[i] = holdings.shares[row];
      mark[i] = Number.NaN; // found again below: a symbol shorted anew after a gap has no mark of this stretch
      if (shares[i] < 0) shorted.add(i);
      else shorted.delete(i);
    }
    if (t < first) continue;
    let sum = 0;
    for (const i of shorted) {
      const close = market.close[t * n + i];
      if (!Number.isNaN(close)) mark[i] = close;
      else if (Number.isNaN(mark[i])) mark[i] = lastClose(market, i, t);
      if (Number.isFinite(mark[i])) sum -= shares[i] * mark[i];
      named.add(i);
    }
    value[t - first] = sum;
  }
  const { nav } = r.daily;
  const s = stretch(first, last, (k) => (nav[k] > 0 ? value[k] / nav[k] : 0));
  if (s === null) return [];
  const names = [...named].sort((a, b) => a - b).map((i) => market.symbols[i]);
  const overridden = Object.keys(overrides).length > 0 ? ' and none of their own in borrow.overrides' : '';
  return [
    caveat(
      'free-financing',
      severity(s.peak),
      `shorted up to ${pct(s.peak)} of NAV ${when(market, s)} at no borrow fee (${listSymbols(names)}): no borrow fee was given (borrow.defaultBps 0${overridden}), so borrowing the shares cost nothing — set one (--borrow-bps, or borrow.defaultBps and borrow.overrides) to charge it`,
      { value: s.peak, unit: 'nav-share' },
      names,
    ),
  ];
}

/** Symbol i's last close before session t, NaN when it has none. */
function lastClose(market: FinancingRecordings['market'], i: number, t: number): number {
  const n = market.symbols.length;
  for (let u = t - 1; u >= 0; u--) if (!Number.isNaN(market.close[u * n + i])) return market.close[u * n + i];
  return Number.NaN;
}

/** The run's free financing: a debit balance at no interest, shorts at no borrow fee (each a caveat, `free-financing`). */
export function financingCaveats(r: FinancingRecordings): Caveat[] {
  return [...freeDebitCaveats(r), ...freeShortCaveats(r)];
}
