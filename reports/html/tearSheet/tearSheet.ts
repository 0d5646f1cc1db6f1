// The tear sheet of one run, answer first: the summary screen (did it work, at what cost, can I
// trust it), then the ranked caveats and the manifest, the full metric table, and the panels
// that say why — performance, where the money came from, drawdowns, calendar returns, rolling
// risk, crisis windows, holdings, costs and capacity, factor attribution. One self-contained HTML string.

import { attributionTable, splitModel } from './attributionView.ts';
import { yearlyTable } from './calendar.ts';
import { caveatPanel, reportCaveats } from './caveats.ts';
import { crisisRows, crisisTable } from './crisis.ts';
import { type CommonPeriod, comparedToBenchmark, metricMap } from './figures.ts';
import { withholdTreynor } from '../../metrics/index.ts';
import { formatCount, formatMetric, formatPercent, formatRatio } from '../page/format.ts';
import { manifestList, tocNav } from '../header.ts';
import { holdingsSection } from './holdingsView.ts';
import { card, chartCard, renderPage, section } from '../page/layout.ts';
import { escapeHtml } from '../page/escape.ts';
import { intervalsPhrase, metricLabel } from '../metricCatalog.ts';
import { type MetricColumn, metricsTable, type StatedDifference, type StatedDifferences } from '../metricTables.ts';
import type { MetricFigure, TearSheetData } from '../model.ts';
import { DECISION_WEIGHT_NOTE, decompositionTable, pnlTable } from './pnl.ts';
import { answerFirst } from './summary.ts';
import { capacityTable, costTable, drawdownTable } from './tables.ts';
import { rollingWindows, tearSheetCharts } from './tearSheetCharts.ts';

const TOC: [string, string][] = [
  ['caveats', 'Caveats & manifest'],
  ['metrics', 'All metrics'],
  ['performance', 'Performance'],
  ['pnl', 'Where the money came from'],
  ['drawdowns', 'Drawdowns'],
  ['calendar', 'Calendar'],
  ['rolling', 'Rolling risk'],
  ['crises', 'Crises'],
  ['holdings', 'Holdings'],
  ['costs', 'Costs & capacity'],
  ['attribution', 'Attribution'],
];

/** Heatmap height: one row per year plus room for the month labels. */
const heatmapHeight = (years: number): number => Math.max(160, years * 24 + 48);

/**
 * The sample of the relative metrics, and the benchmark column's P: the intervals paired with
 * the benchmark, and a warning when their P is not the run's.
 */
function pairingNote(data: TearSheetData): string {
  const p = data.pairing;
  const bench = data.benchmark;
  if (p === undefined || bench === undefined) return '';
  const base = ` Relative metrics: ${p.intervals} intervals paired with ${bench.name}, annualized with P = ${p.periodsPerYear}`;
  if (p.periodsPerYear === data.run.periodsPerYear) return `${base}.`;
  return `${base}, not the run's ${data.run.periodsPerYear}: ${p.source}; the ${bench.name} column is measured on the same intervals.`;
}

/** What the run's deflated Sharpe was deflated by, from its note ("N = 90 trials over 9 periods, …"): the same run reads otherwise against another registry. */
function deflatedNote(metrics: readonly MetricFigure[]): string {
  const dsr = metrics.find((m) => m.name === 'dsr');
  return dsr === undefined || dsr.value === null || dsr.note === undefined ? '' : ` Deflated Sharpe over the trial registry of its results store: ${dsr.note}.`;
}

/**
 * The Difference column when the run's column and the benchmark's measure different intervals (a
 * benchmark that starts late or ends early or has gaps, a monthly benchmark in a daily run, a
 * benchmark run over its own period): every row is the run minus its benchmark over the intervals
 * both cover (`common`, figures.ts commonPeriod), both figures in its title; each column's period
 * for its header; and a sentence saying what each column and the Difference measure. Undefined
 * when both columns are those intervals (the run's own returns one for one): each difference is
 * then the columns'.
 */
