// Accounting invariants, as properties over random small markets, random strategies and random
// cost settings. Every expectation is recomputed here from the inputs and the fills ledger,
// never read back from the engine's own state.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Market } from '../../data/market.ts';
import type { RateSeries } from '../../data/rates.ts';
import { backtest } from '../../engine/backtest.ts';
import type { EngineConfig, EngineConfigInput } from '../../engine/config.ts';
import { DEFERRAL_NAMES, ORDER_STATUS_NAMES } from '../../engine/execution/orders.ts';
import { COST_LINES, FillReason, INCOME_LINES, type Result } from '../../engine/result.ts';
import { inferFrequency } from '../../engine/calendar/frequency.ts';
import { everyNSessions, everySession, monthEnd, withDriftBand } from '../../engine/calendar/schedule.ts';
import type { Strategy } from '../../engine/strategy.ts';
import { fixtureMarket, type FixtureSpec } from './fixtures.ts';
import { orders, scripted } from './helpers.ts';
import { randomMarket, rng } from './randomMarket.ts';
import { checkOrders, expectedCommission, fail, near, type OrderPaid } from './checks.ts';
import { randomStrategy } from './randomStrategy.ts';

const NUM_RUNS = 100;

// ---------------------------------------------------------------------------------------------
// Random settings
// ---------------------------------------------------------------------------------------------

const commissionArb = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({
    kind: fc.constant('per-share' as const),
    perShare: fc.integer({ min: 0, max: 50 }).map((x) => x / 1_000),
    minimum: fc.integer({ min: 0, max: 5 }),
    minimumPer: fc.constantFrom('order' as const, 'fill' as const, 'order-session' as const),
  }),
  fc.record({ kind: fc.constant('bps' as const), bps: fc.integer({ min: 0, max: 50 }) }),
);
const slippageArb = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('fixed-bps' as const), bps: fc.integer({ min: 0, max: 50 }) }),
  fc.record({ kind: fc.constant('half-spread' as const), spreadBps: fc.integer({ min: 0, max: 60 }) }),
  fc.record({ kind: fc.constant('sqrt-impact' as const), k: fc.integer({ min: 0, max: 20 }).map((x) => x / 10), window: fc.integer({ min: 2, max: 10 }) }),
);
const configArb = fc.record({
  initialCash: fc.integer({ min: 10_000, max: 2_000_000 }),
  execution: fc.constantFrom('next-open' as const, 'next-close' as const, 'same-close' as const),
  shares: fc.constantFrom('whole' as const, 'fractional' as const),
  minTradeNotional: fc.constantFrom(0, 0, 50, 500),
  commission: commissionArb,
  slippage: slippageArb,
  participationCap: fc.option(fc.integer({ min: 1, max: 100 }).map((x) => x / 100), { nil: undefined }),
  borrow: fc.record({ defaultBps: fc.integer({ min: 0, max: 500 }), overrides: fc.constant({ S1: 900 }), rebateBps: fc.integer({ min: 0, max: 100 }) }),
  cash: fc.record({ rate: fc.oneof(fc.constant(null), fc.integer({ min: -5, max: 80 }).map((x) => x / 1_000), fc.constant('r')), debitSpreadBps: fc.integer({ min: 0, max: 500 }) }),
  account: fc.constantFrom(
    { kind: 'cash' as const },
    { kind: 'margin' as const, maxGross: 1.2, maxNet: 1 },
    { kind: 'margin' as const, maxGross: 2, maxNet: 1 },
    { kind: 'margin' as const, maxGross: 3, maxNet: 1.5 },
  ),
  seed: fc.integer({ min: 1, max: 1_000 }),
});
const marketArb = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  symbols: fc.integer({ min: 2, max: 6 }),
  sessions: fc.integer({ min: 20, max: 80 }),
});
const strategyArb = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  schedule: fc.integer({ min: 0, max: 3 }),
  longOnly: fc.boolean(),
  weights: fc.constantFrom(0.2, 0.5, 0.8),
  orders: fc.constantFrom(0, 0.2, 0.4),
});
const schedules = [everySession, everyNSessions(3), monthEnd, withDriftBand(everyNSessions(5), 0.08)];

