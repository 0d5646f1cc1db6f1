// Causality checks, reusable for any strategy: `perturbAfter` rewrites every input that becomes
// known after session t (bars, volumes, corporate actions, delistings and ends of data, rates, fundamentals);
// `expectCausal` runs a strategy on the market and on perturbed copies and asserts that every
// decision, fill, deferral, snapshot, breach and daily row up to and including t is unchanged.

import { expect } from 'vitest';
import { FUNDAMENTAL_FIELDS, Fundamentals, type FundamentalRow } from '../../data/fundamentals.ts';
import { eventTable, type EventTable, type Market } from '../../data/market.ts';
import { dayParts, epochDay } from '../../data/dates.ts';
import { type RateSeries, startDatedMonths } from '../../data/rates.ts';
import { backtest } from '../../engine/backtest.ts';
import { lastBarSession } from '../../engine/market/corporateActions.ts';
import type { EngineConfigInput } from '../../engine/config.ts';
import { DAILY_COLUMNS, type Result } from '../../engine/result.ts';
import type { Decision, Strategy } from '../../engine/strategy.ts';
import { rng } from './randomMarket.ts';

const PRICE_FIELDS = ['open', 'high', 'low', 'close'] as const;

/**
 * A copy of `market` that agrees with it on everything known by the close of session `t` and
 * differs (randomly, from `seed`) in everything after: prices and volumes of later sessions
 * (some become NaN or zero volume), splits and dividends with later ex-dates (removed, and new
 * ones added), delistings that take effect after t (moved, removed or added, with new
 * delisting returns), rate rows dated after t's date (a monthly average dated on its month's first
 * day: every row whose month is not over), and fundamentals published after it.
 */
