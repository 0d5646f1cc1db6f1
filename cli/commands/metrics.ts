// breadth metrics: analyse any return or price series without a backtest (METRICS.md names).

import type { CommandModule } from 'yargs';
import { UserError } from '../../data/errors.ts';
import type { PriceReturns, ReturnSeries, ReturnUnit } from '../../data/returnSeries.ts';
import { checkAnnualRate, checkPerPeriodRate, checkPeriodsPerYear } from '../../reports/metricOptions.ts';
import { fieldHelp } from '../../study/fieldHelp.ts';
import type { RiskFreeInput } from '../../reports/seriesAnalysis.ts';
import { writeStandardOutput } from '../../reports/html/page/standardStreams.ts';

interface MetricsArgs {
  returns?: string;
  prices?: string;
  'benchmark-returns'?: string;
  'benchmark-prices'?: string;
  'rf-annual'?: number;
  'rf-per-period'?: number;
  'rf-series'?: string;
  'periods-per-year'?: number;
  factors?: string;
  'returns-unit'?: ReturnUnit;
  symbol?: string;
  'benchmark-symbol'?: string;
  json: boolean;
}

async function series(args: MetricsArgs, what: '' | 'benchmark-'): Promise<ReturnSeries | PriceReturns | undefined> {
  const [returns, prices, symbol] = [args[`${what}returns`], args[`${what}prices`], args[`${what}symbol`]];
  if (returns && prices) throw new UserError(`give --${what}returns or --${what}prices, not both`);
  if (symbol !== undefined && !prices) throw new UserError(`--${what}symbol picks a symbol of --${what}prices; give that file or folder`);
  const { loadPriceReturns, loadReturnsFile } = await import('../../data/returnSeries.ts');
  if (returns) return loadReturnsFile(returns, args['returns-unit']);
  if (prices) return loadPriceReturns(prices, symbol, `--${what}symbol`);
  return undefined;
}

/** The last two parts of a path: `bme/AAA.csv`. */
const pathTail = (path: string): string => path.split(/[\\/]+/).filter(Boolean).slice(-2).join('/');

/**
 * The series and its benchmark named apart where their names are one (ms/AAA.csv against
 * bme/AAA.csv: "AAA vs AAA"): each as `AAA (ms/AAA.csv)` after the end of the path it came from,
 * or `AAA (series)` and `AAA (benchmark)` where those are one too. Otherwise as they are.
 */
function namedApart<S extends { readonly name?: string }>(subject: S, benchmark: S, paths: readonly [string, string]): [S, S] {
  if (subject.name !== benchmark.name) return [subject, benchmark];
  const name = subject.name ?? 'the series';
  const [own, other] = paths.map(pathTail);
  const [a, b] = own === other ? ['series', 'benchmark'] : [own, other];
  return [{ ...subject, name: `${name} (${a})` }, { ...benchmark, name: `${name} (${b})` }];
}

/** The rate and P flags in their ranges (a number they are: cli/numberOptions.ts refuses NaN and Infinity for every command). */
function checkNumbers(args: MetricsArgs): void {
  // In words with the fix (study/fieldHelp.ts), where the library's check quotes zod's reason.
  const inWords = (flag: string, field: string, value: number, check: (value: number, name: string) => void): void => {
    try {
      check(value, flag);
    } catch {
      throw new UserError(`${flag} ${value}: ${fieldHelp(field, value)}`);
    }
  };
  if (args['rf-annual'] !== undefined) inWords('--rf-annual', 'riskFreeRate', args['rf-annual'], checkAnnualRate);
  if (args['periods-per-year'] !== undefined) inWords('--periods-per-year', 'periodsPerYear', args['periods-per-year'], checkPeriodsPerYear);
}