function makeMarket(m: { seed: number; symbols: number; sessions: number }): Market {
  return randomMarket({
    ...m,
    nanRate: 0.05,
    zeroVolumeRate: 0.05,
    missingOpenRate: 0.03,
    splits: true,
    dividends: true,
    delistings: true,
    rates: true,
  }).market;
}

// ---------------------------------------------------------------------------------------------
// An independent replay of the books from the inputs and the fills ledger
// ---------------------------------------------------------------------------------------------

/** Last non-NaN rate dated on or before `day` (0 when none, as the engine accrues nothing then). */
function rateOn(series: RateSeries, day: number): number {
  let rate = NaN;
  for (let k = 0; k < series.dates.length && series.dates[k] <= day; k++) if (!Number.isNaN(series.values[k])) rate = series.values[k];
  return rate;
}


/**
 * Replay a run: shares from the fills ledger and split ratios, marks at the last available close
 * (split-adjusted), dividends, accruals and cash from first principles. Checks, every session:
 * NAV = cash + Σ shares × mark; the cash flows; ΔNAV = P&L + income − costs; the dividend and
 * accrual lines; that fills respect the bar, the cap and the cost models.
 */
function checkBooks(market: Market, config: EngineConfig, result: Result): void {
  const n = market.symbols.length;
  const f = result.fills;
  const shares = new Float64Array(n);
  const mark = new Float64Array(n).fill(NaN);
  const inLieu = new Float64Array(n);
  let fill = 0;
  let prevNav = config.initialCash;
  let prevCash = config.initialCash;
  const borrowBps = Array.from(market.symbols, (s) => config.borrow.overrides[s] ?? config.borrow.defaultBps);
  // P of the run: the metrics' inference on its calendar (tested on its own in frequency tests).
  const P = config.periodsPerYear ?? inferFrequency(result.dates).periodsPerYear;
  const paid = new Map<number, OrderPaid>();
  for (let k = 0; k < result.sessions.length; k++) {
    const t = result.sessions[k];
    const base = t * n;
    const d = result.daily;
    let expectedCash = prevCash;
    if (k > 0) {
      // Accruals on the previous close's balances, (1 + R)^(1/P) − 1 a session; the cash rate as
      // of this session, on cash net of the short proceeds (which earn the rebate instead).
      const setting = config.cash.rate;
      const rate = setting === null ? 0 : typeof setting === 'number' ? setting : rateOn(market.rates[setting], market.dates[t]);
      const r = Number.isNaN(rate) ? 0 : rate;
      const perSession = (R: number) => (1 + R) ** (1 / P) - 1;
      let fee = 0;
      let rebate = 0;
      let shortValue = 0;
      for (let i = 0; i < n; i++) {
        if (shares[i] >= 0) continue;
        const value = -shares[i] * mark[i];
        shortValue -= value;
        fee += value * perSession(borrowBps[i] / 10_000);
        rebate += value * perSession(config.borrow.rebateBps / 10_000);
      }
      const net = prevCash + shortValue;
      const interest = net > 0 ? net * perSession(r) : net < 0 ? net * perSession(r + config.cash.debitSpreadBps / 10_000) : 0;
      const received = Math.max(interest, 0);
      const paid = Math.max(-interest, 0);
      const scale = Math.abs(prevCash) + Math.abs(shortValue) + 1;
      near(d.interestReceived[k], received, scale, `session ${t} interestReceived`);
      near(d.interestPaid[k], paid, scale, `session ${t} interestPaid`);
      near(d.borrowFee[k], fee, scale, `session ${t} borrowFee`);
      near(d.borrowRebate[k], rebate, scale, `session ${t} borrowRebate`);
      // Splits (a whole count stays whole: 15 × 0.1 is 1.5), then dividends to the holders of record
      // on the post-split count, the split's fraction included.
      for (let e = market.splits.sessionStart[t]; e < market.splits.sessionStart[t + 1]; e++) {
        const i = market.splits.symbol[e];
        const after = shares[i] * market.splits.value[e];
        shares[i] = Math.abs(after - Math.round(after)) <= 1e-9 * Math.max(1, Math.abs(after)) ? Math.round(after) : after;
        mark[i] /= market.splits.value[e];
      }
      let dividends = 0;
      let shortDividends = 0;
      for (let e = market.dividends.sessionStart[t]; e < market.dividends.sessionStart[t + 1]; e++) {
        const amount = shares[market.dividends.symbol[e]] * market.dividends.value[e];
        if (amount > 0) dividends += amount;
        else shortDividends -= amount;
      }
      // Whole shares: then the fraction leaves (a split-cash fill of this session says at what price).
      if (config.shares === 'whole') {
        for (let e = market.splits.sessionStart[t]; e < market.splits.sessionStart[t + 1]; e++) {
          const i = market.splits.symbol[e];
          inLieu[i] += Math.trunc(shares[i]) - shares[i];
          shares[i] = Math.trunc(shares[i]);
        }
      }
      near(d.dividends[k], dividends, scale, `session ${t} dividends`);
      near(d.shortDividends[k], shortDividends, scale, `session ${t} shortDividends`);
    }
    for (const line of INCOME_LINES) expectedCash += d[line][k];
    for (const line of ['borrowFee', 'shortDividends', 'interestPaid'] as const) expectedCash -= d[line][k];

    // Fills of this session, in ledger order.
    let commission = 0;
    let slippage = 0;
    for (; fill < f.session.length && f.session[fill] === t; fill++) {
      const i = f.symbol[fill];
      const q = f.quantity[fill];
      const price = f.price[fill];
      const ref = f.referencePrice[fill];
      const k2 = base + i;
      const what = `fill #${fill} (session ${t}, ${market.symbols[i]}, ${q} @ ${price})`;
      if (!(Number.isFinite(price) && Number.isFinite(ref) && Number.isFinite(q) && q !== 0)) fail(`${what}: not finite`);
      if (f.reason[fill] === 0) {
        if (Number.isNaN(market.close[k2]) || market.volume[k2] === 0) fail(`${what}: filled on a bar with no trade`);
        if (config.execution === 'next-open') {
          const [barLow, barHigh] = [market.low?.[k2] ?? NaN, market.high?.[k2] ?? NaN];
          const low = Number.isNaN(barLow) ? market.close[k2] : barLow;
          const high = Number.isNaN(barHigh) ? market.close[k2] : barHigh;
          if (ref < low * (1 - 1e-12) || ref > high * (1 + 1e-12)) fail(`${what}: reference ${ref} outside the bar [${low}, ${high}]`);
        } else if (ref !== market.close[k2]) fail(`${what}: a close-phase fill must reference the close ${market.close[k2]}, got ${ref}`);
        if ((q > 0 && price < ref * (1 - 1e-12)) || (q < 0 && price > ref * (1 + 1e-12))) fail(`${what}: slippage in the trader's favour (reference ${ref})`);
        near(f.slippage[fill], Math.abs(q) * Math.abs(price - ref), Math.abs(q * ref), `${what} slippage`);
        near(f.commission[fill], expectedCommission(config, paid, f.orderId[fill], t, q, price), 1, `${what} commission`);
        const v = market.volume[k2];
        if (config.participationCap !== undefined && Number.isFinite(v) && Math.abs(q) > config.participationCap * v * (1 + 1e-12)) {
          fail(`${what}: exceeds the participation cap on volume ${v}`);
        }
      } else if (f.reason[fill] === FillReason.splitCash) {
        // Cash in lieu: the split's fraction (already taken off the shares above) at the ex-date's open, else close.
        const open = market.open?.[k2] ?? NaN;
        near(price, open > 0 ? open : market.close[k2], price, `${what} cash-in-lieu price`);
        if (config.shares !== 'whole') fail(`${what}: cash in lieu with fractional shares`);
        near(q, inLieu[i], 1, `${what} cash-in-lieu quantity`);
        inLieu[i] = 0;
        shares[i] -= q;
      } else {
        // Delisting, or the end of the symbol's data: at the last close (split-adjusted: the mark)
        // times (1 + the delisting return), on the session after the last bar.
        const delisted = f.reason[fill] === FillReason.delisting;
        if (delisted !== market.delistedAfter[i] >= 0) fail(`${what}: reason ${f.reason[fill]} but delistedAfter ${market.delistedAfter[i]}`);
        let lastBar = market.delistedAfter[i];
        if (!delisted) for (lastBar = t - 1; lastBar >= 0 && Number.isNaN(market.close[lastBar * n + i]); lastBar--);
        const r = delisted ? market.delistReturn[i] : NaN;
        near(price, mark[i] * (1 + (Number.isNaN(r) ? 0 : r)), mark[i], `${what} exit price`);
        if (t !== lastBar + 1) fail(`${what}: exit on the wrong session (last bar ${lastBar})`);
        for (let s = t; s < market.dates.length; s++) if (!Number.isNaN(market.close[s * n + i])) fail(`${what}: the symbol trades again on session ${s}`);
        if (q !== -shares[i]) fail(`${what}: an exit must close the whole position (${shares[i]})`);
        if (f.commission[fill] !== 0 || f.slippage[fill] !== 0) fail(`${what}: an exit must cost nothing`);
      }
      shares[i] += q;
      expectedCash -= q * price + f.commission[fill];
      commission += f.commission[fill];
      slippage += f.slippage[fill];
    }
    // (The cap is checked per fill above; per symbol and session it has its own failing scenario
    // test in participationCap.test.ts — checking it here too would hide every other finding.)
    near(d.commission[k], commission, commission, `session ${t} commission line`);
    near(d.slippage[k], slippage, slippage, `session ${t} slippage line`);

    // Marks at the last available close.
    for (let i = 0; i < n; i++) if (!Number.isNaN(market.close[base + i])) mark[i] = market.close[base + i];
    let positions = 0;
    let gross = 0;
    for (let i = 0; i < n; i++) {
      if (shares[i] === 0) continue;
      positions += shares[i] * mark[i];
      gross += Math.abs(shares[i] * mark[i]);
    }
    const scale = Math.abs(d.cash[k]) + gross;
    near(d.cash[k], expectedCash, scale, `session ${t} cash`);
    if (config.account.kind === 'cash') {
      if (d.cash[k] < 0) fail(`session ${t}: cash ${d.cash[k]} < 0 in a cash account`);
      if (d.shortCount[k] > 0) fail(`session ${t}: a short position in a cash account`);
    }
    near(d.nav[k], d.cash[k] + positions, scale, `session ${t} NAV = cash + Σ shares × mark`);
    let change = d.longPnl[k] + d.shortPnl[k];
    for (const line of INCOME_LINES) change += d[line][k];
    for (const line of COST_LINES) change -= d[line][k];
    near(d.nav[k] - prevNav, change, scale, `session ${t} ΔNAV = P&L + income − costs`);
    for (const line of [...COST_LINES, ...INCOME_LINES]) if (d[line][k] < 0) fail(`session ${t}: ${line} is negative (${d[line][k]})`);
    prevNav = d.nav[k];
    prevCash = d.cash[k];
  }
  if (fill !== f.session.length) fail('fills ledger is not in session order');
  // A no-trade deferral only where the bar really had no trade.
  for (let e = 0; e < result.deferrals.session.length; e++) {
    if (DEFERRAL_NAMES[result.deferrals.reason[e]] !== 'no-trade') continue;
    const k2 = result.deferrals.session[e] * n + result.deferrals.symbol[e];
    if (!Number.isNaN(market.close[k2]) && market.volume[k2] !== 0) fail(`deferral #${e}: no-trade on a bar that traded`);
  }
}

