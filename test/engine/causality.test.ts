// Causality: a decision at the close of t and every fill up to t depend only on what was known
// by then. A randomized strategy reads prices, volumes, adjusted history, fundamentals, rates and
// its book; every input after t is perturbed; nothing up to t may change.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Market } from '../../data/market.ts';
import { backtest } from '../../engine/backtest.ts';
import type { EngineConfigInput } from '../../engine/config.ts';
import type { CancelRequest, OrderRequest } from '../../engine/execution/orders.ts';
import { everyNSessions, everySession, monthEnd, withDriftBand } from '../../engine/calendar/schedule.ts';
import type { Strategy } from '../../engine/strategy.ts';
import type { MarketView } from '../../engine/decisions/view.ts';
import { expectCausal, perturbAfter, recording, upTo } from './causality.ts';
import { epochDay } from '../../data/dates.ts';
import { fixtureMarket } from './fixtures.ts';
import { scripted } from './helpers.ts';
import { randomMarket } from './randomMarket.ts';

/** A strategy that uses everything it can see, plus its seeded random stream. */
function curious(schedule = everySession): Strategy {
  let random: () => number = () => {
    throw new Error('init was not called');
  };
  return {
    name: 'curious',
    params: {},
    schedule,
    init(ctx) {
      random = ctx.random;
    },
    decide(view: MarketView, book) {
      const n = view.symbolCount;
      const volume = view.crossSection('volume', 1);
      const revenue = view.fundamental('revenue');
      const cap = view.marketCap();
      const known = view.hasRate('r') ? view.rate('r') : 0;
      const monthly = view.hasRate('m') ? view.rate('m') : 0;
      const rate = (Number.isFinite(known) ? known : 0) + (Number.isFinite(monthly) ? monthly : 0);
      const universe = view.universe();
      const roll = random();
      if (roll < 0.2) return undefined;
      if (roll < 0.4) {
        const requests: (OrderRequest | CancelRequest)[] = [];
        for (const i of universe) {
          // A cancel decided at t withdraws what rested before t: it reads nothing after t either.
          if (random() < 0.1) requests.push({ symbol: i, cancel: true });
          if (random() < 0.5) continue;
          const side = book.shares(i) > 0 && random() < 0.5 ? -1 : 1;
          const kind = (['market', 'limit', 'stop'] as const)[Math.floor(random() * 3)];
          const price = view.lastClose(i) * (0.97 + 0.06 * random());
          requests.push({
            symbol: view.symbols[i],
            quantity: side * (1 + Math.floor(20 * random())),
            type: kind,
            ...(kind === 'limit' ? { limit: price } : kind === 'stop' ? { stop: price } : {}),
            tif: random() < 0.3 ? 'day' : 'gtc',
          });
        }
        return requests;
      }
      const weights = new Float64Array(n);
      for (const i of universe) {
        const history = view.adjustedCloses(i, 5);
        const momentum = history[4] / history[0] - 1;
        const carried = view.carriedCloses(i, 5);
        const carriedMove = carried[4] / carried[0] - 1;
        const raw = view.history('close', i, 3);
        const score =
          (Number.isFinite(momentum) ? momentum : 0) +
          (Number.isFinite(carriedMove) ? 0.5 * carriedMove : 0) +
          (Number.isFinite(revenue[i]) ? 1e-8 * revenue[i] : 0) +
          (Number.isFinite(cap[i]) ? 1e-10 * cap[i] : 0) +
          (Number.isFinite(volume[i]) ? 1e-7 * volume[i] : 0) +
          (Number.isFinite(raw[0]) ? 1e-4 * raw[0] : 0) +
          rate +
          book.weight(i) * 0.1 +
          random() -
          0.5;
        weights[i] = Math.max(-0.4, Math.min(0.4, score));
      }
      return { weights };
    },
  };
}

const configs: Record<string, EngineConfigInput> = {
  'next-open with every cost': {
    execution: 'next-open',
    commission: { kind: 'per-share', perShare: 0.01, minimum: 1 },
    slippage: { kind: 'sqrt-impact', k: 0.3, window: 5 },
    participationCap: 0.3,
    borrow: { defaultBps: 150, rebateBps: 25 },
    cash: { rate: 'r', debitSpreadBps: 100 },
    account: { kind: 'margin', maxGross: 1.6, maxNet: 1 },
    seed: 7,
  },
  'next-close, fractional': {
    execution: 'next-close',
    shares: 'fractional',
    commission: { kind: 'bps', bps: 5 },
    slippage: { kind: 'fixed-bps', bps: 10 },
    cash: { rate: 'r' },
    account: { kind: 'margin', maxGross: 2, maxNet: 1 },
    seed: 11,
  },
  'same-close': {
    execution: 'same-close',
    slippage: { kind: 'half-spread', spreadBps: 20 },
    participationCap: 0.5,
    borrow: { defaultBps: 300 },
    cash: { rate: 0.03 },
    seed: 13,
  },
};

