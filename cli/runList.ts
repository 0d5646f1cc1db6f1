// The stored runs as people read them: `breadth runs list` (fits 120 columns; --wide shows every
// column at full width) and `breadth runs show`.

import type { RunRecord, StoredRun } from '../reports/store/index.ts';
import { fixed, percent, printTable } from './output.ts';

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

/** Metric names whose values read as percentages. */
const PERCENT = /return|cagr|drawdown|volatility|risk|var|capture|rate|exposure|drag/;

export function printStoredRun(stored: StoredRun): void {
  const r = stored.run;
  process.stdout.write(
    `run ${r.id} ${r.label ?? ''}: ${r.strategy} ${JSON.stringify(r.params)}\n  data ${r.dataName}${r.synthetic ? ' [SYNTHETIC]' : ''}, ${r.periodFrom} → ${r.periodTo} (${r.sessions} sessions), execution ${r.execution}${r.lookAheadProne ? ' (LOOK-AHEAD-PRONE)' : ''}\n  fills hash ${r.fillsHash}\n`,
  );
  printTable(
    ['metric', 'value', 'n', 'note'],
    stored.metrics.map((m) => [m.name, m.value === null ? '—' : PERCENT.test(m.name) && !/ratio/.test(m.name) ? percent(m.value, 2) : fixed(m.value, 4), m.n, m.note ?? '']),
  );
  for (const c of stored.caveats) process.stdout.write(`caveat (${c.severity}): ${c.message}\n`);
}
