// The stored runs as people read them: `breadth runs list` (fits 120 columns; --wide shows every
// column at full width) and `breadth runs show`.

import type { RunRecord, StoredRun } from '../reports/store/index.ts';
import { orderLines, orderTally, type OrderWithFills } from './orderListing.ts';
import { metricText, printTable } from './output.ts';
import { creditNote } from '../reports/html/metricCatalog.ts';
import { writeStandardOutput } from '../reports/html/page/standardStreams.ts';

/** Cell widths (padding included) of the narrow listing: with the borders, 120 columns. */
const NARROW = { id: 6, label: 24, strategy: 20, data: 24, period: 25, nav: 14 };

export function printRunList(runs: readonly RunRecord[], wide: boolean): void {
  const period = (r: RunRecord): string => `${r.periodFrom} → ${r.periodTo}`;
  const nav = (r: RunRecord): string => (r.finalNav === null ? '—' : Math.round(r.finalNav).toLocaleString('en-US'));
  const data = (r: RunRecord): string => `${r.dataName}${r.synthetic ? ' [SYNTHETIC]' : ''}`;
  if (wide) {
    printTable(['id', 'label', 'strategy', 'data', 'period', 'final NAV', 'created'], runs.map((r) => [r.id, r.label ?? '', r.strategy, data(r), period(r), nav(r), r.createdAt]));
    return;
  }
  printTable(
    ['id', 'label', 'strategy', 'data', 'period', 'final NAV'],
    runs.map((r) => [r.id, r.label ?? '', r.strategy, data(r), period(r), nav(r)]),
    Object.values(NARROW),
  );
}

/** A stored run: identity, hashes, user models, metrics, caveats, the order tally — and `orders` (of `symbol`) each with its fills, when given. */
export function printStoredRun(stored: StoredRun, orders?: readonly OrderWithFills[], symbol?: string): void {
  const r = stored.run;
  writeStandardOutput(
    `run ${r.id} ${r.label ?? ''}: ${r.strategy} ${JSON.stringify(r.params)}\n  data ${r.dataName}${r.synthetic ? ' [SYNTHETIC]' : ''}, ${r.periodFrom} → ${r.periodTo} (${r.sessions} sessions), execution ${r.execution}${r.lookAheadProne ? ' (LOOK-AHEAD-PRONE)' : ''}\n  fills hash ${r.fillsHash}\n  orders hash ${r.ordersHash ?? '— (stored before orders were recorded)'}\n`,
  );
  for (const m of stored.manifest.userModels ?? []) {
    writeStandardOutput(`  ${m.concern} model ${m.name}: ${m.path === null ? 'an instance given to backtest()' : `${m.path} (sha256 ${m.sourceHash})`}\n`);
  }
  printTable(
    ['metric', 'value', 'n', 'note'],
    stored.metrics.map((m) => [m.name, metricText(m.name, m.value), m.n, m.note ?? creditNote(m.name) ?? '']),
  );
  for (const c of stored.caveats) writeStandardOutput(`caveat (${c.severity}): ${c.message}\n`);
  writeStandardOutput(`${orderTally(stored.orders)}${orders ? '' : ' — list each with its fills: --orders'}\n`);
  if (orders && symbol !== undefined && orders.length === 0) writeStandardOutput(`no orders of ${symbol} in run ${r.id}\n`);
  if (orders) writeStandardOutput(orderLines(orders).map((line) => `${line}\n`).join(''));
}
