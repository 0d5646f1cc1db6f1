// breadth export <db> <run> --what daily|monthly|yearly|drawdowns|positions|fills|metrics
// --format csv|json [--out file]: a stored run's numbers as a file, the store's own values
// unrounded (a CSV written with csv-stringify, RFC 4180 quoting; JSON an array of records).
// Columns are documented in `--help` (reports/export.ts EXPORT_COLUMNS).

import { stringify } from 'csv-stringify/sync';
import type { CommandModule } from 'yargs';
import { UserError } from '../../data/errors.ts';
import { type Cell, EXPORT_COLUMNS, EXPORT_TABLES, type ExportedTable, type ExportTable, exportTable } from '../../reports/export.ts';
import { writeReport } from '../../reports/html/index.ts';
import { getRun } from '../../reports/store/index.ts';
import { resolveRun, withStore } from '../storeRefs.ts';

type Format = 'csv' | 'json';

export function toCsv(table: ExportedTable): string {
  // Numbers are written by String(): the shortest text that reads back as the same double.
  return stringify([table.columns.map((c) => c.name), ...table.rows.map((row) => row.map((v) => (v === null ? '' : v)))], { cast: { number: (v) => String(v) } });
}

export function toJson(table: ExportedTable): string {
  const records = table.rows.map((row) => Object.fromEntries(table.columns.map((c, k) => [c.name, row[k] as Cell])));
  return `${JSON.stringify(records, null, 1)}\n`;
}

function columnHelp(): string {
  return EXPORT_TABLES.map((t) => `${t}: ${EXPORT_COLUMNS[t].map((c) => `${c.name} (${c.unit})`).join(', ')}`).join('\n');
}

export const exportCommand: CommandModule<object, { db: string; run: string; what: ExportTable; format: Format; out?: string }> = {
  command: 'export <db> <run>',
  describe: 'Write a stored run\'s numbers as CSV or JSON: daily series, monthly/yearly returns, drawdowns, positions, fills, metrics',
  builder: (y) =>
    y
      .positional('db', { type: 'string', demandOption: true, describe: 'results database' })
      .positional('run', { type: 'string', demandOption: true, describe: 'run id, label or strategy (its latest run)' })
      .option('what', { choices: EXPORT_TABLES, default: 'daily' as ExportTable, describe: 'which table' })
      .option('format', { choices: ['csv', 'json'] as const, default: 'csv' as Format, describe: 'CSV (header row) or JSON (array of records)' })
      .option('out', { type: 'string', describe: 'output file (default: standard output); written whole or not at all' })
      .example('$0 export out/breadth.db quality-long-short --what daily --out qls-daily.csv', 'the daily NAV, exposures and every ledger line')
      .example('$0 export out/breadth.db 3 --what metrics --format json', 'every metric with its n')
      .epilogue(`Columns (fractions are decimals, 0.012 = 1.2%; empty/null = not available):\n${columnHelp()}`),
  handler: ({ db, run, what, format, out }) =>
    withStore(db, (store) => {
      const id = resolveRun(store, run);
      const stored = getRun(store, id);
      if (stored === undefined) throw new UserError(`${db} has no run ${run}`);
      const text = (format === 'csv' ? toCsv : toJson)(exportTable(stored, what));
      if (out === undefined) process.stdout.write(text);
      else {
        writeReport(out, text);
        process.stderr.write(`${what} of run ${id} (${stored.run.label ?? stored.run.strategy}): ${out}\n`);
      }
    }),
};
