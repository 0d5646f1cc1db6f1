// The tear sheet of one run: manifest and warnings, key metrics against the benchmark, then
// performance, drawdowns, rolling risk, calendar returns, distribution, exposures, costs,
// contributors and factor attribution. One self-contained HTML string.

import { chartCard, card, renderPage, section } from './layout.ts';
import { metricsTable, metricTiles } from './metricTables.ts';
import type { TearSheetData } from './model.ts';
import { runHeader, warningsCallout } from './header.ts';
import { attributionTables, costTable, drawdownTable, pnlTable } from './tables.ts';
import { ROLLING_WINDOWS, tearSheetCharts } from './tearSheetCharts.ts';
import { reportWarnings } from './warnings.ts';

const TOC: [string, string][] = [
  ['metrics', 'Metrics'],
  ['performance', 'Performance'],
  ['drawdowns', 'Drawdowns'],
  ['rolling', 'Rolling risk'],
  ['calendar', 'Calendar returns'],
  ['exposure', 'Exposure'],
  ['costs', 'Turnover & costs'],
  ['contributors', 'Contributors'],
  ['attribution', 'Attribution'],
];

/** Heatmap height: one row per year plus room for the month labels and the colour legend. */
const heatmapHeight = (years: number): number => Math.max(200, years * 24 + 90);

export function renderTearSheet(data: TearSheetData): string {
  if (data.dates.length !== data.nav.length) throw new RangeError(`tear sheet: ${data.nav.length} NAV values for ${data.dates.length} dates`);
  const charts = tearSheetCharts(data);
  const bench = data.benchmark;
  const benchLabel = bench === undefined ? '' : ` against ${bench.name}`;
  const warnings = reportWarnings(data.run, data.warnings, data.metrics, bench?.name);
  const years = new Set(data.dates.map((d) => d.slice(0, 4))).size;

  const metricColumns = [{ label: data.run.label, metrics: data.metrics.strategy }];
  if (bench !== undefined && data.metrics.benchmark !== undefined) metricColumns.push({ label: bench.name, metrics: data.metrics.benchmark });
  const benchMetrics = bench !== undefined && data.metrics.benchmark !== undefined ? { name: bench.name, metrics: data.metrics.benchmark } : undefined;

  const scale = Math.max(0, ...data.contributors.map((c) => Math.abs(c.pnl)), ...data.detractors.map((c) => Math.abs(c.pnl)));
  const attribution = data.attribution;
  const equity = charts.charts.find((c) => c.id === 'equity');
  const drawn = new Set(charts.charts.map((c) => c.id));
  const rollingCard = (id: string, title: string, note: string): string =>
    drawn.has(id)
      ? chartCard({ id, title, note })
      : card(title, `<p class="empty">Not enough history: the shortest window is ${ROLLING_WINDOWS[0]} sessions and this run has ${data.dates.length - 1} returns.</p>`);

  const body = [
    runHeader(data.run, bench?.name, TOC),
    warningsCallout(warnings),
    section('metrics', 'Key metrics', `${metricTiles(data.metrics.strategy, benchMetrics)}${card('All metrics', metricsTable(metricColumns, 'difference'), 'Hover a value for its sample size n. Differences of percentages are in percentage points.')}`),
    section(
      'performance',
      'Performance',
      chartCard({ id: 'equity', title: `Equity curve${benchLabel}`, note: bench === undefined ? 'NAV per session.' : `NAV per session; ${bench.name} rebased to the same starting capital.`, tall: true, logToggle: equity?.type === 'line' && equity.logToggle === true }),
    ),
    section(
      'drawdowns',
      'Drawdowns',
      chartCard({ id: 'underwater', title: 'Underwater curve', note: 'Distance below the running peak; the five deepest episodes are shaded.' }) + card('Five deepest drawdowns', drawdownTable(data.drawdowns)),
    ),
    section(
      'rolling',
      'Rolling risk',
      `<div class="grid">${[
        rollingCard('rolling-sharpe', 'Rolling Sharpe ratio', '126- and 252-session windows, annualized.'),
        rollingCard('rolling-volatility', 'Rolling volatility', '126- and 252-session windows, annualized.'),
        bench === undefined ? '' : rollingCard('rolling-beta', `Rolling beta to ${bench.name}`, '126- and 252-session windows.'),
      ].join('')}</div>`,
    ),
    section(
      'calendar',
      'Calendar returns',
      chartCard({ id: 'monthly', title: 'Monthly returns', note: 'Compounded return of each calendar month.', height: heatmapHeight(years) }) +
        `<div class="grid">${chartCard({ id: 'yearly', title: `Yearly returns${benchLabel}` })}${chartCard({ id: 'distribution', title: 'Distribution of daily returns', note: 'Share of sessions per bin; the outer bins also hold the tails.' })}</div>`,
    ),
    section(
      'exposure',
      'Exposure',
      `<div class="grid">${chartCard({ id: 'exposure', title: 'Exposure (% of NAV)', note: 'Long, short, gross (long − short) and net (long + short).' })}${chartCard({ id: 'positions', title: 'Number of positions' })}</div>`,
    ),
    section(
      'costs',
      'Turnover & costs',
      `<div class="grid">${chartCard({ id: 'turnover', title: 'Monthly turnover', note: 'Half the traded notional over the month’s mean NAV.' })}${chartCard({ id: 'costs', title: 'Costs by year', note: 'Each cost line as a share of the year’s mean NAV.' })}</div>${card('Cost lines', costTable(data.costs), 'Credits (interest received, borrow rebate) appear as negative costs.')}`,
    ),
    section(
      'contributors',
      'Contributors and detractors',
      `<div class="grid">${card('Top contributors', pnlTable(data.contributors, scale))}${card('Top detractors', pnlTable(data.detractors, scale))}</div>`,
    ),
    section(
      'attribution',
      'Factor attribution',
      attribution === undefined || attribution.loadings.length === 0
        ? card('Factor attribution', '<p class="empty">No factor attribution was recorded for this run.</p>')
        : card('Factor regressions', attributionTables(attribution.loadings, attribution.fits), 'OLS of the run’s excess returns on factor returns; |t| above 2 is conventionally significant.'),
    ),
  ].join('\n');

  return renderPage({ title: `${data.run.label} — breadth tear sheet`, body, charts });
}