export function perturbAfter(market: Market, t: number, seed: number): Market {
  const r = rng(seed);
  const n = market.symbols.length;
  const T = market.dates.length;
  const day = market.dates[t];
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

  const fields = Object.fromEntries(PRICE_FIELDS.map((f) => [f, (market[f] ?? new Float64Array(market.close.length).fill(NaN)).slice()])) as Record<(typeof PRICE_FIELDS)[number], Float64Array>;
  const volume = market.volume.slice();
  for (let s = t + 1; s < T; s++) {
    for (let i = 0; i < n; i++) {
      const k = s * n + i;
      if (r() < 0.1) {
        for (const f of PRICE_FIELDS) fields[f][k] = NaN;
        volume[k] = r() < 0.5 ? 0 : NaN;
        continue;
      }
      const factor = 0.5 + r();
      const ref = Number.isNaN(market.close[k]) ? 20 + 80 * r() : market.close[k];
      const close = ref * factor;
      const open = close * (0.97 + 0.06 * r());
      fields.close[k] = close;
      fields.open[k] = open;
      fields.high[k] = Math.max(open, close) * (1 + 0.05 * r());
      fields.low[k] = Math.min(open, close) * (1 - 0.05 * r());
      volume[k] = r() < 0.1 ? 0 : Math.round(10 + 1e5 * r());
    }
  }

  const events = (table: EventTable, makeValue: () => number): EventTable => {
    const kept: { session: number; symbol: number; value: number }[] = [];
    for (let e = 0; e < table.session.length; e++) {
      if (table.session[e] <= t) kept.push({ session: table.session[e], symbol: table.symbol[e], value: table.value[e] });
    }
    if (t + 1 < T) {
      const added = int(1, 3);
      for (let k = 0; k < added; k++) {
        const session = int(t + 1, T - 1);
        const symbol = int(0, n - 1);
        if (!kept.some((e) => e.session === session && e.symbol === symbol)) kept.push({ session, symbol, value: makeValue() });
      }
    }
    return eventTable(T, kept);
  };
  const splits = events(market.splits, () => [2, 3, 0.5][int(0, 2)]);
  const dividends = events(market.dividends, () => 0.01 + 2 * r());

  // A delisting with delistedAfter = d closes positions at the open of d + 1: known after t when d ≥ t.
  const delistedAfter = market.delistedAfter.slice();
  const delistReturn = market.delistReturn.slice();
  for (let i = 0; i < n; i++) {
    const d = delistedAfter[i];
    const known = d >= 0 && d < t;
    if (known || t + 1 >= T - 1) continue;
    const roll = r();
    if (d >= 0 && roll < 0.3) {
      // Not delisted after all: no delisting return either (one without its delisting is refused, corporateActions.ts).
      delistedAfter[i] = -1;
      delistReturn[i] = NaN;
    } else if (d >= 0 || roll < 0.3) {
      // Keep the data consistent: the symbol trades on its last session and not after it.
      let last = int(t, T - 2);
      if (Number.isNaN(fields.close[last * n + i]) && last === t) last++;
      delistedAfter[i] = last;
      delistReturn[i] = r() < 0.3 ? NaN : -r();
      const k = last * n + i;
      if (Number.isNaN(fields.close[k])) {
        for (const f of PRICE_FIELDS) fields[f][k] = 20 + 80 * r();
        volume[k] = 1_000;
      }
      for (let s = last + 1; s < T; s++) {
        for (const f of PRICE_FIELDS) fields[f][s * n + i] = NaN;
        volume[s * n + i] = NaN;
      }
    }
  }

  // Where a symbol's data ends is part of the data's description, like a delisting: the engine
  // closes a position on the session after a symbol's last bar (corporateActions.ts). Keep it as
  // known from that bar on: data that ended by t stays ended; data that goes on past t keeps a bar after t.
  const lastBars = lastBarSession(market);
  for (let i = 0; i < n; i++) {
    if (delistedAfter[i] >= 0) continue;
    const last = lastBars[i];
    let later = false;
    for (let s = t + 1; s < T; s++) later ||= !Number.isNaN(fields.close[s * n + i]);
    if (last <= t) {
      for (let s = t + 1; s < T; s++) {
        for (const f of PRICE_FIELDS) fields[f][s * n + i] = NaN;
        volume[s * n + i] = NaN;
      }
    } else if (!later) {
      for (const f of PRICE_FIELDS) fields[f][last * n + i] = 20 + 80 * r();
      volume[last * n + i] = 1_000;
    }
  }

  const rates: Record<string, RateSeries> = {};
  for (const [name, series] of Object.entries(market.rates)) {
    const months = startDatedMonths(series);
    if (months > 0) {
      // Period averages dated on their period's first day: a row is known once its period is over (data/rates.ts rateKnownOn), so the
      // rows not over by `day` get new values on the same dates (a later revision of the month running, or of months not begun).
      const { year, month } = dayParts(day);
      const lastKnown = epochDay(year, month - months, 1);
      rates[name] = { name: series.name, dates: series.dates, values: Float64Array.from(series.values, (v, k) => (series.dates[k] <= lastKnown ? v : 0.2 * r() - 0.02)) };
      continue;
    }
    const dates: number[] = [];
    const values: number[] = [];
    for (let k = 0; k < series.dates.length; k++) {
      if (series.dates[k] > day) continue;
      dates.push(series.dates[k]);
      values.push(series.values[k]);
    }
    for (let d = Math.max(day, dates.length ? dates[dates.length - 1] : day) + int(1, 5); d <= market.dates[T - 1] + 10; d += int(1, 9)) {
      dates.push(d);
      values.push(r() < 0.1 ? NaN : 0.2 * r() - 0.02);
    }
    rates[name] = { name: series.name, dates: Int32Array.from(dates), values: Float64Array.from(values) };
  }

  const f = market.fundamentals;
  const rows: FundamentalRow[] = [];
  for (let k = 0; k < f.rowCount; k++) {
    const values = Object.fromEntries(FUNDAMENTAL_FIELDS.map((field) => [field, f.value(field, k)]));
    if (f.availableAt[k] <= day) {
      rows.push({ symbol: f.symbol[k], periodEnd: f.periodEnd[k], availableAt: f.availableAt[k], values });
    } else {
      const scrambled = Object.fromEntries(FUNDAMENTAL_FIELDS.map((field) => [field, r() < 0.1 ? NaN : (values[field] || 1) * (0.2 + 2 * r())]));
      rows.push({ symbol: f.symbol[k], periodEnd: f.periodEnd[k] - int(0, 30), availableAt: day + int(1, 60), values: scrambled });
    }
  }
  for (let i = 0; i < n; i++) {
    if (r() < 0.5) {
      rows.push({ symbol: i, periodEnd: day - int(0, 90), availableAt: day + int(1, 30), values: { revenue: 1e7 * r(), sharesOutstanding: 1e6 * r() } });
    }
  }

  return {
    ...market,
    name: `${market.name} (perturbed after session ${t})`,
    fingerprint: `${market.fingerprint}~${t}~${seed}`,
    ...fields,
    volume,
    splits,
    dividends,
    delistedAfter,
    delistReturn,
    rates,
    fundamentals: new Fundamentals(f.symbolCount, rows),
  };
}

