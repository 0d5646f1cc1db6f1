// Results for report tests: a hand-written one (every number visible), a real small backtest
// (long/short, costs, dividends, interest), and a large synthetic one for the store's speed and
// crash tests.

import { engineConfigSchema } from '../../../engine/config.ts';
import { weekly } from '../../../engine/calendar/schedule.ts';
import { backtest } from '../../../engine/backtest.ts';
import { caveat, type Caveat } from '../../../engine/caveats/caveats.ts';
import { DAILY_COLUMNS, type DailyColumn, type Fills, type Manifest, type Orders, type Result, type RunFacts } from '../../../engine/result.ts';
import { fixtureMarket, weekdays } from '../../engine/fixtures.ts';
import { scripted } from '../../engine/helpers.ts';

export interface HandFill {
  session: number;
  symbol: number;
  quantity: number;
  price: number;
  commission?: number;
  slippage?: number;
}

export interface HandSpec {
  symbols: string[];
  /** Daily columns; those not given are zero. `nav` is required. */
  daily: Partial<Record<DailyColumn, number[]>> & { nav: number[] };
  fills?: HandFill[];
  start?: string;
  initialCash?: number;
  strategy?: string;
  pnlBySymbol?: number[];
  incomeBySymbol?: number[];
  costBySymbol?: number[];
  caveats?: Caveat[];
}

function manifest(name: string, dates: Int32Array, initialCash: number, synthetic: boolean): Manifest {
  const iso = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);
  return {
    engine: { name: 'breadth', version: 'test' },
    strategy: { name, params: { lookback: 12, top: 0.1 }, schedule: 'month start', sourceHash: 'abc123' },
    data: { name: 'fixture', fingerprint: 'fixture-fp', synthetic, sources: [] },
    period: { from: iso(dates[0]), to: iso(dates[dates.length - 1]), sessions: dates.length },
    execution: 'next-open',
    lookAheadProne: false,
    config: engineConfigSchema.parse({ initialCash }),
    costModels: { commission: 'none', slippage: 'none', fill: 'bar', volume: 'none', borrow: 'none', cash: 'none' },
    userModels: [],
    account: 'cash',
    seed: 1,
  };
}

export function handResult(spec: HandSpec): Result {
  const T = spec.daily.nav.length;
  const dates = weekdays(spec.start ?? '2024-01-01', T);
  const daily = {} as Record<DailyColumn, Float64Array>;
  for (const c of DAILY_COLUMNS) daily[c] = Float64Array.from(spec.daily[c] ?? new Array<number>(T).fill(0));
  const fills = spec.fills ?? [];
  const col = (f: (x: HandFill) => number): Float64Array => Float64Array.from(fills, f);
  const n = spec.symbols.length;
  return {
    manifest: manifest(spec.strategy ?? 'hand', dates, spec.initialCash ?? spec.daily.nav[0], true),
    symbols: spec.symbols,
    dates,
    sessions: Int32Array.from({ length: T }, (_, k) => k),
    daily,
    fills: {
      session: Int32Array.from(fills, (f) => f.session),
      symbol: Int32Array.from(fills, (f) => f.symbol),
      quantity: col((f) => f.quantity),
      price: col((f) => f.price),
      referencePrice: col((f) => f.price),
      commission: col((f) => f.commission ?? 0),
      slippage: col((f) => f.slippage ?? 0),
      orderId: Int32Array.from(fills, (_, k) => k + 1),
      reason: new Uint8Array(fills.length),
    },
    orders: ordersFilledBy(Int32Array.from(fills, (f) => f.session), Int32Array.from(fills, (f) => f.symbol), col((f) => f.quantity)),
    snapshots: { session: new Int32Array(0), symbol: new Int32Array(0), shares: new Float64Array(0), price: new Float64Array(0), targetWeight: new Float64Array(0) },
    deferrals: { session: new Int32Array(0), symbol: new Int32Array(0), reason: new Uint8Array(0), remaining: new Float64Array(0) },
    splits: { session: new Int32Array(0), symbol: new Int32Array(0), ratio: new Float64Array(0) },
    breaches: [],
    pnlBySymbol: Float64Array.from(spec.pnlBySymbol ?? new Array<number>(n).fill(0)),
    incomeBySymbol: Float64Array.from(spec.incomeBySymbol ?? new Array<number>(n).fill(0)),
    costBySymbol: Float64Array.from(spec.costBySymbol ?? new Array<number>(n).fill(0)),
    facts: noFacts(),
    caveats: spec.caveats ?? [],
  };
}

/** One market order per fill, decided and filled whole on the fill's session (order k + 1 is fill k). */
function ordersFilledBy(session: Fills['session'], symbol: Fills['symbol'], quantity: Fills['quantity']): Orders {
  const n = session.length;
  return {
    id: Int32Array.from({ length: n }, (_, k) => k + 1),
    session,
    amendedAt: new Int32Array(n).fill(-1),
    symbol,
    quantity,
    decided: quantity,
    type: new Uint8Array(n),
    limit: new Float64Array(n).fill(NaN),
    stop: new Float64Array(n).fill(NaN),
    tif: new Uint8Array(n).fill(1),
    origin: new Uint8Array(n),
    filled: quantity,
    status: new Uint8Array(n),
    end: new Uint8Array(n),
    endSession: session,
  };
}

