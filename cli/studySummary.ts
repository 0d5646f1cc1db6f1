// The headline table printed after runs, and the JSON form of the same: per run its CAGR and the
// excess over its benchmark (over the intervals both cover, figures.ts commonPeriod) and over cash (over the rate's span,
// figures.ts cashGrowth; CAGR minus theirs, percentage points), risk, turnover
// as a percentage of NAV a year, the final NAV with its currency, and its caveats — the count and
// the ones that change how it reads, with the period it covers.

import { isoDay } from '../data/dates.ts';
import { rankCaveats } from '../engine/caveats/caveats.ts';
import { RUN_CURRENCY } from '../reports/html/index.ts';
import { CASH_BENCHMARK } from '../reports/benchmark/benchmark.ts';
import { carriedSessions } from '../reports/navObservations.ts';
import { cashGrowth, commonPeriod, metricValue } from '../reports/html/tearSheet/figures.ts';
import type { StudyOutcome, StudyRun } from '../study/index.ts';
import { caveatCount, printCaveatLines } from './caveatLines.ts';
import { fixed, percent, printTable, unsignedZero } from './output.ts';
import { writeStandardOutput } from '../reports/html/page/standardStreams.ts';

const HEADLINE = ['annual_return', 'annual_volatility', 'sharpe', 'max_drawdown', 'turnover', 'cost_total'] as const;

/**
 * The run's CAGR minus the benchmark's over the intervals both cover, annualised with their P
 * (figures.ts commonPeriod, the tear sheet's figure; with that period when it is not the
 * whole run), and minus cash's (the risk-free returns compounded) over the returns where the rate
 * is known — the whole run, or the rate's span with the run measured over it too — each like the
 * NAV's: g^(P/n) − 1.
 */
function excesses(
  run: StudyRun,
  cagr: number | null,
): {
  benchmark: number | null;
  cash: number | null;
  benchmarkPeriod: { from: string; to: string; whole: boolean } | null;
  /** Where cash is compared (the rate's span); `runAnnual` the run's CAGR over it, the figure "vs cash" subtracts from. */
  cashPeriod: { from: string; to: string; whole: boolean; runAnnual: number | null } | null;
} {
  const m = run.metrics;
  const d = run.result.daily;
  const P = m.periodsPerYear;
  const common = m.benchmark === CASH_BENCHMARK || m.benchmarkLevels === null ? null : commonPeriod(run.result.daily.nav, m.benchmarkLevels, run.result.dates, P, m.riskFreeReturns, carriedSessions(d.navCarried));
  const ours = common === null ? null : metricValue(common.strategy, 'annual_return');
  const theirs = common === null ? null : metricValue(common.benchmark, 'annual_return');
  // Cash against the run over the returns where the rate is known (the whole run when it always is).
  const cashed = cashGrowth(m.riskFreeReturns, P, run.result.daily.nav, run.result.dates);
  const ourCagr = cashed === null ? null : cashed.whole ? cagr : (cashed.run?.annual ?? null);
  const day = (k: number): string => isoDay(run.result.dates[k]);
  return {
    benchmark: ours === null || theirs === null ? null : ours - theirs,
    cash: ourCagr === null || cashed === null ? null : ourCagr - cashed.annual,
    benchmarkPeriod: common === null ? null : { from: day(common.first), to: day(common.last), whole: common.whole },
    cashPeriod: cashed === null ? null : { from: day(cashed.first), to: day(cashed.last + 1), whole: cashed.whole, runAnnual: ourCagr },
  };
}

function caveatsOf(run: StudyRun) {
  return rankCaveats([...run.result.caveats, ...run.metrics.caveats]);
}

export function headline(outcome: StudyOutcome) {
  return outcome.study.runs.map((run, k) => {
    const published = outcome.published.runs[k];
    const metrics: Record<string, number | null> = {};
    for (const name of HEADLINE) metrics[name] = run.metrics.metrics.find((m) => m.name === name)?.value ?? null;
    const { benchmarkPeriod, cashPeriod, ...excess } = excesses(run, metrics.annual_return);
    const nav = run.result.daily.nav;
    const caveats = caveatsOf(run);
    const period = run.result.manifest.period;
    return {
      name: run.name,
      id: published.id,
      benchmark: run.benchmark,
      report: published.report,
      period: { from: period.from, to: period.to, firstInvested: run.result.facts.firstInvestedDate },
      finalNav: nav.length > 0 ? nav[nav.length - 1] : null,
      currency: RUN_CURRENCY,
      /** CAGR minus the benchmark's over the sessions both cover (`benchmarkPeriod`), and minus cash's where the rate is known or carried (`cashPeriod`) (fractions). */
      excess,
      benchmarkPeriod,
      cashPeriod,
      caveats: { count: caveats.length, high: caveats.filter((c) => c.severity === 'high').length, top: caveats[0]?.message ?? null },
      metrics,
    };
  });
}

