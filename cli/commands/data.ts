// breadth data inspect <path> · breadth data sample --out <dir>

import { dirname, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { loadOptions, symbolsOption, withLoadOptions, type LoadArgs } from '../loadOptions.ts';
import { writeStandardOutput } from '../../reports/html/page/standardStreams.ts';

interface InspectArgs extends LoadArgs {
  path: string;
  json: boolean;
  symbols?: string;
  from?: string;
  to?: string;
  list: number;
}

const inspect: CommandModule<object, InspectArgs> = {
  command: 'inspect <path>',
  describe: 'Summarise a data folder or file: symbols, sessions, first/last dates, missing bars, columns read and ignored, flags',
  builder: (y) =>
    withLoadOptions(
      y
        .positional('path', { type: 'string', demandOption: true, describe: 'a data folder, a folder of <SYMBOL>.csv or .tsv files (or gzipped), or one price file' })
        .option('json', { type: 'boolean', default: false, describe: 'machine-readable output' })
        .option('symbols', { type: 'string', describe: 'comma-separated symbols to inspect (as run --symbols)' })
        .option('from', { type: 'string', describe: 'first session (YYYY-MM-DD)' })
        .option('to', { type: 'string', describe: 'last session (YYYY-MM-DD)' })
        .option('list', { type: 'number', default: 40, describe: 'symbols (and flagged moves, and symbols with market caps that cannot be true) listed one by one; the rest are summarised' }),
    )
      .example('$0 data inspect ../shared/data/etf/adjclose', 'the ETF adjusted-close folder')
      .example('$0 data inspect ../shared/data --symbols IWM,SPY', 'two symbols of the data root')
      .example('$0 data inspect my-prices --asset-class fund', 'a folder of fund prices')
      .example('$0 data inspect ../shared/data --json', 'everything, as JSON'),
  handler: async (args) => {
    const [{ inspectMarket, renderInspection }, { loadMarket }, { printJson }] = await Promise.all([import('../../data/inspect.ts'), import('../../data/load.ts'), import('../output.ts')]);
    const market = await loadMarket(args.path, { ...loadOptions(args), ...(args.symbols === undefined ? {} : { symbols: symbolsOption(args.symbols) }), ...(args.from ? { from: args.from } : {}), ...(args.to ? { to: args.to } : {}) });
    const report = inspectMarket(market);
    if (args.json) printJson(report);
    else writeStandardOutput(`${renderInspection(report, { maxSymbols: args.list })}\n`);
  },
};

const sample: CommandModule<object, { out: string; seed: number; stocks: number; years: number }> = {
  command: 'sample',
  describe: 'Write the built-in SYNTHETIC sample universe as CSV files the loaders read',
  builder: (y) =>
    y
      .option('out', { type: 'string', demandOption: true, describe: 'output folder' })
      .option('seed', { type: 'number', default: 42 })
      .option('stocks', { type: 'number', default: 600 })
      .option('years', { type: 'number', default: 20 })
      .example('$0 data sample --out out/sample', 'then: breadth data inspect out/sample'),
  // Whole or not at all: Ctrl-C, SIGTERM or a full disk leaves --out as it was (data/sample/csv.ts).
  handler: async ({ out, seed, stocks, years }) => {
    const [{ generateSampleMarket }, { writeSampleCsv }, { checkFolderOption, ensureFolder }, { writeFailure }, { abortOnSignal }] = await Promise.all([
      import('../../data/sample.ts'),
      import('../../data/sample/csv.ts'),
      import('../output.ts'),
      import('../../reports/html/page/writeFailure.ts'),
      import('../interrupt.ts'),
    ]);
    checkFolderOption(out, '--out', 'out/sample');
    const market = generateSampleMarket({ seed, stocks, years });
    ensureFolder(dirname(resolve(out)));
    const files = await abortOnSignal((signal) => writeSampleCsv(market, out, { signal }), `interrupted: ${out} is as it was (no part of the sample written)`).catch((err: unknown) => {
      throw writeFailure(out, err);
    });
    writeStandardOutput(`wrote ${files.length} files of the SYNTHETIC sample (seed ${seed}) to ${out}\n`);
  },
};

export const dataCommand: CommandModule = {
  command: 'data',
  describe: 'Inspect data, or write the sample universe as CSV',
  builder: (y) => y.command(inspect).command(sample).demandCommand(1, 'Name a data command: inspect or sample.'),
  handler: () => {},
};
