// breadth run: one strategy from flags — the same pipeline as a one-run study.

import { dirname, join } from 'node:path';
import type { CommandModule } from 'yargs';
import { UserError } from '../../data/errors.ts';
import { EXECUTION_CONVENTIONS } from '../../engine/config.ts';
import { parseStudy, runStudy, writeTearSheet } from '../../study/index.ts';
import { openStore } from '../../reports/store/index.ts';
import { ensureFolder, printJson, progressBar } from '../output.ts';
import { headline, printSummary } from '../studySummary.ts';
import { runStudyFile } from './study.ts';
import { loadOptions, withLoadOptions, type LoadArgs } from '../loadOptions.ts';

interface RunArgs extends LoadArgs {
  config?: string;
  strategy?: string;
  param: string[];
  data: string;
  symbols?: string;
  from?: string;
  to?: string;
  cash: number;
  benchmark?: string;
  execution: string;
  'commission-bps': number;
  'slippage-bps': number;
  'borrow-bps': number;
  'participation-cap'?: number;
  account: 'cash' | 'margin';
  'max-gross': number;
  'max-net': number;
  'periods-per-year'?: number;
  rf?: string;
  db: string;
  report?: string;
  label?: string;
  json: boolean;
}

/** `k=v` → [k, v] with v read as JSON where it parses (numbers, booleans, objects), else a string. */
export function parseParam(text: string): [string, unknown] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UserError(`--param ${text}: write key=value, e.g. --param tilt=0.7`);
  const value = text.slice(eq + 1);
  try {
    return [text.slice(0, eq), JSON.parse(value)];
  } catch {
    return [text.slice(0, eq), value];
  }
}

