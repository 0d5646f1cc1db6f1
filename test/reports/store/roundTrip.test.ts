import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isoDay } from '../../../data/dates.ts';
import { UserError } from '../../../data/errors.ts';
import { rankCaveats } from '../../../engine/caveats/caveats.ts';
import { DAILY_COLUMNS, type Result } from '../../../engine/result.ts';
import { attributeRun, FF5_MOM_DAILY, returnDecomposition, symbolContributions } from '../../../reports/attribution/index.ts';
import { type RunMetrics, runMetrics } from '../../../reports/runMetrics.ts';
import { deleteRun, fillsHash, findRuns, getRun, listRuns, openStore, ordersHash, type Store, writeRun } from '../../../reports/store/index.ts';
import { backtest } from '../../../engine/backtest.ts';
import { fixtureMarket } from '../../engine/fixtures.ts';
import { scripted } from '../../engine/helpers.ts';
import { handResult, longShortRun } from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'breadth-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshStore = (): Store => openStore(join(dir, `runs-${files++}.db`));

/** SQLite keeps −0 as 0 and NaN as NULL; compare numbers the way the store can keep them. */
const stored = (x: number): number => (x === 0 ? 0 : x);

/** Daily FF5 + momentum tables over the run's dates, so the run has a factor regression to store. */
function factorTables(dates: Int32Array) {
  const col = (j: number): Float64Array => Float64Array.from(dates, (_, i) => Math.sin(i * (0.9 + j * 0.31) + j) / 100);
  const ff5 = { name: 'ff5', frequency: 'daily' as const, dates, columns: { 'Mkt-RF': col(0), SMB: col(1), HML: col(2), RMW: col(3), CMA: col(4), RF: new Float64Array(dates.length).fill(0.0001) } };
  return [ff5, { name: 'mom', frequency: 'daily' as const, dates, columns: { Mom: col(5) } }];
}

/** Strategy parameters JSON cannot spell, to show the manifest survives them. */
const PARAMS = { cap: Infinity, floor: -Infinity, nested: { list: [1, NaN], name: 'x' } };

function writeLongShort(store: Store, strategy = 'long-short', label?: string): { id: number; result: Result; metrics: RunMetrics } {
  const plain = longShortRun(strategy);
  const result = { ...plain, manifest: { ...plain.manifest, strategy: { ...plain.manifest.strategy, params: PARAMS } } };
  const benchmark = { name: 'BENCH', levels: Float64Array.from({ length: 30 }, (_, i) => 100 + 10 * Math.sin(i / 3)) };
  const metrics = runMetrics(result, { riskFree: 0.03, benchmark });
  const attribution = attributeRun(result, { factors: factorTables(result.dates), models: [FF5_MOM_DAILY] });
  return { id: writeRun(store, { result, metrics, attribution, label }), result, metrics };
}

