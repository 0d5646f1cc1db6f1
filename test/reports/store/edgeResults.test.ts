// Every column a run writes, round-tripped for the edge results that once reached the store with
// a NaN where a NOT NULL column expected a number: an empty book, symbols that start and stop
// inside the run, a run of one session, a ruined run, cash cuts and margin breaches. Each stored
// value reads back as the Result holds it (NaN as NULL only where a column allows it).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isoDay } from '../../../data/dates.ts';
import { backtest } from '../../../engine/backtest.ts';
import { DEFERRAL_NAMES, ORDER_END_NAMES, ORDER_ORIGIN_NAMES, ORDER_STATUS_NAMES, ORDER_TYPE_NAMES, OrderEnd, TIF_NAMES } from '../../../engine/execution/orders.ts';
import { DAILY_COLUMNS, FILL_REASON_NAMES, type Result } from '../../../engine/result.ts';
import type { Decision } from '../../../engine/strategy.ts';
import { runMetrics } from '../../../reports/runMetrics.ts';
import { getRun, openStore, writeRun } from '../../../reports/store/index.ts';
import { fixtureMarket } from '../../engine/fixtures.ts';
import { orders, scripted } from '../../engine/helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'breadth-edge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A starts on session 2; B stops after session 3 (its data ends); C is suspended on 4–11 and
// prints again; D trades throughout. 14 weekdays.
const closes = Array.from({ length: 14 }, (_, t) => [t >= 2 ? 10 + t : NaN, t <= 3 ? 20 : NaN, t >= 4 && t <= 11 ? NaN : 30, 40 + (t % 3)]);
const market = fixtureMarket({ symbols: ['A', 'B', 'C', 'D'], closes, volumes: closes.map(() => [1e6, 1e6, 1e6, 1e6]) });
const every = (decision: Decision) => scripted(Object.fromEntries(closes.map((_, t) => [t, decision])));

const EDGES: [string, () => Result][] = [
  ['an empty book', () => backtest(market, every(undefined), {})],
  ['targets on a symbol before it starts (no price to size them)', () => backtest(market, every({ weights: { A: 0.3, B: 0.3, D: 0.3 } }), {})],
  ['positions in symbols that stop (data end) and go stale (suspension)', () => backtest(market, scripted({ 0: { weights: { B: 0.4, C: 0.4 } } }), { staleMarkSessions: 2 })],
  ['one session', () => backtest(market, every({ weights: { D: 1 } }), { from: '2024-01-05', to: '2024-01-05' })],
  ['a buy the cash account cuts', () => backtest(market, scripted({ 0: { weights: { D: 1 } }, 1: orders({ symbol: 'D', quantity: 1e6 }) }), { initialCash: 10_000 })],
  ['a fill cut at the margin limit', () => backtest(market, scripted({ 1: { weights: { D: 2 } }, 2: orders({ symbol: 'D', quantity: 1e6 }) }), { initialCash: 10_000, account: { kind: 'margin', maxGross: 2, maxNet: 2 } })],
  ['ruin (NAV below zero)', () => backtest(fixtureMarket({ symbols: ['A'], closes: [[100], [100], [70], [60]] }), every({ weights: { A: 5 } }), { initialCash: 10_000, account: { kind: 'margin', maxGross: 5, maxNet: 5 } })],
];

const asStored = (x: number): number | null => (Number.isNaN(x) ? null : x === 0 ? 0 : x);

