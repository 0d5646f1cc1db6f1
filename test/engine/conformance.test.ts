// Conformance with the usual backtrader / zipline convention: an SMA(50/200) crossover on one
// symbol, sized at the decision close to 95 % of NAV in whole shares (floor(0.95 × NAV / close)),
// filled at the next open, no costs. A plain reference loop below (arrays only, no engine code)
// must give exactly the same trades and NAV as the engine running the same rule through the
// Strategy API.

import { describe, expect, it } from 'vitest';
import { backtest } from '../../engine/backtest.ts';
import { everySession } from '../../engine/calendar/schedule.ts';
import type { Decision, Strategy } from '../../engine/strategy.ts';
import { fixtureMarket } from './fixtures.ts';
import { rng } from './randomMarket.ts';

const SESSIONS = 1_500;
const FAST = 50;
const SLOW = 200;
const CASH = 1_000_000;

/** A seeded geometric random walk: closes, and opens that gap a little from the previous close. */
function walk(seed: number): { open: number[]; close: number[] } {
  const r = rng(seed);
  const open: number[] = [];
  const close: number[] = [];
  let last = 100;
  for (let t = 0; t < SESSIONS; t++) {
    const gauss = r() + r() + r() + r() - 2; // ≈ N(0, 1/3)
    const o = last * (1 + 0.004 * (r() - 0.5));
    const c = o * Math.exp(0.02 * gauss);
    open.push(o);
    close.push(c);
    last = c;
  }
  return { open, close };
}

/** Mean of xs[from .. to-1], summed oldest first (the strategy sums the same way). */
function mean(xs: ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  for (let k = from; k < to; k++) sum += xs[k];
  return sum / (to - from);
}

type Mode = 'daily target' | 'crossover events';

/**
 * The reference: decide at each close t from closes[..t]; an order for the difference between
 * floor(0.95 × NAV_t / close_t) (or 0) and the holding fills at open t+1.
 *  - 'daily target' (zipline's order_target_percent every bar): long while SMA50 > SMA200.
 *  - 'crossover events' (backtrader's CrossOver): act only on the bar where the fast average
 *    crosses the slow one (both averages defined on this bar and the one before).
 */
function reference(open: number[], close: number[], mode: Mode): { trades: [number, number, number][]; nav: number[] } {
  let cash = CASH;
  let shares = 0;
  let pending = 0;
  const trades: [number, number, number][] = [];
  const nav: number[] = [];
  const signal = (t: number): boolean | undefined => (t + 1 >= SLOW ? mean(close, t - FAST + 1, t + 1) > mean(close, t - SLOW + 1, t + 1) : undefined);
  for (let t = 0; t < close.length; t++) {
    if (pending !== 0) {
      cash -= pending * open[t];
      shares += pending;
      trades.push([t, pending, open[t]]);
      pending = 0;
    }
    const value = cash + shares * close[t];
    nav.push(value);
    const now = signal(t);
    let long: boolean | undefined;
    if (mode === 'daily target') long = now === true;
    else {
      const before = t > 0 ? signal(t - 1) : undefined;
      if (now !== undefined && before !== undefined && now !== before) long = now;
    }
    if (long === undefined) continue;
    const wanted = long ? Math.floor((0.95 * value) / close[t]) : 0;
    pending = wanted - shares;
  }
  return { trades, nav };
}

/** The same rule through the Strategy API. */
function smaCross(mode: Mode): Strategy {
  let before: boolean | undefined;
  return {
    name: `sma ${FAST}/${SLOW} (${mode})`,
    params: { fast: FAST, slow: SLOW },
    schedule: everySession,
    decide(view): Decision {
      const i = view.resolve('SPY');
      const closes = view.adjustedCloses(i, SLOW);
      const known = !Number.isNaN(closes[0]);
      const now = known ? mean(closes, SLOW - FAST, SLOW) > mean(closes, 0, SLOW) : undefined;
      const long = mode === 'daily target' ? now === true : now !== undefined && before !== undefined && now !== before ? now : undefined;
      before = now;
      if (long === undefined) return undefined;
      return long ? { weights: { SPY: 0.95 } } : { weights: {} };
    },
  };
}

describe('SMA(50/200) crossover matches a hand-written reference loop', () => {
  for (const seed of [8, 27]) {
    const { open, close } = walk(seed);
    const market = fixtureMarket({ symbols: ['SPY'], closes: close.map((c) => [c]), opens: open.map((o) => [o]), start: '2015-01-01' });

    for (const mode of ['crossover events', 'daily target'] as const) {
      it(`${mode}, walk seed ${seed}`, () => {
        const expected = reference(open, close, mode);
        const result = backtest(market, smaCross(mode), { initialCash: CASH });
        const trades = Array.from(result.fills.session, (t, k): [number, number, number] => [t, result.fills.quantity[k], result.fills.price[k]]);
        expect(trades).toEqual(expected.trades);
        expect(result.daily.nav[SESSIONS - 1]).toBe(expected.nav[SESSIONS - 1]);
        for (let t = 0; t < SESSIONS; t++) if (result.daily.nav[t] !== expected.nav[t]) expect.fail(`NAV differs at session ${t}: ${result.daily.nav[t]} vs ${expected.nav[t]}`);
        // The walk really crosses: several round trips (and, daily, many small top-ups).
        expect(expected.trades.length).toBeGreaterThan(mode === 'crossover events' ? 8 : 100);
        expect(Math.min(...result.daily.cash)).toBeGreaterThan(0);
      });
    }
  }
});