function pp(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  const text = unsignedZero(x * 100, 1);
  return text === '0.0' ? '0.0 pp' : `${x > 0 ? '+' : ''}${text} pp`;
}
const money = (x: number | null): string => (x === null || !Number.isFinite(x) ? '—' : Math.round(x).toLocaleString('en-US'));

function printRuns(outcome: StudyOutcome, rows: ReturnType<typeof headline>): void {
  const { study, published } = outcome;
  const counts = study.runs.map((run) => run.result.caveats.length + run.metrics.caveats.length);
  const total = counts.reduce((a, b) => a + b, 0);
  const withCaveats = counts.filter((c) => c > 0).length;
  if (total > 0) {
    const one = counts.findIndex((c) => c > 0);
    const show = `breadth runs show ${published.db} ${withCaveats === 1 ? published.runs[one].id : '<id>'}`;
    writeStandardOutput(`\ncaveats: ${total} in ${withCaveats} of ${study.runs.length} run${study.runs.length === 1 ? '' : 's'} (all of a run's: ${show}); those that change how a run reads:\n`);
  }
  study.runs.forEach((run, k) => {
    const row = rows[k];
    const all = caveatsOf(run);
    const start = row.period.firstInvested === null ? 'never invested' : `first trade ${row.period.firstInvested}`;
    const bp = row.benchmarkPeriod;
    const against = row.benchmark === null ? 'no benchmark' : `benchmark ${row.benchmark}${bp !== null && !bp.whole ? ` (compared over ${bp.from} → ${bp.to}, the period both cover)` : ''}`;
    const cp = row.cashPeriod;
    const cash = cp !== null && !cp.whole ? `, vs cash compared over ${cp.from} → ${cp.to}, where the cash rate is known or carried (this run ${percent(cp.runAnnual)} a year there)` : '';
    writeStandardOutput(`\n${run.name}: ${row.period.from} → ${row.period.to} (${start}), ${against}${cash}, final NAV ${row.currency} ${money(row.finalNav)}, ${caveatCount(all)}\n`);
    printCaveatLines(all);
  });
}

export function printSummary(outcome: StudyOutcome): void {
  const { study, published } = outcome;
  const market = study.market;
  const rows = headline(outcome);
  writeStandardOutput(`\n${market.name}${market.synthetic ? '  [SYNTHETIC — generated data, not market history]' : ''}\n`);
  printTable(
    ['run', 'CAGR', 'vs benchmark', 'vs cash', 'volatility', 'Sharpe', 'max drawdown', 'turnover/yr', `final NAV (${RUN_CURRENCY})`, 'id'],
    rows.map((r) => [
      r.name,
      percent(r.metrics.annual_return),
      r.benchmark === null || r.benchmark === 'cash' ? '—' : pp(r.excess.benchmark),
      pp(r.excess.cash),
      percent(r.metrics.annual_volatility),
      fixed(r.metrics.sharpe),
      percent(r.metrics.max_drawdown),
      percent(r.metrics.turnover, 0),
      money(r.finalNav),
      r.id,
    ]),
  );
  printRuns(outcome, rows);
  // Factor models the study asked for and could not fit: one caveat of each run, said once here.
  const unfitted = new Set(study.runs.flatMap((run) => run.metrics.caveats.filter((c) => c.code === 'factors').map((c) => c.message)));
  for (const line of unfitted) writeStandardOutput(`\n${line}`);
  if (unfitted.size > 0) writeStandardOutput('\n');
  writeStandardOutput(`\nresults: ${published.db}\n`);
  const reports = published.runs.filter((r) => r.report);
  if (reports.length) writeStandardOutput(`tear sheets: ${reports.map((r) => r.report).join('\n             ')}\n`);
  if (published.comparisons.length) writeStandardOutput(`comparisons: ${published.comparisons.map((c) => c.path).join('\n             ')}\n`);
}
