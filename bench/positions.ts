// `npx tsx bench/positions.ts [data]`: the results store of a book of 2,000 names that decides every
// session but trades once a month (equal weight of the 2,000 largest stocks, rebalanced at month
// starts, otherwise kept) — the case that used to write a position row per name per session.
// Prints the snapshot rows the run produced, the rows stored, the database size and that of the
// decisions table (the marks of every decision that repeated the book).

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AssetClass } from '../data/market.ts';
import { loadMarket } from '../data/load.ts';
import { backtest } from '../engine/backtest.ts';
import { everySession } from '../engine/calendar/schedule.ts';
import type { Strategy } from '../engine/strategy.ts';
import { runMetrics } from '../reports/runMetrics.ts';
import { getRun, openStore, writeRun } from '../reports/store/index.ts';
import { capRankBand } from '../strategies/blocks/universe.ts';

const data = process.argv[2] ?? join(import.meta.dirname, '..', '..', 'shared', 'data');
const HELD = 2000;

const dailyDecider: Strategy = {
  name: 'equal-weight-2000 (bench)',
  params: { held: HELD },
  schedule: everySession,
  decide(view) {
    const day = view.date.slice(0, 7);
    if (day === lastMonth) return undefined; // decided, nothing to change
    lastMonth = day;
    const names = capRankBand(view.universe(AssetClass.stock), view.marketCap(), 0, HELD);
    const weights = new Float64Array(view.symbolCount);
    for (const i of names) weights[i] = 0.99 / names.length;
    return { weights };
  },
};
let lastMonth = '';

const t0 = performance.now();
const market = await loadMarket(data);
const loaded = (performance.now() - t0) / 1000;
const result = backtest(market, dailyDecider, { from: '2017-01-03', minTradeNotional: 100 });
const dir = mkdtempSync(join(tmpdir(), 'breadth-bench-positions-'));
const db = join(dir, 'positions.db');
const store = openStore(db);
const t1 = performance.now();
const id = writeRun(store, { result, metrics: runMetrics(result) });
const written = (performance.now() - t1) / 1000;
const count = (table: string): number => store.db.prepare(`SELECT COUNT(*) FROM ${table} WHERE run_id = ?`).pluck().get(id) as number;
const t2 = performance.now();
const read = getRun(store, id);
const readSeconds = (performance.now() - t2) / 1000;
const stored = { positions: count('positions'), decisions: count('decisions'), fills: count('fills'), daily: count('daily') };
store.db.pragma('wal_checkpoint(TRUNCATE)');
// Bytes per stored position row (dbstat), to size what one row per name per decision would have cost.
const positionBytes = store.db.prepare("SELECT SUM(pgsize) FROM dbstat WHERE name = 'positions'").pluck().get() as number;
// The decisions table holds a repeated book's marks (8 bytes a row of it).
const decisionBytes = store.db.prepare("SELECT SUM(pgsize) FROM dbstat WHERE name = 'decisions'").pluck().get() as number;
store.close();
console.log(
  JSON.stringify({
    symbols: market.symbols.length,
    sessions: result.dates.length,
    loadSeconds: Number(loaded.toFixed(1)),
    snapshotRows: result.snapshots.session.length,
    storedRows: stored,
    getRunPositions: read?.positions.length,
    writeSeconds: Number(written.toFixed(2)),
    getRunSeconds: Number(readSeconds.toFixed(2)),
    dbMb: Number((statSync(db).size / 1e6).toFixed(1)),
    positionsTableMb: Number((positionBytes / 1e6).toFixed(1)),
    decisionsTableMb: Number((decisionBytes / 1e6).toFixed(1)),
    everyRowPositionsMbEstimate: Number(((positionBytes / stored.positions) * result.snapshots.session.length / 1e6).toFixed(0)),
  }),
);
rmSync(dir, { recursive: true, force: true });