describe.each(EDGES)('%s', (_label, make) => {
  const result = make();
  const store = openStore(join(dir, `${Math.random().toString(36).slice(2)}.db`));
  const id = writeRun(store, { result, metrics: runMetrics(result) });
  const run = getRun(store, id);
  afterAll(() => store.close());

  it('writes and reads back', () => {
    expect(run).toBeDefined();
  });

  it('daily columns', () => {
    for (const c of DAILY_COLUMNS) expect(Array.from(run!.daily.columns[c], (x) => asStored(x)), c).toEqual(Array.from(result.daily[c], asStored));
  });

  it('fills, deferrals (unknown sizes as NULL), breaches, stale marks', () => {
    const f = result.fills;
    expect(run!.fills.map((x) => [x.date, x.symbol, x.quantity, x.price, x.reason])).toEqual(
      Array.from(f.session, (s, k) => [isoDay(market.dates[s]), result.symbols[f.symbol[k]], f.quantity[k], f.price[k], FILL_REASON_NAMES[f.reason[k]]]),
    );
    const d = result.deferrals;
    expect(run!.deferrals.map((x) => [x.date, x.symbol, x.reason, x.remaining])).toEqual(
      Array.from(d.session, (s, k) => [isoDay(market.dates[s]), result.symbols[d.symbol[k]], DEFERRAL_NAMES[d.reason[k]], asStored(d.remaining[k])]),
    );
    expect(run!.breaches).toEqual(result.breaches.map((b) => ({ ...b, session: b.session - result.sessions[0] })));
    expect(run!.staleMarks).toEqual(result.facts.staleMarks);
  });

  it('orders with how they ended, and the order of each fill (NULL for fills no order asked for)', () => {
    const o = result.orders;
    const day = (t: number): string => isoDay(market.dates[t]);
    expect(run!.orders.map((x) => [x.id, x.date, x.symbol, x.quantity, x.type, x.limitPrice, x.stopPrice, x.tif, x.origin, x.filled, x.status, x.reason, x.endDate])).toEqual(
      Array.from(o.id, (id, k) => [
        id,
        day(o.session[k]),
        result.symbols[o.symbol[k]],
        o.quantity[k],
        ORDER_TYPE_NAMES[o.type[k]],
        asStored(o.limit[k]),
        asStored(o.stop[k]),
        TIF_NAMES[o.tif[k]],
        ORDER_ORIGIN_NAMES[o.origin[k]],
        asStored(o.filled[k]),
        ORDER_STATUS_NAMES[o.status[k]],
        o.end[k] === OrderEnd.filled ? null : ORDER_END_NAMES[o.end[k]],
        day(o.endSession[k]),
      ]),
    );
    expect(run!.fills.map((x) => x.orderId)).toEqual(Array.from(result.fills.orderId, (id) => (id === 0 ? null : id)));
    expect(run!.run.ordersHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('run facts and caveats', () => {
    const r = run!.run;
    expect([r.requestedFrom, r.firstInvestedDate, r.sessionsInCash, r.ruinDate, r.account]).toEqual([
      result.facts.requestedFrom,
      result.facts.firstInvestedDate,
      result.facts.sessionsInCash,
      result.facts.ruinDate,
      result.manifest.account,
    ]);
    for (const c of result.caveats) expect(run!.caveats).toContainEqual(c);
  });
});

it('the edges are what they claim: each meets its case', () => {
  const [empty, late, ended, one, cut, margin, ruin] = EDGES.map(([, make]) => make());
  expect(empty.fills.session.length).toBe(0);
  expect(Array.from(late.deferrals.remaining).some(Number.isNaN)).toBe(true);
  expect(ended.facts.dataEndExits.map((x) => x.symbol)).toEqual(['B']);
  expect(ended.facts.staleMarks.map((x) => x.symbol)).toEqual(['C']);
  expect(one.daily.nav.length).toBe(1);
  expect(Array.from(cut.deferrals.reason)).toContain(5);
  expect(margin.breaches.some((b) => b.action === 'deferred')).toBe(true);
  expect(ruin.facts.ruinDate).toBe('2024-01-03');
  expect(ruin.daily.nav[3]).toBeLessThan(0);
  // …and their orders end every way an order can.
  const statuses = new Set(EDGES.flatMap(([, make]) => Array.from(make().orders.status, (x) => ORDER_STATUS_NAMES[x])));
  expect([...statuses].sort()).toEqual(['cancelled', 'filled', 'open', 'partially-filled', 'rejected']);
  expect(Array.from(ended.fills.orderId)).toContain(0);
});

describe('the stored nav_return after a ruin (probe r54b F3)', () => {
  it('is none from a NAV ≤ 0: closes 100, 100, 70, 60 with 5× long on 10,000 → NAV 10,000, 10,000, −5,000, −10,000; returns 0, −1.5, then NULL (not +1.0)', () => {
    // 500 shares bought at the next open 100 with cash −40,000: NAV = −40,000 + 500 × close.
    const result = backtest(fixtureMarket({ symbols: ['A'], closes: [[100], [100], [70], [60]] }), scripted({ 0: { weights: { A: 5 } } }), { initialCash: 10_000, account: { kind: 'margin', maxGross: 5, maxNet: 5 } });
    expect(Array.from(result.daily.nav)).toEqual([10_000, 10_000, -5_000, -10_000]);
    const store = openStore(join(dir, 'ruin.db'));
    const run = getRun(store, writeRun(store, { result, metrics: runMetrics(result) }));
    store.close();
    expect(Array.from(run!.daily.navReturn)).toEqual([NaN, 0, -1.5, NaN]);
  });
});