const marketArb = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  symbols: fc.integer({ min: 2, max: 6 }),
  sessions: fc.integer({ min: 20, max: 80 }),
});

describe('perturbing everything after t changes nothing up to t', () => {
  for (const [label, config] of Object.entries(configs)) {
    it(label, () => {
      let fills = 0;
      let decided = 0;
      fc.assert(
        fc.property(marketArb, fc.integer({ min: 0, max: 3 }), ({ seed, symbols, sessions }, scheduleKind) => {
          const { market } = randomMarket({
            seed,
            symbols,
            sessions,
            nanRate: 0.05,
            zeroVolumeRate: 0.05,
            missingOpenRate: 0.02,
            splits: true,
            dividends: true,
            delistings: true,
            rates: true,
            fundamentals: true,
          });
          const schedule = [everySession, everyNSessions(3), monthEnd, withDriftBand(everyNSessions(7), 0.1)][scheduleKind];
          const ts = [0, Math.floor(sessions / 4), Math.floor(sessions / 2), sessions - 2];
          const { result, decisions } = expectCausal(market, () => curious(schedule), config, ts, seed);
          fills += result.fills.session.length;
          decided += decisions.length;
        }),
        { numRuns: 40, seed: 20240601 },
      );
      // The check has teeth only if the strategy really decided and traded.
      expect(decided).toBeGreaterThan(400);
      expect(fills).toBeGreaterThan(400);
    });
  }

  it('the perturbation really changes what comes after t (so the check can fail)', () => {
    const { market } = randomMarket({ seed: 5, symbols: 4, sessions: 40, splits: true, dividends: true, delistings: true, rates: true, fundamentals: true });
    const t = 20;
    const perturbed = perturbAfter(market, t, 99);
    const n = 4;
    expect(Array.from(perturbed.close.subarray(0, (t + 1) * n))).toEqual(Array.from(market.close.subarray(0, (t + 1) * n)));
    expect(Array.from(perturbed.close.subarray((t + 1) * n))).not.toEqual(Array.from(market.close.subarray((t + 1) * n)));
    // A strategy that peeks at the next close (through the raw market) is caught.
    const peeking = (m: Market) => (): Strategy => ({
      name: 'peek',
      params: {},
      schedule: everySession,
      decide: (view) => ({ weights: { S0: m.close[(view.session + 1) * n] > m.close[view.session * n] ? 0.5 : 0 } }),
    });
    const base = recording(peeking(market)());
    const other = recording(peeking(perturbed)());
    const a = backtest(market, base.strategy);
    const b = backtest(perturbed, other.strategy);
    expect(upTo(b, other.decisions, t)).not.toEqual(upTo(a, base.decisions, t));
  });
});