/** The facts of a run that started as asked, invested at once and never went stale. */
export function noFacts(): RunFacts {
  return { requestedFrom: null, firstInvestedDate: null, sessionsInCash: 0, ruinDate: null, staleMarks: [], dataEndExits: [], delistingExits: [] };
}

/**
 * A real long/short backtest over 30 sessions: weekly rebalances to +60 % A, +40 % B, −30 % C,
 * with commission, slippage, a borrow fee, a rebate, cash interest, a dividend on the long A and
 * one on the short C. Every cost and income line is non-zero.
 */
export function longShortRun(strategy = 'long-short'): Result {
  const T = 30;
  const closes: number[][] = [];
  for (let t = 0; t < T; t++) closes.push([100 + t + 3 * Math.sin(t), 50 - 0.2 * t + Math.cos(t), 20 + 0.1 * t + Math.sin(2 * t)]);
  const market = fixtureMarket({
    symbols: ['AAA', 'BBB', 'CCC'],
    closes,
    dividends: [
      { session: 10, symbol: 0, value: 1.5 },
      { session: 12, symbol: 2, value: 0.4 },
    ],
  });
  const weights = { weights: { AAA: 0.6, BBB: 0.4, CCC: -0.3 } };
  const script: Record<number, typeof weights> = {};
  for (let t = 0; t < T; t++) script[t] = weights;
  return backtest(market, scripted(script, weekly(1), strategy), {
    shares: 'fractional',
    commission: { kind: 'bps', bps: 5 },
    slippage: { kind: 'fixed-bps', bps: 10 },
    borrow: { defaultBps: 300, rebateBps: 50, overrides: {} },
    cash: { rate: 0.04, debitSpreadBps: 0 },
    account: { kind: 'margin', maxGross: 2, maxNet: 1 },
  });
}

/**
 * A synthetic Result of the size of a long daily run: `sessions` days, `symbols` names, and
 * `fillsPerSession` fills and snapshot rows on every `every`-th session. Numbers are arbitrary but
 * deterministic; only the shapes matter for storage.
 */
export function largeResult(sessions: number, symbols: number, fillsPerSession: number, every = 21): Result {
  const dates = weekdays('2000-01-03', sessions);
  const daily = {} as Record<DailyColumn, Float64Array>;
  for (const c of DAILY_COLUMNS) daily[c] = new Float64Array(sessions);
  for (let t = 0; t < sessions; t++) {
    daily.nav[t] = 1e6 * (1 + 0.0002 * t + 0.01 * Math.sin(t / 7));
    daily.cash[t] = 1e4;
    daily.longValue[t] = daily.nav[t] - 1e4;
    daily.longCount[t] = fillsPerSession;
  }
  const decisions = Math.ceil(sessions / every);
  const rows = decisions * fillsPerSession;
  const session = new Int32Array(rows);
  const symbol = new Int32Array(rows);
  const quantity = new Float64Array(rows);
  const price = new Float64Array(rows);
  for (let d = 0, k = 0; d < decisions; d++) {
    for (let j = 0; j < fillsPerSession; j++, k++) {
      session[k] = d * every;
      symbol[k] = (j * 7 + d) % symbols;
      quantity[k] = ((k % 13) - 6) * 10 + 1;
      price[k] = 10 + (k % 997) / 10;
    }
  }
  const names = Array.from({ length: symbols }, (_, i) => `S${String(i).padStart(4, '0')}`);
  return {
    manifest: manifest('large', dates, 1e6, true),
    symbols: names,
    dates,
    sessions: Int32Array.from({ length: sessions }, (_, k) => k),
    daily,
    fills: {
      session,
      symbol,
      quantity,
      price,
      referencePrice: price,
      commission: quantity.map((q) => Math.abs(q) * 0.005),
      slippage: quantity.map((q) => Math.abs(q) * 0.01),
      orderId: Int32Array.from({ length: rows }, (_, k) => k + 1),
      reason: new Uint8Array(rows),
    },
    orders: ordersFilledBy(session, symbol, quantity),
    snapshots: { session, symbol, shares: quantity, price, targetWeight: new Float64Array(rows).fill(1 / fillsPerSession) },
    deferrals: { session: new Int32Array(0), symbol: new Int32Array(0), reason: new Uint8Array(0), remaining: new Float64Array(0) },
    splits: { session: new Int32Array(0), symbol: new Int32Array(0), ratio: new Float64Array(0) },
    breaches: [],
    pnlBySymbol: Float64Array.from({ length: symbols }, (_, i) => Math.sin(i) * 1000),
    incomeBySymbol: new Float64Array(symbols),
    costBySymbol: new Float64Array(symbols).fill(1),
    facts: noFacts(),
    caveats: [caveat('synthetic', 'medium', 'SYNTHETIC data: results come from the built-in sample universe, not real prices')],
  };
}