// ---------------------------------------------------------------------------------------------

describe('invariants over random markets, strategies and costs', () => {
  it('the books reconcile every session: NAV, cash, ΔNAV, dividends, accruals, fills', () => {
    let fills = 0;
    let shorts = 0;
    let orders = 0;
    const statuses = new Set<string>();
    fc.assert(
      fc.property(marketArb, strategyArb, configArb, (m, s, configInput) => {
        const market = makeMarket(m);
        const strategy = randomStrategy({
          seed: s.seed,
          schedule: schedules[s.schedule],
          longOnly: s.longOnly,
          weights: s.weights,
          orders: s.orders,
          fractional: configInput.shares === 'fractional',
        });
        const result = backtest(market, strategy, configInput);
        checkBooks(market, result.manifest.config, result);
        checkOrders(result.manifest.config, result);
        orders += result.orders.id.length;
        for (const status of result.orders.status) statuses.add(ORDER_STATUS_NAMES[status]);
        fills += result.fills.session.length;
        shorts += result.daily.shortCount.filter((c) => c > 0).length;
      }),
      { numRuns: NUM_RUNS, seed: 424242 },
    );
    // The property saw real trading, shorts included.
    expect(fills).toBeGreaterThan(20 * NUM_RUNS);
    expect(shorts).toBeGreaterThan(5 * NUM_RUNS);
    expect(orders).toBeGreaterThan(20 * NUM_RUNS);
    expect([...statuses].sort()).toEqual([...ORDER_STATUS_NAMES].sort());
  });

  it('the replay catches a broken ledger (the check can fail)', () => {
    const market = makeMarket({ seed: 9, symbols: 3, sessions: 30 });
    const result = backtest(market, randomStrategy({ seed: 3 }), {});
    expect(result.fills.session.length).toBeGreaterThan(0);
    checkBooks(market, result.manifest.config, result);
    result.fills.quantity[0] += 1;
    expect(() => checkBooks(market, result.manifest.config, result)).toThrow();
  });

  it('the order check catches a broken record (the check can fail)', () => {
    const market = makeMarket({ seed: 9, symbols: 3, sessions: 30 });
    const result = backtest(market, randomStrategy({ seed: 3 }), {});
    checkOrders(result.manifest.config, result);
    const k = result.fills.orderId.findIndex((id) => id > 0);
    result.orders.filled[result.fills.orderId[k] - 1] += 1;
    expect(() => checkOrders(result.manifest.config, result)).toThrow(/filled/);
  });
});

