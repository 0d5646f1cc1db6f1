// Every built-in runs end to end through the engine on the test market, and each does what its
// notes say, checked against numbers computed here from the view.

import { describe, expect, it } from 'vitest';
import { isoDay } from '../../data/dates.ts';
import { AssetClass, type Market } from '../../data/market.ts';
import { backtest } from '../../engine/backtest.ts';
import { monthStart, quarterEnd } from '../../engine/calendar/schedule.ts';
import type { Strategy } from '../../engine/strategy.ts';
import { builtinNames, createBuiltinStrategy } from '../../strategies/registry.ts';
import { runAndRecord, type WeightMap } from './decisions.ts';
import { fixtureMarket, rateSeries } from '../engine/fixtures.ts';
import { accountFor, BUILTIN_RUNS } from './runs.ts';
import { testMarket } from './testMarket.ts';
import { viewAt } from './views.ts';

const market = testMarket();
const SMALL = market.symbols.indexOf('SMALL');
const QSMALL = market.symbols.indexOf('QSMALL');
const LARGE = market.symbols.indexOf('LARGE');

/** The targets of every decision that traded (undefined decisions left out), by session. */
function targetsBySession(strategy: Strategy): Map<number, WeightMap> {
  const out = new Map<number, WeightMap>();
  for (const [t, targets] of runAndRecord(market, strategy).decisions) if (targets) out.set(t, targets);
  return out;
}

describe('every built-in runs end to end', () => {
  it('the run list covers every built-in', () => {
    expect(new Set(BUILTIN_RUNS.map(([name]) => name))).toEqual(new Set(builtinNames()));
  });

  it.each(BUILTIN_RUNS)('%s %j', (name, params) => {
    const strategy = createBuiltinStrategy(name, params);
    const result = backtest(market, strategy, accountFor(strategy));
    expect(result.manifest.strategy).toMatchObject({ name, sourceHash: strategy.sourceHash });
    expect(result.fills.session.length).toBeGreaterThan(0);
    expect(result.breaches).toEqual([]);
    for (const nav of result.daily.nav) expect(nav).toBeGreaterThan(0);
  });
});