function commonPeriodDifferences(data: TearSheetData, common: CommonPeriod | null): { differences: StatedDifferences; note: string; periods: [string, string] } | undefined {
  const bench = data.benchmark?.name;
  if (common === null || bench === undefined) return undefined;
  const span = `${data.dates[common.first]} → ${data.dates[common.last]}`;
  const own = `${data.dates[0]} → ${data.dates[data.dates.length - 1]}`;
  const column = data.metrics.benchmarkPeriod === undefined ? span : `${data.metrics.benchmarkPeriod.from} → ${data.metrics.benchmarkPeriod.to}`;
  if (common.ownReturns && column === own) return undefined;
  const P = common.pairing.periodsPerYear;
  const intervals = intervalsPhrase(formatCount(common.pairing.intervals), P);
  const rows = new Map<string, StatedDifference>();
  for (const [name, ours] of common.strategy) {
    const theirs = common.benchmark.get(name);
    if (ours.value === null || theirs?.value == null) continue;
    rows.set(name, { from: theirs.value, to: ours.value, periodsPerYear: P, note: `${metricLabel(name, P)}: ${data.run.label} ${formatMetric(ours, P)} minus ${bench} ${formatMetric(theirs, P)}, both over the ${intervals} ${span}` });
  }
  const over = common.whole ? `on the ${intervals} paired with ${bench}` : `over ${span}, the period both cover`;
  const differences: StatedDifferences = { label: common.whole ? 'Difference on the paired intervals' : `Difference over ${span}`, rows, missing: `no figure of both ${over}: nothing is subtracted across periods` };
  const columns = common.whole && column === own ? `this run's column is its own ${formatCount(data.dates.length - 1)} returns` : `this run's column is its full period ${own}, the ${bench} column ${column}`;
  return { differences, note: ` Each difference is this run minus ${bench} ${over} (${intervals}; hover it for both figures); ${columns}.`, periods: [own, column] };
}

/**
 * Why a run has no factor attribution: the `factors` caveats of its study (a folder asked for that
 * fits no model: what it lacks), else that its study asked for none.
 */
function noAttribution(caveats: TearSheetData['caveats']): string {
  const why = caveats.filter((c) => c.code === 'factors').map((c) => escapeHtml(c.message));
  if (why.length > 0) return `No factor attribution: ${why.join('; ')}.`;
  return 'No factor attribution was recorded for this run: give the study <code>factors: auto</code> (the data’s factors/ folder) or a folder of Fama-French files.';
}

/**
 * One run's tear sheet as a whole HTML document (a string; writeReport writes it): summary tiles,
 * the metric tables (each figure in its unit, metricInfo; the run minus its benchmark where it has
 * one), NAV, drawdown, rolling and monthly charts, costs, positions, trades, attribution and every
 * caveat, most severe first. Self-contained: CSS, the chart data and echarts are inline under a
 * strict Content-Security-Policy, so it opens offline. `data` is what tearSheetFromStoredRun
 * makes of a stored run (getRun); the metrics are the run's as stored, so the page shows the
 * figures `breadth runs show` prints.
 * @throws RangeError when `data.nav` and `data.dates` differ in length.
 */