describe('a zero-cost round trip at the same price conserves value', () => {
  it('buy q, later sell q at the same price: cash and NAV back to the start', () => {
    fc.assert(
      fc.property(
        marketArb,
        fc.constantFrom('next-open' as const, 'next-close' as const, 'same-close' as const),
        fc.integer({ min: 1, max: 10_000 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1_000 }),
        (m, execution, size, fractional, pick) => {
          const { spec } = randomMarket({ ...m, nanRate: 0.05, zeroVolumeRate: 0.05 });
          const T = m.sessions;
          const a = pick % (T - 4);
          const b = a + 1 + (pick % (T - a - 3));
          const lag = execution === 'same-close' ? 0 : 1;
          const field = execution === 'next-open' ? spec.opens! : spec.closes;
          const symbol = pick % m.symbols;
          // Both fill bars trade, at the same price.
          for (const s of [a + lag, b + lag]) {
            spec.closes[s][symbol] = Number.isNaN(spec.closes[s][symbol]) ? 40 : spec.closes[s][symbol];
            spec.volumes![s][symbol] = 1e6;
          }
          if (Number.isNaN(field[a + lag][symbol])) field[a + lag][symbol] = 40;
          field[b + lag][symbol] = field[a + lag][symbol];
          const market = fixtureMarket(spec);
          const q = fractional ? size / 7 : size;
          const result = backtest(
            market,
            scripted({ [a]: orders({ symbol, quantity: q }), [b]: orders({ symbol, quantity: -q }) }),
            { execution, initialCash: 1_000_000_000, shares: fractional ? 'fractional' : 'whole' },
          );
          const price = field[a + lag][symbol];
          expect(Array.from(result.fills.quantity)).toEqual([q, -q]);
          expect(Array.from(result.fills.price)).toEqual([price, price]);
          const after = b + lag;
          expect(Math.abs(result.daily.cash[after] - 1_000_000_000)).toBeLessThanOrEqual(1e-9 * 1_000_000_000);
          expect(Math.abs(result.daily.nav[T - 1] - 1_000_000_000)).toBeLessThanOrEqual(1e-9 * 1_000_000_000);
        },
      ),
      { numRuns: NUM_RUNS, seed: 777 },
    );
  });
});