async function riskFree(args: MetricsArgs): Promise<RiskFreeInput | undefined> {
  const given = [args['rf-annual'], args['rf-per-period'], args['rf-series']].filter((x) => x !== undefined);
  if (given.length > 1) throw new UserError('give one of --rf-annual, --rf-per-period, --rf-series');
  if (args['rf-annual'] !== undefined) return { kind: 'annual', rate: args['rf-annual'] };
  if (args['rf-per-period'] !== undefined) return { kind: 'perPeriod', rate: args['rf-per-period'] };
  if (args['rf-series'] !== undefined) {
    const { loadRateSeries } = await import('../../data/fred.ts');
    const { series, source } = loadRateSeries(args['rf-series']);
    return { kind: 'series', series, source: `${source.path} (annual yield as of each date, forward-filled)` };
  }
  return undefined;
}

export const metricsCommand: CommandModule<object, MetricsArgs> = {
  command: 'metrics',
  describe: 'Analyse a return or price series without a backtest: every METRICS.md figure, relative metrics, factor loadings',
  builder: (y) =>
    y
      .option('returns', { type: 'string', describe: 'CSV of date,return (simple returns)' })
      .option('prices', { type: 'string', describe: 'CSV with Date and a price column (AdjClose, or OHLCV)' })
      .option('benchmark-returns', { type: 'string', describe: 'benchmark as date,return' })
      .option('benchmark-prices', { type: 'string', describe: 'benchmark as a price CSV' })
      .option('returns-unit', {
        choices: ['fraction', 'percent'] as const,
        describe:
          'unit of --returns / --benchmark-returns: fraction (0.01 = 1 %) or percent (1 = 1 %, divided by 100). Default: fractions, and a file that looks like percent (median |r| · √(365.25 / median gap in days) > 2) is refused',
      })
      .option('symbol', { type: 'string', describe: 'the symbol to analyse when --prices is a long file or a folder of several' })
      .option('benchmark-symbol', { type: 'string', describe: 'the benchmark\'s symbol when --benchmark-prices holds several' })
      .option('rf-annual', { type: 'number', describe: 'constant annual risk-free rate (0.03 = 3%)' })
      .option('rf-per-period', { type: 'number', describe: 'constant per-period risk-free return' })
      .option('rf-series', { type: 'string', describe: 'FRED-style annual yield file in percent (e.g. DTB3)' })
      .option('periods-per-year', { type: 'number', describe: 'P: 252 daily, 52 weekly, 12 monthly (default: inferred from the dates)' })
      .option('factors', { type: 'string', describe: 'folder of Fama-French / AQR CSVs for a factor regression' })
      .option('json', { type: 'boolean', default: false, describe: 'machine-readable output (snake_case names of METRICS.md)' })
      .example('$0 metrics --prices ../shared/data/etf/adjclose/IWM.csv --benchmark-prices ../shared/data/etf/adjclose/SPY.csv --json', 'IWM against SPY')
      .example('$0 metrics --returns ../shared/data/returns/IWM_returns.csv --factors ../shared/data/factors', 'IWM on the Fama-French factors')
      .example('$0 metrics --prices ../shared/data/etf/adjclose --symbol IWM --benchmark-prices ../shared/data/etf/adjclose --benchmark-symbol SPY', 'two symbols of one folder (or long file)')
      .epilog(
        'A blank return is unknown: the series\' own metrics skip it (the wealth path stays where it was, and the row is no session of the drawdowns, ulcer index or stability fit, nor of any n), and the benchmark interval holding it is left out of the relative metrics (counted), never paired as 0 %. ' +
          'A blank first row is the series\' start (a run\'s exported returns begin with their start session): the returns after it are measured from that date, as the run measures them. ' +
          'Without one (or --prices, whose first price is the start) a returns file does not date the value its first return is earned from: cagr_calendar then runs from the first date and leaves that return out (its n one less than the others\', and its note says so). ' +
          'Price series carry the data caveats a run would give (source notes, one-session moves that revert) on stderr and under "caveats" in --json.',
      ),
  handler: async (args) => {
    checkNumbers(args);
    if (args['returns-unit'] !== undefined && !args.returns && !args['benchmark-returns']) throw new UserError('--returns-unit applies to --returns and --benchmark-returns files; give one or drop it');
    const loaded = await series(args, '');
    if (!loaded) throw new UserError('give the series to analyse: --returns <date,return CSV> or --prices <price CSV>');
    const given = await series(args, 'benchmark-');
    const [subject, benchmark] = given === undefined ? [loaded, undefined] : namedApart(loaded, given, [(args.returns ?? args.prices)!, (args['benchmark-returns'] ?? args['benchmark-prices'])!]);
    const rf = await riskFree(args);
    const [{ analyseSeries, seriesFrequency }, { factorCaveats, loadFactorFolder }, { fixed, metricText, printJson, printTable }] = await Promise.all([
      import('../../reports/seriesAnalysis.ts'),
      import('../../study/factors.ts'),
      import('../output.ts'),
    ]);
    // A model the folder cannot fit is said (a folder that fits none is refused, study/factors.ts).
    const factors = args.factors ? loadFactorFolder(args.factors) : undefined;
    const calendar = { ...(benchmark ? { benchmark } : {}), ...(args['periods-per-year'] === undefined ? {} : { periodsPerYear: args['periods-per-year'] }) };
    // A per-period rate is checked against the series' P, known only now: (1 + r)^P − 1 in --rf-annual's range.
    if (rf?.kind === 'perPeriod') checkPerPeriodRate(rf.rate, seriesFrequency(subject, calendar).periodsPerYear, '--rf-per-period');
    const analysis = analyseSeries(subject, { ...calendar, ...(rf ? { riskFree: rf } : {}), ...(factors ? { factors: factors.tables } : {}) });
    const caveats = [...analysis.caveats, ...factorCaveats(factors?.unfitted ?? [])];
    if (args.json) {
      const values: Record<string, number | null> = {};
      for (const m of analysis.metrics.metrics) values[m.name] = m.value;
      const pairing = analysis.metrics.pairing;
      return printJson({ series: subject.name, benchmark: analysis.benchmark, aligned_rows: pairing?.intervals ?? null, frequency: analysis.frequency, ...analysis.metrics, values, factor_regressions: analysis.regressions, caveats });
    }
    const { pairing } = analysis.metrics;
    const differs = pairing !== undefined && pairing.periodsPerYear !== analysis.metrics.periodsPerYear;
    // Two series that share no dates: that one line replaces "0 paired intervals" and the warnings' copy of it.
    const apart = pairing?.intervals === 0 ? caveats.find((c) => c.code === 'benchmark') : undefined;
    const against = benchmark && pairing ? ` vs ${benchmark.name} (${apart === undefined ? `${pairing.intervals} paired intervals, P = ${pairing.periodsPerYear}${differs ? `: ${pairing.source}` : ''}` : 'no relative metrics'})` : '';
    writeStandardOutput(`${subject.name}${against}; rf: ${analysis.metrics.riskFree.source}; P = ${analysis.metrics.periodsPerYear} (${analysis.frequency.source})\n`);
    if (apart !== undefined) process.stderr.write(`breadth: ${apart.message}\n`);
    for (const c of caveats) if (c !== apart) process.stderr.write(`breadth: warning: ${c.message}\n`);
    if (pairing?.unknown) process.stderr.write(`breadth: warning: ${pairing.unknown} interval${pairing.unknown === 1 ? '' : 's'} left out of the relative metrics: a return inside ${pairing.unknown === 1 ? 'it is' : 'them is'} blank (unknown), never paired as 0\n`);
    printTable(['metric', 'value', 'n', 'note'], analysis.metrics.metrics.map((m) => [m.name, metricText(m.name, m.value), m.n, m.note ?? '']));
    for (const r of analysis.regressions) {
      writeStandardOutput(`\n${r.model}: n = ${r.n} (${r.from} → ${r.to}), R² = ${fixed(r.rSquared, 3)}, alpha = ${fixed(r.alphaAnnualized, 4)}/yr (t ${fixed(r.alphaT, 2)})${r.note ? ` — ${r.note}` : ''}\n`);
      printTable(['factor', 'loading', 't'], r.loadings.map((l) => [l.factor, fixed(l.loading, 3), fixed(l.tStat, 1)]));
    }
  },
};