/** --rf: an annual rate ("0.03") or the name of a rate series of the data ("tbill3m"). */
function riskFree(rf: string | undefined): number | string {
  if (rf === undefined) return 0;
  const rate = Number(rf);
  return Number.isFinite(rate) ? rate : rf;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run [config]',
  describe: 'Backtest from a config file (one or several runs), or one strategy from flags; store it, optionally write its tear sheet',
  builder: (y) =>
    withLoadOptions(y)
      .positional('config', { type: 'string', describe: 'a study file (.yaml/.json) with one or several runs: the same as `breadth study <config>`' })
      .option('strategy', { type: 'string', describe: 'built-in name (see `breadth strategies`) or a strategy file path' })
      .option('param', { type: 'string', array: true, default: [], describe: 'strategy parameter key=value (repeatable; values are JSON where they parse)' })
      .option('data', { type: 'string', default: 'sample', describe: 'data path, or "sample" for the built-in SYNTHETIC universe' })
      .option('symbols', { type: 'string', describe: 'comma-separated symbols to load from the data' })
      .option('from', { type: 'string', describe: 'first session (YYYY-MM-DD)' })
      .option('to', { type: 'string', describe: 'last session (YYYY-MM-DD)' })
      .option('cash', { type: 'number', default: 1_000_000, describe: 'initial cash' })
      .option('benchmark', { type: 'string', describe: 'benchmark symbol or @role (e.g. SPY, @smallCap), "cash" (the risk-free series), or "none"' })
      .option('execution', { choices: EXECUTION_CONVENTIONS, default: 'next-open' as const, describe: 'when orders fill (same-close is look-ahead-prone)' })
      .option('commission-bps', { type: 'number', default: 0, describe: 'commission, bps of notional' })
      .option('slippage-bps', { type: 'number', default: 0, describe: 'slippage, bps of price' })
      .option('borrow-bps', { type: 'number', default: 0, describe: 'annual borrow fee on shorts, bps' })
      .option('participation-cap', { type: 'number', describe: 'fill at most this share of a session\'s volume (e.g. 0.1)' })
      .option('account', { choices: ['cash', 'margin'] as const, default: 'cash' as const, describe: 'cash: no shorts, never spends cash that is not there; margin: shorts and borrowing within --max-gross/--max-net' })
      .option('max-gross', { type: 'number', default: 2, describe: 'margin account: Σ|positions| / NAV at most this' })
      .option('max-net', { type: 'number', default: 1, describe: 'margin account: |Σ positions| / NAV at most this' })
      .option('periods-per-year', { type: 'number', describe: 'P for annualising (252 daily, 52 weekly, 12 monthly); default: inferred from the dates' })
      .option('rf', { type: 'string', describe: 'risk-free and cash rate: an annual rate (0.03) or a rate series of the data (tbill3m)' })
      .option('db', { type: 'string', default: 'out/breadth.db', describe: 'results database' })
      .option('report', { type: 'string', describe: 'write the tear sheet to this .html file' })
      .option('label', { type: 'string', describe: 'name of the run in the store (default: the strategy name)' })
      .option('json', { type: 'boolean', default: false, describe: 'machine-readable summary' })
      .example('$0 run examples/study.yaml', 'every run of a config file')
      .example('$0 run --strategy iwm-vs-smlf --param mode=switch --report out/switch.html', 'IWM/SMLF switch on the sample')
      .example('$0 run --strategy size-tilt --param tilt=0.7 --data ../shared/data/etf/adjclose --from 2000-06-01 --commission-bps 1', 'on real ETF data'),
  handler: async (args) => {
    if (args.config) return runStudyFile(args.config, { data: args.data === 'sample' ? undefined : args.data, out: dirname(args.db), db: args.db, reports: Boolean(args.report), json: args.json, load: loadOptions(args) });
    if (!args.strategy) throw new UserError('name a strategy (--strategy <name|file>) or give a config file: breadth run <study.yaml>');
    const rf = riskFree(args.rf);
    const study = parseStudy(
      {
        title: `breadth run ${args.strategy}`,
        data: args.data,
        ...(args.symbols ? { symbols: args.symbols.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
        riskFree: rf,
        ...(args.from ? { from: args.from } : {}),
        ...(args.to ? { to: args.to } : {}),
        runs: [
          {
            name: args.label ?? (args.strategy as string).replace(/^.*[\\/]/, '').replace(/\.[jt]s$/, ''),
            strategy: args.strategy,
            params: Object.fromEntries(args.param.map(parseParam)),
            ...(args.benchmark ? { benchmark: args.benchmark } : {}),
            engine: {
              initialCash: args.cash,
              execution: args.execution,
              ...(args.from ? { from: args.from } : {}),
              ...(args.to ? { to: args.to } : {}),
              commission: args['commission-bps'] > 0 ? { kind: 'bps', bps: args['commission-bps'] } : { kind: 'none' },
              slippage: args['slippage-bps'] > 0 ? { kind: 'fixed-bps', bps: args['slippage-bps'] } : { kind: 'none' },
              borrow: { defaultBps: args['borrow-bps'] },
              ...(args['participation-cap'] === undefined ? {} : { participationCap: args['participation-cap'] }),
              cash: { rate: rf === 0 ? null : rf },
              account: args.account === 'margin' ? { kind: 'margin', maxGross: args['max-gross'], maxNet: args['max-net'] } : { kind: 'cash' },
            },
            ...(args['periods-per-year'] === undefined ? {} : { periodsPerYear: args['periods-per-year'] }),
          },
        ],
      },
      'command line',
    );
    ensureFolder(dirname(args.db));
    if (args.report) ensureFolder(dirname(args.report) || '.');
    const bar = progressBar();
    const outcome = await runStudy(study, { where: 'command line', db: args.db, reportDir: null, load: loadOptions(args), progress: { onRun: (k, n, name) => bar.update(k, n, name) } });
    bar.stop();
    const main = outcome.published.runs[outcome.published.runs.length - 1];
    if (args.report) {
      const store = openStore(args.db);
      try {
        writeTearSheet(store, main.id, args.report);
      } finally {
        store.close();
      }
    }
    if (args.json) printJson({ data: outcome.study.market.name, synthetic: outcome.study.market.synthetic, db: args.db, runs: headline(outcome), report: args.report ?? null });
    else {
      printSummary(outcome);
      if (args.report) process.stdout.write(`tear sheet: ${join(args.report)}\n`);
    }
  },
};