describe('write → getRun round trip', () => {
  const store = freshStore();
  const { id, result, metrics } = writeLongShort(store, 'long-short', 'first');
  const run = getRun(store, id);
  if (run === undefined) throw new Error('run not stored');

  it('keeps the manifest exactly, non-finite parameters included', () => {
    expect(run.manifest).toEqual(result.manifest);
    expect(run.run.params).toEqual(PARAMS);
    expect(run.run.strategy).toBe('long-short');
    expect(run.run.label).toBe('first');
    expect(run.run.sessions).toBe(30);
    expect(run.run.synthetic).toBe(true);
    expect(run.run.fillsHash).toBe(fillsHash(result.fills, result));
    expect(run.run.ordersHash).toBe(ordersHash(result.orders, result));
    expect(run.run.configHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stores the metric convention and its inputs with the run', () => {
    expect(run.run.metricConvention).toBe('breadth-metrics/1');
    expect(run.run.periodsPerYear).toBe(252);
    expect(run.run.riskFreeSource).toBe(metrics.riskFree.source);
    expect(run.run.riskFreeKind).toBe('constant');
    expect(run.run.benchmark).toBe('BENCH');
  });

  it('gives back every daily column, the NAV returns and the aligned inputs', () => {
    expect(run.daily.dates).toEqual(Array.from(result.dates, isoDay));
    for (const c of DAILY_COLUMNS) expect(Array.from(run.daily.columns[c])).toEqual(Array.from(result.daily[c], stored));
    const nav = result.daily.nav;
    expect(Number.isNaN(run.daily.navReturn[0])).toBe(true);
    for (let k = 1; k < nav.length; k++) expect(run.daily.navReturn[k]).toBe(nav[k] / nav[k - 1] - 1);
    expect(Array.from(run.daily.riskFreeReturn.subarray(1))).toEqual(Array.from(metrics.riskFreeReturns));
    expect(Array.from(run.daily.benchmarkReturn.subarray(1))).toEqual(Array.from(metrics.benchmarkReturns ?? []));
    expect(run.daily.grossExposure[5]).toBeCloseTo((result.daily.longValue[5] - result.daily.shortValue[5]) / nav[5], 14);
  });

  it('gives back the fills, positions, deferrals and warnings', () => {
    const f = result.fills;
    expect(run.fills).toHaveLength(f.session.length);
    run.fills.forEach((x, k) => {
      expect(x).toEqual({
        session: f.session[k] - result.sessions[0],
        date: isoDay(result.dates[f.session[k] - result.sessions[0]]),
        symbol: result.symbols[f.symbol[k]],
        quantity: f.quantity[k],
        price: f.price[k],
        referencePrice: f.referencePrice[k],
        commission: stored(f.commission[k]),
        slippage: stored(f.slippage[k]),
        orderId: f.orderId[k],
        reason: 'order',
      });
    });
    expect(run.positions).toHaveLength(result.snapshots.session.length);
    const p = run.positions[3];
    expect(p.value).toBeCloseTo(result.snapshots.shares[3] * result.snapshots.price[3], 9);
    expect(p.weight).toBeCloseTo((p.value ?? NaN) / result.daily.nav[p.session], 14);
    expect(run.caveats).toEqual(rankCaveats([...result.caveats, ...metrics.caveats]));
    expect(run.deferrals).toHaveLength(result.deferrals.session.length);
  });

  it('gives back the same metric values, in order, with their n and notes', () => {
    expect(run.metrics).toEqual(metrics.metrics.map((m) => ({ ...m, value: m.value === null ? null : stored(m.value) })));
    expect(run.drawdowns).toEqual(metrics.drawdowns);
  });

  it('gives back the attribution: regression, decomposition, contributions', () => {
    const regression = attributeRun(result, { factors: factorTables(result.dates), models: [FF5_MOM_DAILY] }).regressions;
    expect(run.regressions).toEqual(regression);
    const decomposition = returnDecomposition(result);
    expect(run.decomposition.lines).toEqual(decomposition.lines.map((l) => ({ ...l, amount: stored(l.amount), share: stored(l.share) })));
    expect(run.decomposition.navChange).toBeCloseTo(decomposition.navChange, 9);
    expect(Math.abs(run.decomposition.residual)).toBeLessThan(1e-6);
    expect(run.contributions).toEqual(symbolContributions(result));
  });

  it('keeps the sectors of the symbols the run traded, and none without labels', () => {
    const result = longShortRun('with sectors');
    const metrics = runMetrics(result);
    const id = writeRun(store, { result, metrics, sectors: { sector: ['Tech', 'Energy', 'Tech'], industry: ['Software', 'Oil', ''] } });
    expect(getRun(store, id)?.symbols).toEqual([
      { symbol: 'AAA', sector: 'Tech', industry: 'Software' },
      { symbol: 'BBB', sector: 'Energy', industry: 'Oil' },
      { symbol: 'CCC', sector: 'Tech', industry: '' },
    ]);
    expect(getRun(store, writeRun(store, { result, metrics }))?.symbols).toEqual([]);
  });

  it('an unknown id is undefined', () => {
    expect(getRun(store, 999)).toBeUndefined();
  });
});

describe('deferrals and leverage breaches', () => {
  it('are stored with their dates, reasons and limits', () => {
    const closes = Array.from({ length: 8 }, (_, t) => [10 + t, 20 - t / 2]);
    const market = fixtureMarket({ symbols: ['A', 'B'], closes, volumes: closes.map(() => [1000, 1000]) });
    const strategy = scripted({ 0: { weights: { A: 0.5 } }, 3: { weights: { A: 1, B: -0.6 } } });
    const result = backtest(market, strategy, { participationCap: 0.1, account: { kind: 'margin', maxGross: 1.2 } });
    expect(result.deferrals.session.length).toBeGreaterThan(0);
    expect(result.breaches).toHaveLength(1);
    const store = freshStore();
    const metrics = runMetrics(result);
    const run = getRun(store, writeRun(store, { result, metrics }));
    expect(run?.breaches).toEqual(result.breaches);
    expect(run?.deferrals).toEqual(
      Array.from(result.deferrals.session, (s, k) => ({
        session: s,
        date: isoDay(result.dates[s]),
        symbol: result.symbols[result.deferrals.symbol[k]],
        reason: 'volume-cap',
        remaining: result.deferrals.remaining[k],
      })),
    );
    expect(run?.caveats.map((c) => c.message)).toEqual(rankCaveats([...result.caveats, ...metrics.caveats]).map((c) => c.message));
  });
});

describe('catalogue, views and deletion', () => {
  const store = freshStore();
  const a1 = writeLongShort(store, 'alpha', 'a-1').id;
  const b1 = writeLongShort(store, 'beta').id;
  const a2 = writeLongShort(store, 'alpha', 'a-2').id;

  it('listRuns and findRuns', () => {
    expect(listRuns(store).map((r) => r.id)).toEqual([a1, b1, a2]);
    expect(findRuns(store, { strategy: 'alpha' }).map((r) => r.label)).toEqual(['a-1', 'a-2']);
    expect(findRuns(store, { strategy: 'alpha', label: 'a-2' }).map((r) => r.id)).toEqual([a2]);
    expect(findRuns(store, { strategy: 'gamma' })).toEqual([]);
  });

  it('latest_run_per_strategy, metrics_wide and run_summary answer the common questions', () => {
    const latest = store.db.prepare('SELECT strategy, id FROM latest_run_per_strategy ORDER BY strategy').all();
    expect(latest).toEqual([
      { strategy: 'alpha', id: a2 },
      { strategy: 'beta', id: b1 },
    ]);
    const wide = store.db.prepare('SELECT * FROM metrics_wide WHERE run_id = ?').get(a1) as Record<string, number | null>;
    const sharpe = getRun(store, a1)?.metrics.find((m) => m.name === 'sharpe')?.value;
    expect(wide.sharpe).toBe(sharpe);
    expect(wide.beta).not.toBeNull();
    const summary = store.db.prepare('SELECT fill_count, warning_count, total_return FROM run_summary WHERE id = ?').get(a1) as Record<string, number>;
    expect(summary.fill_count).toBe(getRun(store, a1)?.fills.length);
    expect(summary.warning_count).toBe(getRun(store, a1)?.caveats.length);
  });

  it('deleteRun removes the run and every row that belonged to it', () => {
    expect(deleteRun(store, b1)).toBe(true);
    expect(deleteRun(store, b1)).toBe(false);
    const tables = store.db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%run_id%'").pluck().all();
    expect(tables.length).toBeGreaterThanOrEqual(12);
    for (const table of tables) {
      expect(store.db.prepare(`SELECT COUNT(*) FROM ${table} WHERE run_id = ?`).pluck().get(b1), table).toBe(0);
      expect(store.db.prepare(`SELECT COUNT(*) FROM ${table} WHERE run_id = ?`).pluck().get(a1), table).toBeGreaterThanOrEqual(['breaches', 'deferrals', 'splits', 'stale_marks', 'symbols', 'trials', 'walk_forward_windows'].includes(table) ? 0 : 1);
    }
    expect(listRuns(store).map((r) => r.id)).toEqual([a1, a2]);
  });
});

describe('reproducibility', () => {
  it('the same inputs give identical metric values and an identical fills hash', () => {
    const store = freshStore();
    const first = getRun(store, writeLongShort(store).id);
    const second = getRun(store, writeLongShort(store).id);
    expect(second?.run.fillsHash).toBe(first?.run.fillsHash);
    expect(second?.run.ordersHash).toBe(first?.run.ordersHash);
    expect(second?.run.configHash).toBe(first?.run.configHash);
    expect(second?.metrics).toEqual(first?.metrics);
  });

  it('the fills hash changes with any fill field, and not with −0 against 0', () => {
    const result = longShortRun();
    const base = fillsHash(result.fills, result);
    const changed = (field: 'quantity' | 'price' | 'commission' | 'slippage'): string => {
      const copy = { ...result.fills, [field]: result.fills[field].slice() };
      copy[field][2] *= 1.000001;
      return fillsHash(copy, result);
    };
    for (const field of ['quantity', 'price', 'commission', 'slippage'] as const) expect(changed(field)).not.toBe(base);
    const renamed = { ...result, symbols: ['AAA', 'BBB', 'ZZZ'] };
    expect(fillsHash(result.fills, renamed)).not.toBe(base);
    const zero = { ...result.fills, commission: result.fills.commission.map(() => 0) };
    const negativeZero = { ...result.fills, commission: result.fills.commission.map(() => -0) };
    expect(fillsHash(zero, result)).toBe(fillsHash(negativeZero, result));
  });

  it('the orders hash changes with any order field, and not with the fills alone', () => {
    const result = longShortRun();
    const base = ordersHash(result.orders, result);
    const fields = ['session', 'symbol', 'quantity', 'type', 'limit', 'stop', 'tif', 'origin', 'filled', 'status', 'end', 'endSession'] as const;
    for (const field of fields) {
      const column = result.orders[field].slice();
      column[1] = field === 'limit' || field === 'stop' ? 12.5 : field === 'quantity' || field === 'filled' ? column[1] * 1.000001 : (column[1] + 1) % 2;
      expect(ordersHash({ ...result.orders, [field]: column }, result), field).not.toBe(base);
    }
    const slipped: Result = { ...result, fills: { ...result.fills, price: result.fills.price.map((p) => p * 1.01) } };
    expect(ordersHash(slipped.orders, slipped)).toBe(base);
    expect(fillsHash(slipped.fills, slipped)).not.toBe(fillsHash(result.fills, result));
  });

  it('metrics from another result are refused before anything is written, as a UserError', () => {
    const store = freshStore();
    const result = longShortRun();
    const other = runMetrics(handResult({ symbols: ['A'], daily: { nav: Array.from({ length: 10 }, (_, k) => 100 + k) } }));
    expect(() => writeRun(store, { result, metrics: other })).toThrow(UserError);
    expect(() => writeRun(store, { result, metrics: other })).toThrow(
      'writeRun: these metrics were measured on another result (they cover 9 returns; this result has 29, with another NAV or other dates): pass metrics: runMetrics(result) of the result you store',
    );
    expect(listRuns(store)).toEqual([]);
  });

  it("metrics of another result of the same length are refused too; the result's own are stored (probe r54a)", () => {
    // The repro: a large-cap run stored with the small-cap run's metrics, both over the same sessions.
    // Two hand results over the same 3 sessions: NAV 100 → 110 → 121 (total return 121/100 − 1 = 0.21)
    // and 100 → 90 → 81 (81/100 − 1 = −0.19).
    const store = freshStore();
    const up = handResult({ symbols: ['A'], daily: { nav: [100, 110, 121] } });
    const down = handResult({ symbols: ['A'], daily: { nav: [100, 90, 81] } });
    expect(() => writeRun(store, { result: down, metrics: runMetrics(up) })).toThrow(UserError);
    expect(() => writeRun(store, { result: down, metrics: runMetrics(up) })).toThrow(/they cover 2 returns; this result has 2, with another NAV/);
    expect(listRuns(store)).toEqual([]);
    // A result that differs from the measured one in its last NAV alone, by one unit in the last place, is another result.
    const nudged = handResult({ symbols: ['A'], daily: { nav: [100, 90, 81 * (1 + Number.EPSILON)] } });
    expect(() => writeRun(store, { result: nudged, metrics: runMetrics(down) })).toThrow(UserError);
    // The result's own metrics, even on a copy of it (a sweep's worker sends both by structured clone), are stored: total return −0.19.
    const id = writeRun(store, { result: structuredClone(down), metrics: runMetrics(down) });
    expect(getRun(store, id)?.metrics.find((m) => m.name === 'total_return')?.value).toBeCloseTo(-0.19, 12);
  });
});

describe('foreign keys around a write', () => {
  it('a written run leaves no dangling reference, and the checks on for every other statement', () => {
    const store = freshStore();
    writeLongShort(store);
    writeLongShort(store);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => store.db.prepare("INSERT INTO fills (run_id, seq, session, date, symbol, quantity, price, reference_price, commission, slippage, order_id, reason) VALUES (1, 999, 0, '2024-01-02', 'AAA', 1, 1, 1, 0, 0, 424242, 'order')").run()).toThrow(/FOREIGN KEY/);
  });

  it('a fill naming an order the result lacks is refused before anything is written, the checks back on', () => {
    const store = freshStore();
    const result = longShortRun();
    const orderId = result.fills.orderId.slice();
    const k = orderId.findIndex((id) => id !== 0);
    orderId[k] = 424242;
    const broken: Result = { ...result, fills: { ...result.fills, orderId } };
    expect(() => writeRun(store, { result: broken, metrics: runMetrics(broken) })).toThrow(`fill ${k + 1} names order 424242, which the result does not hold`);
    expect(listRuns(store)).toEqual([]);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('a write that fails inside its transaction stores nothing and turns the checks back on', () => {
    const store = freshStore();
    const result = longShortRun();
    const price = result.fills.price.slice();
    price[1] = NaN;
    const broken: Result = { ...result, fills: { ...result.fills, price } };
    expect(() => writeRun(store, { result: broken, metrics: runMetrics(broken) })).toThrow(/fills\.price is required but row \d+ has NaN/);
    expect(listRuns(store)).toEqual([]);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
