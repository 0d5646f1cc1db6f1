// breadth export <db> <run> --what daily|monthly|yearly|drawdowns|positions|fills|metrics|caveats
// --format csv|json [--out file|-]: a stored run's numbers as a file, the store's own values
// unrounded (a CSV written with csv-stringify, RFC 4180 quoting; JSON an array of records).
// Columns are documented in `--help` (reports/export.ts EXPORT_COLUMNS). The metrics and caveats
// tables carry the run's caveats; the others say its high ones on stderr.

import type { CommandModule } from 'yargs';
import { UserError } from '../../data/errors.ts';
import { EXPORT_COLUMNS, EXPORT_TABLES, type ExportTable } from '../../reports/exportColumns.ts';
import { withStore } from './reports.ts';
import { writeStandardOutput } from '../../reports/html/page/standardStreams.ts';

type Format = 'csv' | 'json';

function columnHelp(): string {
  return EXPORT_TABLES.map((t) => `${t}: ${EXPORT_COLUMNS[t].map((c) => `${c.name} (${c.unit})`).join(', ')}`).join('\n');
}

/** What the daily benchmark columns pair with (reports/SCHEMA.md `daily`). */
const PAIRING_NOTE =
  'daily benchmark_return is the benchmark\'s return over the same session as nav_return: empty where it has no benchmark_level on the session or the one before (after a benchmark holiday). The relative metrics pair the NAV and benchmark_level over the benchmark\'s own intervals, a holiday joining two sessions into one: pair on benchmark_level to rebuild them.';

export const exportCommand: CommandModule<object, { db: string; run: string; what: ExportTable; format: Format; out?: string }> = {
  command: 'export <db> <run>',
  describe: 'Write a stored run\'s numbers as CSV or JSON: daily series, monthly/yearly returns, drawdowns, positions, fills, metrics, caveats',
  builder: (y) =>
    y
      .positional('db', { type: 'string', demandOption: true, describe: 'results database' })
      .positional('run', { type: 'string', demandOption: true, describe: 'run id, label or strategy (its latest run)' })
      .option('what', { choices: EXPORT_TABLES, default: 'daily' as ExportTable, describe: 'which table' })
      .option('format', { choices: ['csv', 'json'] as const, default: 'csv' as Format, describe: 'CSV (header row) or JSON (array of records)' })
      .option('out', { type: 'string', nargs: 1, describe: 'output file, written whole or not at all (a pipe or device such as /dev/stdout is written through); - or none: standard output' })
      .example('$0 export out/breadth.db quality-long-short --what daily --out qls-daily.csv', 'the daily NAV, exposures and every ledger line')
      .example('$0 export out/breadth.db 3 --what metrics --format json', 'every metric with its n, then the run\'s caveats')
      .example('$0 export out/breadth.db 3 --what caveats', 'every caveat of the run: severity, code, size, unit, symbols, message')
      .epilogue(`Columns (fractions are decimals, 0.012 = 1.2%; empty/null = not available):\n${columnHelp()}\n${PAIRING_NOTE}`),
  handler: async ({ db, run, what, format, out: given }) => {
    const [{ prepareOutputFile }, { isStandardOutput }] = await Promise.all([import('../output.ts'), import('../../reports/html/page/outputTarget.ts')]);
    if (given !== undefined && given !== '-') prepareOutputFile(given, '--out', `${what}.${format}`, db);
    // /dev/stdout, /dev/fd/1: standard output, as `-` is (a reader leaving early ends the command quietly alike).
    const out = given === '-' || (given !== undefined && isStandardOutput(given)) ? undefined : given;
    await withStore(db, async (store) => {
      const [{ getRun }, { resolveRun }, { exportTable, toCsv, toJson }, { writeReport }] = await Promise.all([
        import('../../reports/store/index.ts'),
        import('../storeRefs.ts'),
        import('../../reports/export.ts'),
        import('../../reports/html/index.ts'),
      ]);
      const id = resolveRun(store, run);
      const stored = getRun(store, id);
      if (stored === undefined) throw new UserError(`${db} has no run ${run}`);
      const text = (format === 'csv' ? toCsv : toJson)(exportTable(stored, what));
      const name = `run ${id} (${stored.run.label ?? stored.run.strategy})`;
      if (out === undefined) writeStandardOutput(text);
      else {
        writeReport(out, text);
        process.stderr.write(`${what} of ${name}: ${out}\n`);
      }
      // A table that does not carry the caveats: the high ones, where its user sees them (probe r57b F5).
      const high = stored.caveats.filter((c) => c.severity === 'high');
      if (high.length > 0 && what !== 'metrics' && what !== 'caveats') {
        const codes = [...new Set(high.map((c) => c.code))].join(', ');
        process.stderr.write(`breadth: note: ${name} has ${high.length === 1 ? 'a high caveat' : `${high.length} high caveats`} (${codes}): --what caveats lists every caveat\n`);
      }
    });
  },
};
