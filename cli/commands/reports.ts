// breadth report <db> [run] · breadth compare <db> <run...> · breadth runs list|show|delete

import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CommandModule } from 'yargs';
import { UserError } from '../../data/errors.ts';
import { deleteRun, getRun, listRuns, openStore, type Store } from '../../reports/store/index.ts';
import { writeComparison, writeTearSheet } from '../../study/index.ts';
import { ensureFolder, fixed, percent, printJson, printTable } from '../output.ts';
import { resolveRun } from '../storeRefs.ts';
import { orderLines, ordersWithFills, orderTally } from './orderListing.ts';

/** Open an existing results database (never create one by accident while browsing). */
function withStore<T>(db: string, use: (store: Store) => T): T {
  if (!existsSync(db)) throw new UserError(`${db}: no such results database — run \`breadth run --db ${db}\` or \`breadth study\` first`);
  const store = openStore(db);
  try {
    return use(store);
  } finally {
    store.close();
  }
}

export const reportCommand: CommandModule<object, { db: string; run?: string; out?: string }> = {
  command: 'report <db> [run]',
  describe: 'Render a stored run\'s tear sheet (self-contained HTML) from the results database alone',
  builder: (y) =>
    y
      .positional('db', { type: 'string', demandOption: true, describe: 'results database' })
      .positional('run', { type: 'string', describe: 'run id, label or strategy (default: the latest run)' })
      .option('out', { type: 'string', describe: 'output .html (default out/report-<id>.html)' })
      .example('$0 report out/breadth.db quality-long-short', 'the latest run labelled quality-long-short'),
  handler: ({ db, run, out }) =>
    withStore(db, (store) => {
      const id = resolveRun(store, run);
      const path = out ?? `out/report-${id}.html`;
      ensureFolder(dirname(path));
      process.stdout.write(`tear sheet of run ${id}: ${writeTearSheet(store, id, path)}\n`);
    }),
};

export const compareCommand: CommandModule<object, { db: string; runs: string[]; out?: string; title?: string }> = {
  command: 'compare <db> <runs..>',
  describe: 'Compare stored runs on one page: equity, drawdowns, metrics with deltas, correlations, exposures',
  builder: (y) =>
    y
      .positional('db', { type: 'string', demandOption: true })
      .positional('runs', { type: 'string', array: true, demandOption: true, describe: 'two or more run ids, labels or strategies (the first is the reference)' })
      .option('out', { type: 'string', describe: 'output .html (default out/compare-<ids>.html)' })
      .option('title', { type: 'string', describe: 'page title' })
      .example('$0 compare out/breadth.db iwm-hold smlf-hold iwm-smlf-switch', 'IWM vs SMLF'),
  handler: ({ db, runs, out, title }) =>
    withStore(db, (store) => {
      if (runs.length < 2) throw new UserError('compare needs at least two runs');
      const ids = runs.map((r) => resolveRun(store, r));
      if (new Set(ids).size !== ids.length) throw new UserError(`compare needs distinct runs: ${runs.join(', ')} name runs ${ids.join(', ')}`);
      const path = out ?? `out/compare-${ids.join('-')}.html`;
      ensureFolder(dirname(path));
      process.stdout.write(`comparison of runs ${ids.join(', ')}: ${writeComparison(store, title ?? `Comparison of ${runs.join(', ')}`, ids, path)}\n`);
    }),
};

const list: CommandModule<object, { db: string; json: boolean }> = {
  command: 'list <db>',
  describe: 'List stored runs',
  builder: (y) => y.positional('db', { type: 'string', demandOption: true }).option('json', { type: 'boolean', default: false }),
  handler: ({ db, json }) =>
    withStore(db, (store) => {
      const runs = listRuns(store);
      if (json) return printJson(runs);
      printTable(
        ['id', 'label', 'strategy', 'data', 'period', 'final NAV', 'created'],
        runs.map((r) => [r.id, r.label ?? '', r.strategy, `${r.dataName}${r.synthetic ? ' [SYNTHETIC]' : ''}`, `${r.periodFrom} → ${r.periodTo}`, r.finalNav === null ? '—' : Math.round(r.finalNav).toLocaleString('en-US'), r.createdAt]),
      );
    }),
};

