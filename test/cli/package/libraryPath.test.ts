// The library path of the README and index.ts (loadMarket → backtest → runMetrics → writeRun)
// stores what `breadth run` stores for the same run: the same metric names, the capacity figures
// with their hand values, and one risk-free wording for an rf of 0 given or defaulted.
//
// The input: RS trades at 2 with volume 1,000,000 on 2024-01-02 and none on the 3rd and 4th, then
// a 1-for-10 reverse split on the 5th (Close 20, volume 100,000), 22 on the 9th. Buy-and-hold
// with 10,000 decides at the close of the 2nd; the order rests through the two sessions with no
// volume and fills at the open of the 5th: 500 shares at 20.

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMarket } from '../../../data/load.ts';
import { backtest } from '../../../engine/backtest.ts';
import { NOT_MEASURED } from '../../../reports/capacity.ts';
import { capacityTable } from '../../../reports/html/tearSheet/tables.ts';
import type { MetricFigure } from '../../../reports/html/model.ts';
import { runMetrics } from '../../../reports/runMetrics.ts';
import { openStore, writeRun } from '../../../reports/store/index.ts';
import { createStrategy } from '../../../strategies/index.ts';
import { breadth, expectOk, scratch, write } from '../helpers.ts';

const RS = `Date,Open,High,Low,Close,AdjClose,Volume
2024-01-02,2,2,2,2,20,1000000
2024-01-03,2,2,2,2,20,0
2024-01-04,2,2,2,2,20,0
2024-01-05,20,20,20,20,20,100000
2024-01-08,20,20,20,20,20,100000
2024-01-09,22,22,22,22,22,100000
`;

const dir = scratch('breadth-library-path-');
const data = join(dir, 'rs');
mkdirSync(data);
write(data, 'RS.csv', RS);

/** The library path, stored in `db`; `withMarket` false leaves the market out of runMetrics. */
async function libraryRun(db: string, options: { withMarket?: boolean; riskFree?: number } = {}) {
  const market = await loadMarket(data, { cacheDir: false });
  const result = backtest(market, await createStrategy('buy-and-hold', { weights: { RS: 1 } }), { initialCash: 10_000 });
  const metrics = runMetrics(result, { ...(options.withMarket === false ? {} : { market }), ...(options.riskFree === undefined ? {} : { riskFree: options.riskFree }) });
  const store = openStore(db);
  writeRun(store, { result, metrics, label: 'lib' });
  store.close();
  return metrics;
}

interface Row {
  name: string;
  value: number | null;
  n: number;
  note: string | null;
}

function stored(db: string): { names: string[]; riskFree: unknown; metric: (name: string) => Row } {
  const d = new Database(db, { readonly: true });
  const names = d.prepare('SELECT name FROM metrics ORDER BY name').pluck().all() as string[];
  const riskFree = d.prepare('SELECT risk_free_source AS source, risk_free_kind AS kind FROM runs').get();
  const rows = new Map((d.prepare('SELECT name, value, n, note FROM metrics').all() as Row[]).map((r) => [r.name, r]));
  d.close();
  return { names, riskFree, metric: (name) => rows.get(name)! };
}

describe('a library run stores what the CLI stores', async () => {
  const cliDb = join(dir, 'cli.db');
  expectOk(await breadth(['run', '--strategy', 'buy-and-hold', '--param', 'weights={"RS":1}', '--data', data, '--cash', '10000', '--db', cliDb, '--no-cache'], { cwd: dir }));
  const libDb = join(dir, 'lib.db');
  await libraryRun(libDb);
  const cli = stored(cliDb);
  const lib = stored(libDb);

  it('the same metric names, capacity included', () => {
    expect(lib.names).toEqual(cli.names);
    for (const name of ['participation_median', 'participation_p95', 'participation_max', 'capacity_nav']) expect(lib.names).toContain(name);
  });

  it('capacity by hand: 500 shares over an ADV of 33,333.33; capacity NAV 67,777.78', () => {
    // ADV before the fill: (1,000,000 + 0 + 0) / 3 pre-split shares × 0.1 = 33,333.33 post-split shares.
    // Participation 500 / 33,333.33 = 0.015 (the only fill: median = p95 = max).
    // NAV 10,000 on five sessions and 500 × 22 = 11,000 on the last: mean 61,000 / 6 = 10,166.67.
    // capacity_nav = 10,166.67 × 0.10 / 0.015 = 67,777.78.
    for (const run of [lib, cli]) {
      expect(run.metric('participation_median').value).toBeCloseTo(0.015, 12);
      expect(run.metric('participation_p95').value).toBeCloseTo(0.015, 12);
      expect(run.metric('participation_max').value).toBeCloseTo(0.015, 12);
      expect(run.metric('capacity_nav').value).toBeCloseTo(67_777.78, 2);
      expect(run.metric('capacity_nav').n).toBe(1);
    }
  });

  it('one risk-free wording for an rf of 0, defaulted (library) or given (CLI default --rf 0)', async () => {
    expect(lib.riskFree).toEqual({ source: 'none (rf = 0)', kind: 'zero' });
    expect(cli.riskFree).toEqual(lib.riskFree);
    const given = join(dir, 'lib-rf0.db');
    await libraryRun(given, { riskFree: 0 });
    expect(stored(given).riskFree).toEqual(lib.riskFree);
  });

  it('without the market, the four capacity names are stored as not measured, and the page says why', async () => {
    const db = join(dir, 'lib-nomarket.db');
    await libraryRun(db, { withMarket: false });
    const run = stored(db);
    expect(run.names).toEqual(cli.names);
    expect(run.metric('capacity_nav')).toEqual({ name: 'capacity_nav', value: null, n: 0, note: NOT_MEASURED });
    const figures = new Map<string, MetricFigure>([['participation_median', { ...run.metric('participation_median'), note: NOT_MEASURED }]]);
    expect(capacityTable(figures, 'USD')).toContain('computed without its market');
    // A run stored before capacity figures existed has no such rows at all.
    expect(capacityTable(new Map(), 'USD')).toContain('stored by an earlier breadth');
  });
});