describe('baselines', () => {
  it('buy-and-hold buys once and never trades again', () => {
    const { result, decisions } = runAndRecord(market, createBuiltinStrategy('buy-and-hold', { weights: { SMALL: 0.5, LARGE: 0.5 } }));
    expect([...decisions.entries()].filter(([, d]) => d !== undefined).map(([t]) => t)).toEqual([0]);
    expect(new Set(result.fills.session)).toEqual(new Set([1]));
    expect(new Set(result.fills.symbol)).toEqual(new Set([SMALL, LARGE]));
  });

  it('fixed-weights decides on quarter ends only, unless a drift band is set', () => {
    const due = quarterEnd.sessions(market.dates, 0);
    const sessions = [...targetsBySession(createBuiltinStrategy('fixed-weights')).keys()];
    expect(sessions.every((t) => t === 0 || due[t] === 1)).toBe(true);
    const banded = [...targetsBySession(createBuiltinStrategy('fixed-weights', { driftBand: 0.01 })).keys()];
    expect(banded.some((t) => t > 0 && due[t] === 0)).toBe(true);
  });

  it('equal-weight holds every listed stock at 1/N each month', () => {
    const due = monthStart.sessions(market.dates, 0);
    for (const [t, targets] of targetsBySession(createBuiltinStrategy('equal-weight'))) {
      expect(due[t] === 1 || t === 0).toBe(true);
      const listed = viewAt(market, t).universe();
      expect([...targets.keys()]).toEqual(Array.from(listed));
      for (const w of targets.values()) expect(w).toBeCloseTo(1 / listed.length, 12);
    }
  });

  it('equal-weight says a held stock left out of the universe by a halt longer than the stale-mark limit', () => {
    // BBB has no bar at sessions 10–17 (2024-01-15 … 2024-01-24): its last bar (9) is 6 sessions
    // old at 15, over staleMarkSessions 5, so it is out of view.universe() at the decisions of 15,
    // 16 and 17 (2024-01-22 … 2024-01-24) while still held (the sale rests until it trades at 18);
    // at 17 its last bar is 8 sessions old. Held: the 1/2 bought at 0, marked at 50 / NAV.
    const rows = Array.from({ length: 25 }, (_, t) => [100 + (t % 2), t >= 10 && t < 18 ? NaN : 50 - (t % 2)]);
    const halted = fixtureMarket({ symbols: ['AAA', 'BBB'], closes: rows, start: '2024-01-01' });
    const r = backtest(halted, createBuiltinStrategy('equal-weight', { schedule: 'every-session' }));
    const k = Array.from(r.snapshots.session.keys()).find((j) => r.snapshots.session[j] === 17 && r.snapshots.symbol[j] === 1) as number;
    const held = (r.snapshots.shares[k] * 49) / r.daily.nav[17]; // BBB's last close (session 9, odd): 49
    expect(held).toBeCloseTo(0.5, 1);
    // Sized by the share held (probe r55b: unsized, it ranked below every sized medium caveat): the largest of the three
    // decisions' shares, above 5 % of NAV: high.
    const shareAt = (t: number): number => {
      const j = Array.from(r.snapshots.session.keys()).find((x) => r.snapshots.session[x] === t && r.snapshots.symbol[x] === 1) as number;
      return (r.snapshots.shares[j] * 49) / r.daily.nav[t];
    };
    const largest = [15, 16, 17].reduce((a, t) => (shareAt(t) > shareAt(a) ? t : a));
    const day = ['2024-01-22', '2024-01-23', '2024-01-24'][largest - 15];
    expect(r.caveats.filter((c) => c.message.startsWith('BBB: held')).map((c) => [c.severity, c.message, c.size])).toEqual([
      ['high', `BBB: held, but left out of the universe: no bar for longer than the stale-mark limit, so the position is closed when it trades again (on 2024-01-24: no bar for 8 sessions, ${(held * 100).toFixed(1)}% of NAV held) — at 3 of 25 decisions from 2024-01-22 to 2024-01-24; largest on ${day}: 1 name, held at ${(shareAt(largest) * 100).toFixed(1)}% of NAV`, expect.closeTo(shareAt(largest), 12)],
    ]);
  });

  it('sma-crossover trades only when the fast average crosses the slow one', () => {
    const sma = (t: number, window: number): number => viewAt(market, t).adjustedCloses(SMALL, window).reduce((s, x) => s + x, 0) / window;
    const decisions = targetsBySession(createBuiltinStrategy('sma-crossover', { fast: 10, slow: 40 }));
    let previous: number | undefined;
    let flips = 0;
    for (const [t, targets] of decisions) {
      if (!targets.has(SMALL)) continue;
      const w = targets.get(SMALL) ?? NaN;
      expect(w).toBe(sma(t, 10) > sma(t, 40) ? 0.95 : 0);
      if (previous !== undefined) expect(w).not.toBe(previous);
      previous = w;
      flips++;
    }
    expect(flips).toBeGreaterThan(2);
  });

  it('momentum holds the top bucket of 12-1 returns', () => {
    const decisions = targetsBySession(createBuiltinStrategy('momentum', { lookback: 120, skip: 10, buckets: 5 }));
    const t = [...decisions.keys()].filter((s) => s > 200)[0];
    const view = viewAt(market, t);
    const ranked = Array.from(view.universe())
      .map((i) => {
        const p = view.adjustedCloses(i, 121);
        return { i, r: p[110] / p[0] - 1 };
      })
      .filter(({ r }) => Number.isFinite(r))
      .sort((a, b) => b.r - a.r);
    const expected = ranked.slice(0, Math.floor(ranked.length / 5)).map(({ i }) => i);
    const held = [...(decisions.get(t)?.entries() ?? [])].filter(([, w]) => w > 0).map(([i]) => i);
    expect(held.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
  });
});

describe('iwm-vs-smlf', () => {
  it('hold modes hold one fund', () => {
    for (const [mode, fund] of [['hold-broad', SMALL], ['hold-quality', QSMALL]] as const) {
      for (const targets of targetsBySession(createBuiltinStrategy('iwm-vs-smlf', { mode })).values()) {
        expect(targets.get(fund)).toBe(1);
      }
    }
  });

  it('switch holds the fund with the higher trailing return', () => {
    const decisions = targetsBySession(createBuiltinStrategy('iwm-vs-smlf', { mode: 'switch', lookback: 42 }));
    const held = new Set<number>();
    for (const [t, targets] of decisions) {
      if (t < 42) continue;
      const view = viewAt(market, t);
      const ret = (i: number): number => {
        const p = view.adjustedCloses(i, 43);
        return p[42] / p[0] - 1;
      };
      const winner = ret(QSMALL) > ret(SMALL) ? QSMALL : SMALL;
      expect(targets.get(winner)).toBe(1);
      held.add(winner);
    }
    expect(held.size).toBe(2);
  });

  it('switch says which fund it left out for want of a trailing return, at every decision, those in cash included — unsized, never in the targets (probe r40)', () => {
    // A from session 0, B from 5; a 3-session return needs 4 bars: A has one from 3, B from 8. Every
    // session from Monday 2024-01-01: A lacks one at 0..2 (to 2024-01-03, the book in cash), 3 of 10;
    // B at 0..7 (to 2024-01-10), 8 of 10.
    const m = fixtureMarket({ symbols: ['A', 'B'], closes: Array.from({ length: 10 }, (_, t) => [100 + t, t < 5 ? NaN : 50 + 2 * t]) });
    const r = backtest(m, createBuiltinStrategy('iwm-vs-smlf', { mode: 'switch', broad: 'A', quality: 'B', lookback: 3, schedule: 'every-session' }));
    expect(r.caveats.filter((c) => c.code === 'strategy-note').map((c) => c.size)).toEqual([null, null]);
    expect(r.caveats.filter((c) => c.code === 'strategy-note').map((c) => [c.severity, c.message])).toEqual([
      ['medium', 'A: left out of the switch until it has a return over the 3-session lookback — at 3 of 10 decisions from 2024-01-01 to 2024-01-03'],
      ['medium', 'B: left out of the switch until it has a return over the 3-session lookback — at 8 of 10 decisions from 2024-01-01 to 2024-01-10'],
    ]);
  });

  it('spread with a hedge ratio it cannot estimate stays flat and says why (probe r39a: a weekly fund never got a β, and the run said only "never invested")', () => {
    // A daily, B on every 5th session: in any 20-session window B has at most 4 returns on its own bars, under 10 — β unknown at all
    // 40 decisions (every session from Monday 2024-01-01 to Friday 2024-02-23: January's 23 weekdays and February's 17).
    const m = fixtureMarket({ symbols: ['A', 'B'], closes: Array.from({ length: 40 }, (_, t) => [100 + (t % 3), t % 5 === 4 ? 50 + (t % 7) : NaN]) });
    const r = backtest(m, createBuiltinStrategy('iwm-vs-smlf', { mode: 'spread', broad: 'A', quality: 'B', betaWindow: 20, schedule: 'every-session' }), { account: { kind: 'margin', maxGross: 2, maxNet: 1 } });
    expect(r.fills.session.length).toBe(0);
    const note = r.caveats.find((c) => c.code === 'strategy-note');
    expect(note?.severity).toBe('medium');
    // Never in the targets (the book stays flat): no "largest … 0.0% of NAV" tail, and no size.
    expect(note).toMatchObject({ size: null, message: "spread flat: the hedge ratio β of B on A is unknown (under half the 20-session window of returns observed on each fund's own bars) — at 40 of 40 decisions from 2024-01-01 to 2024-02-23" });
  });

  it('spread shorts β × the long notional, with gross = long + short', () => {
    for (const [t, targets] of targetsBySession(createBuiltinStrategy('iwm-vs-smlf', { mode: 'spread', betaWindow: 60, gross: 1.5 }))) {
      if (t < 60) continue;
      const long = targets.get(QSMALL) ?? NaN;
      const short = targets.get(SMALL) ?? NaN;
      expect(long + Math.abs(short)).toBeCloseTo(1.5, 12);
      const view = viewAt(market, t);
      const returns = (i: number): number[] => {
        const p = view.adjustedCloses(i, 61);
        return Array.from({ length: 60 }, (_, s) => p[s + 1] / p[s] - 1);
      };
      const [x, y] = [returns(SMALL), returns(QSMALL)];
      const mx = x.reduce((s, v) => s + v, 0) / 60;
      const my = y.reduce((s, v) => s + v, 0) / 60;
      const beta = x.reduce((s, v, k) => s + (v - mx) * (y[k] - my), 0) / x.reduce((s, v) => s + (v - mx) ** 2, 0);
      expect(-short / long).toBeCloseTo(beta, 9);
    }
  });
});

describe('buy-and-hold waits for a session its every symbol trades, by the broker\'s rule', () => {
  it('a blank volume cell after a 0 is no trade for the strategy either (probe r42a: it bought on the blank and NAV read 11,076 for 10,000)', () => {
    // AAA: volume 1000, 0, blank, blank, 1000, 1000 (closes 100, 101, 102, 103, 105, 106; opens the same but 104 on session 4); BBB
    // 50, 50, 50, 60, 70, 70, always traded. From session 1 the first session both trade is 4: 47 AAA (5,000 / 105) and 71 BBB
    // (5,000 / 70), filled at session 5's open, 106 and 70: cash 10,000 − 4,982 − 4,970 = 48, NAV 10,000 there.
    const m = fixtureMarket({
      symbols: ['AAA', 'BBB'],
      closes: [[100, 50], [101, 50], [102, 50], [103, 60], [105, 70], [106, 70]],
      opens: [[100, 50], [101, 50], [102, 50], [103, 60], [104, 70], [106, 70]],
      volumes: [[1_000, 1_000], [0, 1_000], [NaN, 1_000], [NaN, 1_000], [1_000, 1_000], [1_000, 1_000]],
    });
    const r = backtest(m, createBuiltinStrategy('buy-and-hold', { weights: { AAA: 0.5, BBB: 0.5 } }), { initialCash: 10_000, from: isoDay(m.dates[1]) });
    expect(Array.from(r.fills.session, (t, k) => [t, r.symbols[r.fills.symbol[k]], r.fills.quantity[k], r.fills.price[k]])).toEqual([
      [5, 'AAA', 47, 106],
      [5, 'BBB', 71, 70],
    ]);
    expect(r.daily.nav[r.daily.nav.length - 1]).toBeCloseTo(10_000, 9);
  });
});

describe('rate-regime', () => {
  it('tilts to small caps exactly when the bill yield fell over the look-back', () => {
    const lagDays = Math.round((2 * 365.25) / 12);
    let tilted = 0;
    let neutral = 0;
    for (const [t, targets] of targetsBySession(createBuiltinStrategy('rate-regime', { months: 2 }))) {
      const view = viewAt(market, t);
      const fell = view.rate('tbill3m') < view.rate('tbill3m', lagDays);
      expect(targets.get(SMALL)).toBeCloseTo(fell ? 0.55 : 0.1, 12);
      expect(targets.get(LARGE)).toBeCloseTo(fell ? 0.45 : 0.9, 12);
      fell ? tilted++ : neutral++;
    }
    expect(tilted).toBeGreaterThan(3);
    expect(neutral).toBeGreaterThan(3);
  });

  it('says at which decisions the rate had not started: the neutral mix there', () => {
    // Month-start decisions 2024-01-01, 02-01, 03-01, 04-01; months 1 → lag round(365.25 / 12) = 30 days; tbill3m starts 2024-02-15.
    // 01-01 and 02-01: no rate now; 03-01: none 30 days before (01-31); 04-01: both (03-02 has 02-15's). 3 of 4 without, 75 % > 10 %: high.
    const m = fixtureMarket({ symbols: ['S', 'L'], closes: Array.from({ length: 70 }, () => [10, 20]), rates: { tbill3m: rateSeries('tbill3m', [['2024-02-15', 0.05], ['2024-03-15', 0.04]]) } });
    const { result, decisions } = runAndRecord({ ...m, roles: { smallCap: 'S', largeCap: 'L' } }, createBuiltinStrategy('rate-regime', { months: 1 }));
    expect([...decisions.values()].map((w) => w?.get(0))).toEqual([0.1, 0.1, 0.1, 0.55]);
    expect(result.caveats.filter((c) => c.code === 'signal-unknown').map((c) => [c.severity, c.message])).toEqual([
      ['high', 'the change in rate tbill3m over 30 days unknown at 3 of 4 decisions, 2024-01-01 → 2024-03-01 (rate tbill3m starts 2024-02-15); rate-regime held its neutral mix'],
    ]);
  });

  it('names the missing series clearly', () => {
    const noRates = { ...market, rates: {} };
    expect(() => backtest(noRates, createBuiltinStrategy('rate-regime'))).toThrow(/strategy "rate-regime" failed on 2021-01-04: no rate series "tbill3m"/);
  });
});

describe('breadth-thrust', () => {
  // With a 2-session average, a stock is "above its average" exactly when it rose today, so
  // breadth is the share of the 10 stocks that went up: 0.2, 0.7, 0.5, 0.3, 0.5, 0.7, 0.7.
  const ups = [2, 7, 5, 3, 5, 7, 7];
  const closes = [Array.from({ length: 12 }, () => 100)];
  for (const k of ups) closes.push([...closes[closes.length - 1].slice(0, 10).map((p, i) => (i < k ? p + 1 : p - 1)), 100, 100]);
  const base = fixtureMarket({ symbols: [...'ABCDEFGHIJ'].concat(['SMALL', 'LARGE']), closes });
  const thrustMarket: Market = {
    ...base,
    assetClass: Uint8Array.from(base.symbols, (_, i) => (i < 10 ? AssetClass.stock : AssetClass.fund)),
    roles: { smallCap: 'SMALL', largeCap: 'LARGE' },
  };

  it('tilts when breadth crosses the upper threshold from below and untilts only below the lower one', () => {
    const strategy = createBuiltinStrategy('breadth-thrust', { window: 2, upper: 0.6, lower: 0.4, benchmarkSmall: 0.1, tilt: 1 });
    const { decisions } = runAndRecord(thrustMarket, strategy);
    const small = (t: number): number | undefined => decisions.get(t)?.get(10);
    // session:        0 (no breadth yet: neutral), 1 (0.2), 2 (0.7 ↑), 3 (0.5 hold), 4 (0.3 ↓), 5 (0.5 hold), 6 (0.7 ↑), 7 (0.7 hold)
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(small)).toEqual([0.1, undefined, 1, undefined, 0.1, undefined, 1, undefined]);
  });

  it('says at which sessions breadth was unknown, and why where the stock prices had not started', () => {
    const signal = (m: Market) => runAndRecord(m, createBuiltinStrategy('breadth-thrust', { window: 2 })).result.caveats.filter((c) => c.code === 'signal-unknown').map((c) => [c.severity, c.message]);
    // Session 0 has one bar per stock, not 2: 1 of 8 sessions (12.5 % > 10 %) without breadth.
    expect(signal(thrustMarket)).toEqual([['high', 'breadth (no stock with 2 sessions of prices) unknown at 1 of 8 decisions, 2024-01-01; breadth-thrust held its neutral mix']]);
    // Stocks priced from session 2 (2024-01-03): no stock present at sessions 0–1, one bar each at 2: 3 of 8 without breadth.
    const late: Market = { ...thrustMarket, close: thrustMarket.close.map((x, k) => (k < 2 * 12 && k % 12 < 10 ? NaN : x)) };
    expect(signal(late)).toEqual([['high', 'breadth (no stock with 2 sessions of prices) unknown at 3 of 8 decisions, 2024-01-01 → 2024-01-03 (stock prices start 2024-01-03, so none at 2 of them); breadth-thrust held its neutral mix']]);
  });

  it('starts over on each run', () => {
    const strategy = createBuiltinStrategy('breadth-thrust', { window: 2, upper: 0.6, lower: 0.4 });
    const first = runAndRecord(thrustMarket, strategy).decisions;
    const second = runAndRecord(thrustMarket, strategy).decisions;
    expect(second).toEqual(first);
  });
});