/** The same market with its splits undone: prices × ratio, volumes ÷ ratio, dividends × ratio from each ex-date on. */
function withoutSplits(spec: FixtureSpec): FixtureSpec {
  const factor = spec.closes.map((row) => row.map(() => 1));
  for (const s of spec.splits ?? []) for (let t = s.session; t < spec.closes.length; t++) factor[t][s.symbol] *= s.value;
  const scale = (rows: number[][] | undefined, up: boolean) => rows?.map((row, t) => row.map((x, i) => (up ? x * factor[t][i] : x / factor[t][i])));
  return {
    ...spec,
    closes: scale(spec.closes, true)!,
    opens: scale(spec.opens, true),
    highs: scale(spec.highs, true),
    lows: scale(spec.lows, true),
    volumes: scale(spec.volumes, false),
    dividends: (spec.dividends ?? []).map((d) => ({ ...d, value: d.value * factor[d.session][d.symbol] })),
    splits: [],
  };
}

describe('a split never changes NAV', () => {
  it('same weights, same NAV every session, with or without the split (prices adjusted)', () => {
    // Fractional shares and value-based costs: a split only relabels the shares. Left out here,
    // each for a bug with its own failing test: square-root impact (its ADV is not split-adjusted,
    // costs.test.ts) and long-only books (the planner's cash fit depends on floating-point
    // noise, planner.test.ts) — every weights decision here holds a short.
    let splits = 0;
    fc.assert(
      fc.property(marketArb, strategyArb, configArb, (m, s, c) => {
        const { spec } = randomMarket({ ...m, nanRate: 0.05, zeroVolumeRate: 0.05, splits: true, dividends: true, delistings: true, rates: true });
        splits += spec.splits!.length;
        const config: EngineConfigInput = {
          ...c,
          account: { kind: 'margin', maxGross: 3, maxNet: 1.5 },
          shares: 'fractional',
          commission: c.commission.kind === 'per-share' ? { kind: 'bps', bps: 3 } : c.commission,
          slippage: c.slippage.kind === 'sqrt-impact' ? { kind: 'fixed-bps', bps: 7 } : c.slippage,
        };
        const strategy = () => randomStrategy({ seed: s.seed, schedule: schedules[s.schedule], alwaysShort: true, weights: 0.7, orders: 0 });
        const split = backtest(fixtureMarket(spec), strategy(), config);
        const plain = backtest(fixtureMarket(withoutSplits(spec)), strategy(), config);
        for (let k = 0; k < m.sessions; k++) {
          near(split.daily.nav[k], plain.daily.nav[k], Math.abs(plain.daily.cash[k]) + plain.daily.longValue[k] - plain.daily.shortValue[k], `session ${k} NAV`);
        }
      }),
      { numRuns: NUM_RUNS, seed: 31337 },
    );
    expect(splits).toBeGreaterThan(NUM_RUNS);
  });
});