export function renderTearSheet(data: TearSheetData): string {
  if (data.dates.length !== data.nav.length) throw new RangeError(`tear sheet: ${data.nav.length} NAV values for ${data.dates.length} dates`);
  const charts = tearSheetCharts(data);
  const drawn = new Set(charts.payload.charts.map((c) => c.id));
  const bench = data.benchmark;
  const strategy = withholdTreynor(data.metrics.strategy);
  const benchmarkMetrics = data.metrics.benchmark === undefined ? undefined : withholdTreynor(data.metrics.benchmark);
  const caveats = reportCaveats(data.run, data.caveats, { strategy, ...(benchmarkMetrics === undefined ? {} : { benchmark: benchmarkMetrics }) }, bench?.name);
  const currency = data.run.currency;
  const [short, long] = rollingWindows(data.run.periodsPerYear);
  const common = comparedToBenchmark(data);
  const compared = commonPeriodDifferences(data, common);
  // Each column under its period when they differ (a benchmark that starts late).
  const period = (k: 0 | 1): { period?: string } => (compared === undefined || compared.periods[0] === compared.periods[1] ? {} : { period: compared.periods[k] });
  const metricColumns: MetricColumn[] = [{ label: data.run.label, metrics: strategy, ...period(0) }];
  if (bench !== undefined && benchmarkMetrics !== undefined) metricColumns.push({ label: bench.name, metrics: benchmarkMetrics, periodsPerYear: data.metrics.benchmarkPeriodsPerYear ?? data.run.periodsPerYear, ...period(1) });

  const scale = Math.max(0, ...data.contributors.map((c) => Math.abs(c.pnl)), ...data.detractors.map((c) => Math.abs(c.pnl)));
  const equity = charts.payload.charts.find((c) => c.id === 'equity');
  const rollingCard = (id: string, title: string, note: string): string =>
    drawn.has(id) ? chartCard({ id, title, note }) : card(title, `<p class="empty">Not enough history: the shortest window is ${short} periods and this run has ${data.dates.length - 1} returns.</p>`);
  const windows = `${short}- and ${long}-period windows`;
  const vm = charts.volatilityMatch;
  const att = data.attribution;
  const fit = att === undefined ? undefined : splitModel(att.fits);

  const body = [
    answerFirst(data, caveats, common),
    tocNav(TOC),
    section('caveats', 'Caveats and manifest', `<div class="grid wide-first">${card(`Caveats (${caveats.length})`, caveatPanel(caveats, currency))}${card('Manifest', manifestList(data.run, bench?.name))}</div>`),
    section('metrics', 'All metrics', card('Metrics', metricsTable(metricColumns, 'difference', { periodsPerYear: data.run.periodsPerYear, ...(compared === undefined ? {} : { differences: compared.differences }) }), `Hover a value for its sample size n. Differences of percentages are in percentage points.${pairingNote(data)}${deflatedNote(strategy)}${compared?.note ?? ''}`)),
    section(
      'performance',
      'Performance',
      chartCard({ id: 'equity', title: `Equity (${currency})`, note: bench === undefined ? 'NAV per session.' : `NAV per session; ${bench.name} rebased to the same starting capital.`, tall: true, logToggle: equity?.type === 'line' && equity.logToggle === true }) +
        (vm === undefined || bench === undefined
          ? ''
          : chartCard({ id: 'vol-matched', title: `Volatility-matched: ${bench.name} at the strategy's risk`, note: `${bench.name}'s returns over the ${intervalsPhrase(vm.intervals, vm.periodsPerYear)} paired with the run, scaled by ${formatRatio(vm.factor)} so their volatility equals the strategy's over the same intervals (${formatPercent(vm.volatility, 1)} a year, P = ${vm.periodsPerYear}); the curves compare at equal risk.` })),
    ),
    section(
      'pnl',
      'Where the money came from',
      `<div class="grid">${chartCard({ id: 'pnl-waterfall', title: `P&L waterfall (${currency})`, note: 'From the starting capital through each book, income and cost line to the final NAV; the bars add up to the NAV change.' })}${card('Decomposition', data.decomposition === undefined ? '<p class="empty">Not recorded.</p>' : decompositionTable(data.decomposition, currency))}</div>` +
        chartCard({ id: 'legs', title: `Long and short books, cumulative P&L (${currency})`, note: 'Price P&L of each book since the start; the NAV change also holds income and costs.' }) +
        `<div class="grid">${card('Top contributors', pnlTable(data.contributors, scale, currency))}${card('Top detractors', pnlTable(data.detractors, scale, currency))}</div><p class="sub">${escapeHtml(DECISION_WEIGHT_NOTE)}</p>`,
    ),
    section('drawdowns', 'Drawdowns', chartCard({ id: 'underwater', title: 'Underwater curve', note: 'Distance below the running peak; the five deepest episodes are shaded and numbered as in the table.' }) + card('Five deepest drawdowns', drawdownTable(data.drawdowns))),
    section(
      'calendar',
      'Calendar returns',
      card(`Yearly returns${bench === undefined ? '' : ` against ${bench.name}`}`, yearlyTable(charts.years, data.run.label, bench?.name)) +
        chartCard({ id: 'monthly', title: 'Monthly returns', note: `Compounded return of each month and year (* partial month or year: the run covers only part of it). Colours saturate at ±${formatPercent(charts.heatmapCaps.month, 1)} for months and ±${formatPercent(charts.heatmapCaps.year, 1)} for years (95th percentile of magnitudes); blue gains, red losses.`, height: heatmapHeight(charts.years.length) }) +
        `<div class="grid">${chartCard({ id: 'yearly', title: 'Yearly returns' })}${chartCard({ id: 'distribution', title: 'Distribution of period returns', note: 'Share of periods per bin; the outer bins also hold the tails.' })}</div>`,
    ),
    section(
      'rolling',
      'Rolling risk',
      `<div class="grid">${[
        rollingCard('rolling-sharpe', 'Rolling Sharpe ratio', `${windows}, annualized, over the risk-free rate.`),
        rollingCard('rolling-sortino', 'Rolling Sortino ratio', `${windows}, annualized, target 0.`),
        rollingCard('rolling-volatility', 'Rolling volatility', `${windows}, annualized.`),
        bench === undefined ? '' : rollingCard('rolling-beta', `Rolling beta to ${bench.name}`, `${windows}.`),
        bench === undefined ? '' : rollingCard('rolling-alpha', `Rolling alpha against ${bench.name}`, `${windows}, annualized.`),
      ].join('')}</div>`,
    ),
    section('crises', 'Crisis windows', card('Through the crises', crisisTable(crisisRows(data.dates, data.nav, bench?.nav, data.crises), data.run.label, bench?.name), 'Return from the last NAV before each window to the last inside it.')),
    section(
      'holdings',
      'Exposure and holdings',
      `<div class="grid">${chartCard({ id: 'exposure', title: 'Exposure (% of NAV)', note: 'Long, short, gross (long − short) and net (long + short).' })}${chartCard({ id: 'positions', title: 'Number of positions' })}</div>${holdingsSection(data.holdings, data.exposures.gross)}`,
    ),
    section(
      'costs',
      'Turnover, costs and capacity',
      `<div class="grid">${chartCard({ id: 'turnover', title: 'Monthly turnover', note: 'Half the traded notional over the month’s mean NAV; forced exits (delisting, data end) count as traded.' })}${drawn.has('costs') ? chartCard({ id: 'costs', title: 'Costs by year', note: 'Each cost line as a share of the year’s mean NAV; the credits (interest received, borrow rebate) are negative costs, below zero.' }) : card('Costs by year', '<p class="empty">No costs: every cost line is zero over the run.</p>')}</div><div class="grid">${card('Cost lines', costTable(data.costs, currency), 'Credits (interest received, borrow rebate) appear as negative costs.')}${card('Capacity', capacityTable(metricMap(data.metrics.strategy), currency))}</div>`,
    ),
    section(
      'attribution',
      'Factor attribution',
      att === undefined || att.loadings.length === 0
        ? card('Factor attribution', `<p class="empty">${noAttribution(data.caveats)}</p>`)
        : card('Factor models', attributionTable(att.loadings, att.fits), 'OLS of the run’s excess returns on factor returns: each cell is the loading, its t-statistic and what that exposure earned per year (loading × factor mean × P). |t| above 2 is conventionally significant.') +
            (fit === undefined ? '' : chartCard({ id: 'factor-split', title: 'Excess return: factors and alpha', note: `Mean excess return per year (arithmetic, × P) of the ${fit.model} model split into each factor's contribution and alpha; the bars add up to the total.` })),
    ),
  ].join('\n');

  return renderPage({ title: `${data.run.label} — breadth tear sheet`, body, charts: charts.payload });
}