describe('a missing bar does not freeze a signal (t11)', () => {
  // AAA rises 100 → 130 over 31 sessions, has no bar on the 32nd (another symbol trades), then falls from 126 by 2 a session.
  const rising = Array.from({ length: 31 }, (_, k) => 100 + k);
  const falling = Array.from({ length: 27 }, (_, k) => 126 - 2 * k);
  const strategy = (): Strategy => createBuiltinStrategy('sma-crossover', { symbol: 'AAA', fast: 3, slow: 10, exposure: 1 });
  const finalNav = (m: Market): number => {
    const nav = backtest(m, strategy(), { initialCash: 100_000 }).daily.nav;
    return nav[nav.length - 1];
  };
  it('sma-crossover ends at 109,090 with or without an untraded second symbol in the data', () => {
    // Buy decided at 109 (fast 108 > slow 104.5): 917 wanted, the open at 110 allows ⌊100 000 / 110⌋ = 909, cash 10.
    // Own bars: at 122, fast (126 + 124 + 122) / 3 = 124 < slow (130 + 129 + … + 122) / 10 = 126.1 → sell at the next
    // open, 120: 909 × 120 + 10 = 109 090. (A calendar window would blank the averages for 10 sessions and sell at 106.)
    const alone = fixtureMarket({ symbols: ['AAA'], closes: [...rising, ...falling].map((c) => [c]) });
    const withOther = fixtureMarket({ symbols: ['AAA', 'BBB'], closes: [...rising, NaN, ...falling].map((c) => [c, 50]), volumes: [...rising, NaN, ...falling].map(() => [1e9, 0]) });
    expect(finalNav(alone)).toBeCloseTo(109_090, 6);
    expect(finalNav(withOther)).toBeCloseTo(109_090, 6);
  });
});