/** What a decision returned, as comparable JSON (typed arrays as plain arrays, NaN kept). */
export function describeDecision(decision: Decision): string {
  return JSON.stringify(decision ?? null, (_key, value: unknown) => {
    if (ArrayBuffer.isView(value)) return Array.from(value as Float64Array, (x) => (Number.isNaN(x) ? 'NaN' : x));
    if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
    return value;
  });
}

/** Wrap a strategy so that each decision is recorded as `[session, describeDecision(...)]`. */
export function recording(strategy: Strategy): { strategy: Strategy; decisions: [number, string][] } {
  const decisions: [number, string][] = [];
  const wrapped: Strategy = {
    name: strategy.name,
    params: strategy.params,
    schedule: strategy.schedule,
    init: strategy.init?.bind(strategy),
    decide(view, book) {
      const decision = strategy.decide(view, book);
      decisions.push([view.session, describeDecision(decision)]);
      return decision;
    },
  };
  return { strategy: wrapped, decisions };
}

/** Everything a run did up to and including market session t, in comparable form. */
export function upTo(result: Result, decisions: [number, string][], t: number): Record<string, unknown> {
  const rowsOf = <C extends Record<string, ArrayLike<number>>>(cols: C, sessionKey: keyof C): Record<string, number>[] => {
    const keys = Object.keys(cols) as (keyof C & string)[];
    const out: Record<string, number>[] = [];
    for (let k = 0; k < cols[sessionKey].length; k++) {
      if (cols[sessionKey][k] > t) continue;
      out.push(Object.fromEntries(keys.map((key) => [key, cols[key][k]])));
    }
    return out;
  };
  const daily: Record<string, number[]> = {};
  const through = result.sessions.findLastIndex((s) => s <= t) + 1;
  for (const c of DAILY_COLUMNS) daily[c] = Array.from(result.daily[c].subarray(0, through));
  return {
    decisions: decisions.filter(([s]) => s <= t),
    fills: rowsOf(result.fills as unknown as Record<string, ArrayLike<number>>, 'session'),
    deferrals: rowsOf(result.deferrals as unknown as Record<string, ArrayLike<number>>, 'session'),
    snapshots: rowsOf(result.snapshots as unknown as Record<string, ArrayLike<number>>, 'session'),
    breaches: result.breaches.filter((b) => b.session <= t),
    daily,
  };
}

/**
 * Run `makeStrategy()` on `market` and on `perturbAfter(market, t, seed)` for each t, and
 * assert that nothing up to and including t differs. Returns the baseline run.
 */
export function expectCausal(
  market: Market,
  makeStrategy: () => Strategy,
  config: EngineConfigInput,
  sessions: readonly number[],
  seed = 1,
): { result: Result; decisions: [number, string][] } {
  const base = recording(makeStrategy());
  const result = backtest(market, base.strategy, config);
  for (const t of sessions) {
    const perturbed = perturbAfter(market, t, seed + t);
    const other = recording(makeStrategy());
    const otherResult = backtest(perturbed, other.strategy, config);
    expect(upTo(otherResult, other.decisions, t), `run perturbed after session ${t}`).toEqual(upTo(result, base.decisions, t));
  }
  return { result, decisions: base.decisions };
}