describe('rebalancing twice to the same targets at the same prices trades nothing', () => {
  for (const shares of ['whole', 'fractional'] as const) {
    it(`${shares} shares, same-close, zero costs`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 100, max: 50_000 }), { minLength: 2, maxLength: 6 }),
          fc.array(fc.integer({ min: -60, max: 100 }), { minLength: 6, maxLength: 6 }),
          fc.integer({ min: 10_000, max: 5_000_000 }),
          (cents, percents, initialCash) => {
            const prices = cents.map((c) => c / 100);
            const symbols = prices.map((_, i) => `S${i}`);
            const weights: Record<string, number> = {};
            let gross = 0;
            for (let i = 0; i < symbols.length; i++) {
              weights[symbols[i]] = percents[i] / 100 / symbols.length;
              gross += Math.abs(weights[symbols[i]]);
            }
            const market = fixtureMarket({ symbols, closes: Array.from({ length: 4 }, () => [...prices]) });
            const w = { weights };
            const result = backtest(market, scripted({ 0: w, 1: w, 2: w, 3: w }), { initialCash, execution: 'same-close', shares });
            const later = Array.from(result.fills.session).flatMap((t, k) => (t > 0 ? [`session ${t}: ${result.fills.quantity[k]} ${symbols[result.fills.symbol[k]]}`] : []));
            expect(later, `weights ${JSON.stringify(weights)} (gross ${gross}) at ${prices}, cash ${initialCash}`).toEqual([]);
          },
        ),
        { numRuns: NUM_RUNS, seed: 99 },
      );
    });
  }
});