describe('momentum with fewer rankable names than buckets (t14)', () => {
  it('nine names, ten buckets: holds the best name, not nothing', () => {
    // S1…S9 grow 0.1 % … 0.9 % a session: S9 ranks 9 of 9 → bucket round(8 × 9 / 8) = 9, the top one.
    const closes = Array.from({ length: 20 }, (_, t) => Array.from({ length: 9 }, (_, k) => 100 * (1 + 0.001 * (k + 1)) ** t));
    const m = fixtureMarket({ symbols: Array.from({ length: 9 }, (_, k) => `S${k + 1}`), closes });
    const { decisions } = runAndRecord(m, createBuiltinStrategy('momentum', { lookback: 10, skip: 1, schedule: 'every-session' }));
    for (const [t, targets] of decisions) {
      if (t < 10) expect(targets?.size ?? 0).toBe(0); // fewer than 11 bars: nothing ranked
      else expect([...(targets ?? [])]).toEqual([[8, 1]]);
    }
  });
});

describe('strategies that need fundamentals refuse data without them', () => {
  const pricesOnly = fixtureMarket({ symbols: ['A', 'B'], closes: Array.from({ length: 5 }, () => [10, 20]) });
  it('size-tilt mode=stocks names the missing shares outstanding', () => {
    expect(() => backtest(pricesOnly, createBuiltinStrategy('size-tilt', { mode: 'stocks' }))).toThrow(
      /^strategy "size-tilt" failed on 2024-01-01: size-tilt mode=stocks \(weights ∝ market cap\) needs fundamentals the data does not have: no sharesOutstanding for any symbol — load fundamentals \(SimFin\) with the prices, or use mode=etf$/,
    );
  });
  it('quality-long-short names every missing field', () => {
    expect(() => backtest(pricesOnly, createBuiltinStrategy('quality-long-short', {}), { account: { kind: 'margin', maxGross: 2, maxNet: 1 } })).toThrow(
      /quality-long-short needs fundamentals the data does not have: no sharesOutstanding, totalAssets, totalDebt, revenue for any symbol/,
    );
  });
});