const show: CommandModule<object, { db: string; run?: string; json: boolean; orders: boolean; symbol?: string }> = {
  command: 'show <db> [run]',
  describe: 'Show a stored run: manifest, metrics, caveats, and (--orders) every order with its fills',
  builder: (y) =>
    y
      .positional('db', { type: 'string', demandOption: true })
      .positional('run', { type: 'string' })
      .option('json', { type: 'boolean', default: false })
      .option('orders', { type: 'boolean', default: false, describe: 'list every order with its fills' })
      .option('symbol', { type: 'string', describe: 'with --orders: only this symbol’s orders' })
      .example('$0 runs show out/breadth.db tiered --orders --symbol IWM', 'the IWM orders of the run labelled tiered, each with its fills'),
  handler: ({ db, run, json, orders, symbol }) =>
    withStore(db, (store) => {
      const stored = getRun(store, resolveRun(store, run));
      if (!stored) throw new UserError(`no such run ${run}`);
      if (symbol !== undefined && !orders) throw new UserError('--symbol selects the orders listed: add --orders');
      const listed = orders ? ordersWithFills(stored, symbol) : [];
      if (json) return printJson({ run: stored.run, manifest: stored.manifest, metrics: stored.metrics, caveats: stored.caveats, ...(orders ? { orders: listed } : {}) });
      const r = stored.run;
      process.stdout.write(`run ${r.id} ${r.label ?? ''}: ${r.strategy} ${JSON.stringify(r.params)}\n  data ${r.dataName}${r.synthetic ? ' [SYNTHETIC]' : ''}, ${r.periodFrom} → ${r.periodTo} (${r.sessions} sessions), execution ${r.execution}${r.lookAheadProne ? ' (LOOK-AHEAD-PRONE)' : ''}\n  fills hash ${r.fillsHash}\n  orders hash ${r.ordersHash ?? '— (stored before orders were recorded)'}\n`);
      for (const m of stored.manifest.userModels ?? []) {
        process.stdout.write(`  ${m.concern} model ${m.name}: ${m.path === null ? 'an instance given to backtest()' : `${m.path} (sha256 ${m.sourceHash})`}\n`);
      }
      printTable(
        ['metric', 'value', 'n', 'note'],
        stored.metrics.map((m) => [m.name, m.value === null ? '—' : /return|cagr|drawdown|volatility|risk|var|capture|rate|exposure|drag/.test(m.name) && !/ratio/.test(m.name) ? percent(m.value, 2) : fixed(m.value, 4), m.n, m.note ?? '']),
      );
      for (const c of stored.caveats) process.stdout.write(`caveat (${c.severity}): ${c.message}\n`);
      process.stdout.write(`${orderTally(stored.orders)}${orders ? '' : ' — list each with its fills: --orders'}\n`);
      if (orders && symbol !== undefined && listed.length === 0) process.stdout.write(`no orders of ${symbol} in run ${r.id}\n`);
      if (orders) process.stdout.write(orderLines(listed).map((line) => `${line}\n`).join(''));
    }),
};

const remove: CommandModule<object, { db: string; run: string }> = {
  command: 'delete <db> <run>',
  describe: 'Delete a stored run and everything recorded with it',
  builder: (y) => y.positional('db', { type: 'string', demandOption: true }).positional('run', { type: 'string', demandOption: true }),
  handler: ({ db, run }) =>
    withStore(db, (store) => {
      const id = resolveRun(store, run);
      deleteRun(store, id);
      process.stdout.write(`deleted run ${id}\n`);
    }),
};

export const runsCommand: CommandModule = {
  command: 'runs',
  describe: 'Browse the results database: list, show, delete',
  builder: (y) => y.command(list).command(show).command(remove).demandCommand(1, 'Name a runs command: list, show or delete.'),
  handler: () => {},
};
