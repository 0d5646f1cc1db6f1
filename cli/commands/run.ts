// breadth run: every run of a config file (exactly what `breadth study <config>` does), or one
// strategy from flags through the same pipeline. The work is loaded only when the command runs.

import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { UserError } from '../../data/errors.ts';
import { EXECUTION_CONVENTIONS } from '../../engine/config.ts';
import { loadOptions, withLoadOptions, type LoadArgs } from '../loadOptions.ts';
import type { RunFlags } from '../runFromFlags.ts';

export interface RunArgs extends RunFlags, LoadArgs {
  config?: string;
  data?: string;
  out?: string;
  db?: string;
  reports: boolean;
  json: boolean;
}

/** Where one run from flags is stored without --db. */
const DEFAULT_DB = join('out', 'breadth.db');

/** Flags that describe one run from the command line; a config file describes its runs itself. */
const FLAG_FORM_ONLY = ['strategy', 'param', 'symbols', 'from', 'to', 'cash', 'benchmark', 'execution', 'commission-bps', 'slippage-bps', 'borrow-bps', 'participation-cap', 'account', 'max-gross', 'max-net', 'periods-per-year', 'rf', 'report', 'label'] as const;

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run [config]',
  describe: 'Backtest a config file (the same as `breadth study <config>`), or one strategy from flags; store the results and write tear sheets',
  builder: (y) =>
    withLoadOptions(y)
      .positional('config', { type: 'string', describe: 'a study file (.yaml/.json) with one or several runs: stores them and writes the same tear sheets and comparisons as `breadth study <config>`, into <out>/reports — --out, else the folder of --db, else out (page names start with the database\'s file name, less .db, unless it is breadth.db)' })
      .option('strategy', { type: 'string', describe: 'built-in name (see `breadth strategies`) or a strategy file path (without a config file)' })
      .option('param', { type: 'string', array: true, describe: 'strategy parameter key=value (repeatable; values are JSON where they parse)' })
      .option('data', { type: 'string', defaultDescription: 'sample', describe: 'data path, or "sample" for the built-in SYNTHETIC universe (overrides a config file\'s `data`)' })
      .option('symbols', { type: 'string', describe: 'comma-separated symbols to load from the data' })
      .option('from', { type: 'string', describe: 'first session (YYYY-MM-DD)' })
      .option('to', { type: 'string', describe: 'last session (YYYY-MM-DD)' })
      .option('cash', { type: 'number', defaultDescription: '1000000', describe: 'initial cash (at most 1e12)' })
      .option('benchmark', { type: 'string', describe: 'benchmark symbol or @role (e.g. SPY, @smallCap), "cash" (the risk-free series), or "none"' })
      .option('execution', { choices: EXECUTION_CONVENTIONS, defaultDescription: 'next-open', describe: 'when orders fill (same-close is look-ahead-prone)' })
      .option('commission-bps', { type: 'number', defaultDescription: '0', describe: 'commission, bps of notional' })
      .option('slippage-bps', { type: 'number', defaultDescription: '0', describe: 'slippage, bps of price' })
      .option('borrow-bps', { type: 'number', defaultDescription: '0', describe: 'annual borrow fee on shorts, bps' })
      .option('participation-cap', { type: 'number', describe: 'fill at most this share of a session\'s volume (e.g. 0.1)' })
      .option('account', { choices: ['cash', 'margin'] as const, defaultDescription: 'cash', describe: 'cash: no shorts, never spends cash that is not there; margin: shorts and borrowing within --max-gross/--max-net' })
      .option('max-gross', { type: 'number', defaultDescription: '2', describe: 'margin account: Σ|positions| / NAV at most this' })
      .option('max-net', { type: 'number', defaultDescription: '1', describe: 'margin account: |Σ positions| / NAV at most this' })
      .option('periods-per-year', { type: 'number', describe: 'P for annualising and the strategy (252 daily, 52 weekly, 12 monthly); default: inferred from the dates. Interest accrues by the calendar\'s own spacing where it is regular' })
      .option('rf', { type: 'string', describe: 'risk-free and cash rate: an annual rate (0.03) or a rate series of the data (tbill3m)' })
      .option('out', { type: 'string', defaultDescription: 'the folder of --db, else out', describe: 'with a config file: folder for the database and reports, as `breadth study --out` (<out>/breadth.db unless --db, <out>/reports); one run from flags takes --db and --report instead' })
      .option('db', { type: 'string', defaultDescription: 'out/breadth.db; with a config file and --out, <out>/breadth.db', describe: 'results database' })
      .option('report', { type: 'string', describe: 'write the run\'s tear sheet to this .html file (without a config file)' })
      .option('reports', { type: 'boolean', default: true, describe: 'with a config file: write tear sheets and comparisons (--no-reports to skip)' })
      .option('label', { type: 'string', describe: 'name of the run in the store (default: the built-in strategy\'s name, or a strategy file\'s name without its folder and extension: ./mine.ts → mine)' })
      .option('json', { type: 'boolean', default: false, describe: 'machine-readable summary' })
      .example('$0 run examples/study.yaml', 'every run of a config file, with tear sheets and comparisons in out/reports')
      .example('$0 run --strategy iwm-vs-smlf --param mode=switch --report out/switch.html', 'IWM/SMLF switch on the sample')
      .example('$0 run --strategy size-tilt --param tilt=0.7 --data ../shared/data/etf/adjclose --from 2000-06-01 --commission-bps 1', 'on real ETF data'),
  handler: async (args) => {
    if (args.config) {
      const given = FLAG_FORM_ONLY.filter((flag) => args[flag] !== undefined);
      if (given.length) {
        throw new UserError(`${given.map((f) => `--${f}`).join(', ')} describe${given.length === 1 ? 's' : ''} one run from flags; ${args.config} describes its runs itself — edit it, or drop the config file`);
      }
      const { runStudyFile } = await import('../studyRun.ts');
      return runStudyFile(args.config, { data: args.data, out: args.out, db: args.db, reports: args.reports, json: args.json, load: loadOptions(args) });
    }
    if (!args.strategy) throw new UserError('name a strategy (--strategy <name|file>) or give a config file: breadth run <study.yaml>');
    // One run from flags writes one database and at most one page, each named by its own flag.
    if (args.out !== undefined) throw new UserError(`--out is a config file's folder for its database and pages; one run from flags is stored in --db <file> (default ${DEFAULT_DB}) and its tear sheet written to --report <file.html>`);
    const { runFromFlags } = await import('../runFromFlags.ts');
    return runFromFlags({ ...args, strategy: args.strategy, db: args.db ?? DEFAULT_DB, load: loadOptions(args) });
  },
};