describe('the costs in the ledger are exactly the NAV drag', () => {
  it('same orders with and without costs: NAV difference = Σ commission + slippage + borrow fee', () => {
    fc.assert(
      fc.property(marketArb, fc.integer({ min: 1, max: 2 ** 31 - 1 }), commissionArb, slippageArb, fc.integer({ min: 0, max: 800 }), fc.option(fc.integer({ min: 5, max: 100 }).map((x) => x / 100), { nil: undefined }), fc.constantFrom('next-open' as const, 'next-close' as const, 'same-close' as const), (m, seed, commission, slippage, borrowBps, participationCap, execution) => {
        const market = makeMarket(m);
        const strategy = (): Strategy => randomStrategy({ seed, weights: 0, orders: 0.6 });
        const common: EngineConfigInput = { initialCash: 1_000_000, execution, participationCap, shares: 'fractional', account: { kind: 'margin', maxGross: 100, maxNet: 100 } };
        const free = backtest(market, strategy(), common);
        const costly = backtest(market, strategy(), { ...common, commission, slippage, borrow: { defaultBps: borrowBps } });
        expect(Array.from(costly.fills.quantity)).toEqual(Array.from(free.fills.quantity));
        let drag = 0;
        for (let k = 0; k < m.sessions; k++) {
          drag += costly.daily.commission[k] + costly.daily.slippage[k] + costly.daily.borrowFee[k];
          const scale = Math.abs(free.daily.cash[k]) + free.daily.longValue[k] - free.daily.shortValue[k];
          near(free.daily.nav[k] - costly.daily.nav[k], drag, scale, `session ${k} NAV drag`);
        }
      }),
      { numRuns: NUM_RUNS, seed: 2024 },
    );
  });
});

// A check that the random markets really contain what the properties are about.
it('random markets have splits, dividends, gaps, zero volume and delistings', () => {
  const counts = { splits: 0, dividends: 0, nan: 0, zero: 0, delisted: 0 };
  for (let seed = 1; seed <= 20; seed++) {
    const market = makeMarket({ seed, symbols: 5, sessions: 60 });
    counts.splits += market.splits.session.length;
    counts.dividends += market.dividends.session.length;
    counts.nan += market.close.filter(Number.isNaN).length;
    counts.zero += market.volume.filter((v) => v === 0).length;
    counts.delisted += market.delistedAfter.filter((d) => d >= 0).length;
  }
  for (const [what, count] of Object.entries(counts)) expect(count, what).toBeGreaterThan(5);
  expect(rng(1)()).not.toBe(rng(2)());
});