describe('the MarketView', () => {
  const market = fixtureMarket({
    symbols: ['A', 'B'],
    closes: [
      [10, 20],
      [11, 21],
      [12, 22],
      [13, 23],
    ],
    rates: { r: { name: 'r', dates: Int32Array.of(19_000), values: Float64Array.of(0.05) } },
  });

  it('shows a fundamental from its availableAt day, not its period end, split-adjusted', () => {
    // A's filing for the year to 31 Dec 2023 (1 000 000 shares, revenue 5e6) is published on
    // Wed 3 Jan 2024 (session 2). A splits 2:1 on session 3 (closes 10, 10, 10, 5, 5).
    const m = fixtureMarket({
      symbols: ['A'],
      closes: [[10], [10], [10], [5], [5]],
      splits: [{ session: 3, symbol: 0, value: 2 }],
      fundamentals: [{ symbol: 0, periodEnd: epochDay(2023, 12, 31), availableAt: epochDay(2024, 1, 3), values: { revenue: 5e6, sharesOutstanding: 1e6 } }],
    });
    const seen: number[][] = [];
    backtest(
      m,
      scripted(
        Object.fromEntries(
          [0, 1, 2, 3, 4].map((t) => [t, (view: MarketView) => void seen.push([view.fundamental('revenue')[0], view.sharesOutstanding()[0], view.marketCap()[0]])]),
        ),
      ),
    );
    expect(seen).toEqual([
      [NaN, NaN, NaN],
      [NaN, NaN, NaN],
      [5e6, 1e6, 1e7], // 1 000 000 × 10
      [5e6, 2e6, 1e7], // 2 000 000 × 5 after the split
      [5e6, 2e6, 1e7],
    ]);
  });

  it('throws on negative lags', () => {
    const errors: unknown[] = [];
    const probe = (fn: () => unknown) => {
      try {
        fn();
        errors.push('no error');
      } catch (err) {
        errors.push(err instanceof RangeError ? 'RangeError' : String(err));
      }
    };
    backtest(
      market,
      scripted({
        2: (view) => {
          probe(() => view.price('close', 0, -1));
          probe(() => view.close(0, -1));
          probe(() => view.crossSection('close', -1));
          probe(() => view.rate('r', -1));
          probe(() => view.close(0, NaN));
          return undefined;
        },
      }),
    );
    expect(errors).toEqual(['RangeError', 'RangeError', 'RangeError', 'RangeError', 'RangeError']);
  });

  it('reads history up to the decision and no further', () => {
    const seen: number[][] = [];
    backtest(
      market,
      scripted({
        1: (view) => {
          seen.push(Array.from(view.history('close', 0, 3)));
          seen.push(Array.from(view.adjustedCloses(1, 2)));
          seen.push(Array.from(view.crossSection('close')));
          seen.push([view.close(0), view.close(0, 1), view.close(0, 2)]);
          return undefined;
        },
      }),
    );
    expect(seen).toEqual([[NaN, 10, 11], [20, 21], [11, 21], [11, 10, NaN]]);
  });

  it('hands out copies: a strategy that scribbles on every array changes nothing', () => {
    const { market: m } = randomMarket({ seed: 3, symbols: 4, sessions: 30, splits: true, dividends: true, rates: true, fundamentals: true });
    const before = { close: m.close.slice(), volume: m.volume.slice(), open: m.open!.slice() };
    const make = (scribble: boolean): Strategy => {
      const inner = curious();
      return {
        ...inner,
        init: inner.init,
        decide(view, book) {
          if (scribble) {
            const arrays = [
              view.history('close', 0, 10),
              view.history('volume', 1, 10),
              view.adjustedCloses(0, 10),
              view.crossSection('close'),
              view.crossSection('open', 1),
              view.fundamental('revenue'),
              view.sharesOutstanding(),
              view.marketCap(),
              view.universe(),
            ];
            for (const a of arrays) a.fill(7);
            const held = book.held();
            held.push(99);
            const open = book.openOrders();
            open.length = 0;
          }
          return inner.decide(view, book);
        },
      };
    };
    const clean = recording(make(false));
    const dirty = recording(make(true));
    const a = backtest(m, clean.strategy, configs['next-open with every cost']);
    const b = backtest(m, dirty.strategy, configs['next-open with every cost']);
    expect(upTo(b, dirty.decisions, 29)).toEqual(upTo(a, clean.decisions, 29));
    expect(m.close).toEqual(before.close);
    expect(m.volume).toEqual(before.volume);
    expect(m.open).toEqual(before.open);
  });

  it('view.symbols is a copy too: reordering it does not touch the market', () => {
    const m = fixtureMarket({ symbols: ['A', 'B', 'C'], closes: [[1, 2, 3], [1, 2, 3], [1, 2, 3]] });
    backtest(
      m,
      scripted({
        0: (view) => {
          try {
            (view.symbols as string[]).reverse();
          } catch {
            // a frozen array refuses: also fine
          }
          return undefined;
        },
      }),
    );
    expect(m.symbols).toEqual(['A', 'B', 'C']);
  });

  it('never reveals another session’s row through an out-of-range symbol index', () => {
    // Symbol index N (one past the last) must not read row t+1's first symbol: it should throw
    // or give NaN. Session 1: close(2) would be market.close[1 × 2 + 2] = the t2 close of A, 12.
    const leaks: string[] = [];
    const nothing = (label: string, fn: () => number | Float64Array) => {
      let value: number | Float64Array;
      try {
        value = fn();
      } catch {
        return;
      }
      const values = typeof value === 'number' ? [value] : Array.from(value);
      if (values.some((v) => !Number.isNaN(v))) leaks.push(`${label} → ${values.join(', ')}`);
    };
    backtest(
      market,
      scripted({
        1: (view) => {
          nothing('close(2)', () => view.close(2));
          nothing("price('open', 2)", () => view.price('open', 2));
          nothing("history('close', 2, 1)", () => view.history('close', 2, 1));
          nothing('adjustedCloses(2, 1)', () => view.adjustedCloses(2, 1));
          return undefined;
        },
      }),
    );
    expect(leaks).toEqual([]);
  });
});
