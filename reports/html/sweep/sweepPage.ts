// The sweep page: every trial in a sortable table, the chosen metric as a heatmap over each pair
// of swept axes, each axis's sensitivity (a plateau or a spike?), the PBO logit histogram and the
// IS→OOS degradation scatter, the best trial's DSR against the registry, and the trials that
// failed or were refused, with why. Self-contained HTML on the shared page layout.

import { describeValue } from '../../describeValue.ts';
import { ChartPayloadBuilder, COLORS } from '../page/charts.ts';
import { escapeHtml } from '../page/escape.ts';
import { divergingFill, inkFor } from '../page/heatmapColors.ts';
import { formatCount, formatPercent, formatRatio, grouped } from '../page/format.ts';
import { badges } from '../header.ts';
import { card, chartCard, renderPage, section } from '../page/layout.ts';
import { metricInfo } from '../metricCatalog.ts';
import { logitHistogram } from './logitHistogram.ts';
import { type ColumnHead, failedTrialsCard, PERIOD_BREAKS, scatterSvg, SORTABLE_SCRIPT, sortableTable, type TableCell, tiles, WIDGET_STYLES, wrapAt } from './pageWidgets.ts';

export interface SweepTrialRow {
  readonly name: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly dsr: number | null;
  readonly period: string;
  readonly fillsHash: string;
  readonly runId: number | null;
}

export interface SweepPageData {
  readonly title: string;
  readonly dataName: string;
  readonly synthetic: boolean;
  /** The metric that ranks the trials. */
  readonly metric: string;
  readonly planned: number;
  readonly trials: readonly SweepTrialRow[];
  /**
   * Planned trials that are not among `trials`, each with its one-line reason: its strategy threw,
   * a queue's attempts ran out, or the strategy's parameter check refused the grid point before
   * it ran (`refused` of them).
   */
  readonly failed: readonly { readonly name: string; readonly message: string }[];
  /** How many of `failed` are grid points the parameter check refused (never run). */
  readonly refused: number;
  readonly best: { readonly name: string; readonly sharpe: number | null; readonly dsr: number | null; readonly dsrNote: string | null; readonly recorded: { readonly count: number; readonly sharpeVariance: number; readonly periods?: number } | null } | null;
  readonly pbo:
    | { readonly pbo: number; readonly probabilityOfLoss: number; readonly logits: ArrayLike<number>; readonly isSharpe: ArrayLike<number>; readonly oosSharpe: ArrayLike<number>; readonly slope: number; readonly intercept: number; readonly rSquared: number; readonly blocks: number; readonly combinations: number; readonly trials: number }
    | { readonly note: string };
  readonly notes: readonly string[];
}

/** The trial table's metric columns, each with a short header (its full name in the title); the DSR follows the Sharpe. */
const TABLE_METRICS = [
  ['sharpe', 'Sharpe'],
  ['annual_return', 'CAGR'],
  ['annual_volatility', 'Volatility'],
  ['max_drawdown', 'Max drawdown'],
  ['turnover', 'Turnover/yr'],
  ['cost_total_drag', 'Charges/yr'],
] as const;
const MAX_HEATMAPS = 6;

const shown = describeValue;

function formatFor(metric: string, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return metricInfo(metric).kind === 'percent' ? formatPercent(v) : formatRatio(v);
}

/** Axes that take more than one value in this sweep, in their order. */
function variedAxes(trials: readonly SweepTrialRow[]): string[] {
  const names = trials.length > 0 ? Object.keys(trials[0].values) : [];
  return names.filter((axis) => new Set(trials.map((t) => shown(t.values[axis]))).size > 1);
}

/** The distinct values of an axis in first-seen order (numbers ascending). */
function axisValues(trials: readonly SweepTrialRow[], axis: string): string[] {
  const values = [...new Set(trials.map((t) => shown(t.values[axis])))];
  return values.every((v) => v !== '' && Number.isFinite(Number(v))) ? values.sort((a, b) => Number(a) - Number(b)) : values;
}

function stats(values: readonly number[]): { mean: number; min: number; max: number } | null {
  if (values.length === 0) return null;
  return { mean: values.reduce((a, b) => a + b, 0) / values.length, min: Math.min(...values), max: Math.max(...values) };
}

function metricOf(t: SweepTrialRow, metric: string): number | null {
  const v = t.metrics[metric];
  return v === null || v === undefined || !Number.isFinite(v) ? null : v;
}

/**
 * The heatmaps' shared colour scale: `centre` the mean of the trials' metric (on a full grid, the
 * mean of every map's cells too), `limit` the largest |cell − centre| over every map's cells (1
 * when all are equal, so a flat map is white).
 */
export function surfaceScale(trialValues: readonly number[], cellValues: readonly number[]): { centre: number; limit: number } {
  const centre = stats(trialValues)?.mean ?? 0;
  return { centre, limit: Math.max(0, ...cellValues.map((v) => Math.abs(v - centre))) || 1 };
}

/** Decimals that tell a range's ends apart: `least`, more (up to 6) for a spread below 10^−least of the unit shown (a ratio, or a percent). */
function spreadDigits(spread: number, format: 'percent' | 'ratio', least: number): number {
  const shownSpread = format === 'percent' ? spread * 100 : spread;
  return shownSpread > 0 ? Math.min(6, Math.max(least, Math.ceil(-Math.log10(shownSpread)))) : least;
}

const formatTo = (v: number, format: 'percent' | 'ratio', digits: number): string => (format === 'percent' ? formatPercent(v, digits) : grouped(v, digits));

/** The period every trial covers, when they all cover one; else null. */
function sharedPeriod(trials: readonly SweepTrialRow[]): string | null {
  const periods = new Set(trials.map((t) => t.period));
  return periods.size === 1 ? [...periods][0] : null;
}

/** Where a trial name ("size-tilt[tilt=0.5 schedule=month-start commission=bps 2]") may wrap: before each assignment. */
const NAME_BREAKS = / (?=[^\s=[\]]+=)/;

/**
 * Every trial, sortable. It fits a desktop card (probe r69d F5: 1,447 px in a 1,208-px card, the
 * period cut to "2010-01-04 → 2026-"): a period every trial shares is said once above the table
 * (the card's note) instead of in a column, names wrap between their assignments, periods after
 * the arrow, and an axis header after its dot.
 */
function trialTable(data: SweepPageData, axes: readonly string[]): string {
  const metricHead = ([name, text]: (typeof TABLE_METRICS)[number]): ColumnHead => ({ text, title: metricInfo(name).label });
  const metricCell = ([name]: (typeof TABLE_METRICS)[number], t: SweepTrialRow): TableCell => ({ text: formatFor(name, t.metrics[name]), sort: metricOf(t, name) });
  const [sharpe, ...others] = TABLE_METRICS;
  const shared = sharedPeriod(data.trials) !== null;
  const head = ['trial', ...axes, metricHead(sharpe), { text: 'DSR', title: 'Deflated Sharpe ratio: the probability that the Sharpe beats the best of as many unskilled trials as are recorded (reports/SWEEPS.md)' }, ...others.map(metricHead), ...(shared ? [] : ['period']), 'fills hash', 'run'];
  const rows: TableCell[][] = data.trials.map((t) => [
    wrapAt({ text: t.name }, NAME_BREAKS),
    ...axes.map((a) => ({ text: shown(t.values[a]), sort: typeof t.values[a] === 'number' ? (t.values[a] as number) : shown(t.values[a]) })),
    metricCell(sharpe, t),
    { text: t.dsr === null ? '—' : formatPercent(t.dsr, 1), sort: t.dsr },
    ...others.map((m) => metricCell(m, t)),
    ...(shared ? [] : [wrapAt({ text: t.period }, PERIOD_BREAKS)]),
    { text: t.fillsHash.slice(0, 12) },
    { text: t.runId === null ? '' : String(t.runId), sort: t.runId },
  ]);
  return sortableTable('trial-table', head, rows); // not 'trials': the section holding it has that id
}

/** The planned trials that are missing from every chart, by name, each with its reason. */
const failedCard = (data: SweepPageData): string => failedTrialsCard(data.failed, data.refused, 'Not in the table, the surface, the sensitivity or the PBO above.', 'breadth sweep --json');

export function renderSweepPage(data: SweepPageData): string {
  const charts = new ChartPayloadBuilder();
  const axes = variedAxes(data.trials);
  const metric = data.metric;
  const format = metricInfo(metric).kind === 'percent' ? 'percent' : 'ratio';
  const label = metricInfo(metric).label;

  // Heatmaps: the mean of the metric over the other axes, for each pair of varied axes.
  const pairs: [string, string][] = [];
  for (let i = 0; i < axes.length; i++) for (let j = i + 1; j < axes.length; j++) pairs.push([axes[i], axes[j]]);
  const surfaces = pairs.slice(0, MAX_HEATMAPS).map(([a, b]) => {
    const xs = axisValues(data.trials, a);
    const ys = axisValues(data.trials, b);
    const cells: [number, number, number][] = [];
    xs.forEach((x, xi) =>
      ys.forEach((y, yi) => {
        const s = stats(data.trials.filter((t) => shown(t.values[a]) === x && shown(t.values[b]) === y).flatMap((t) => metricOf(t, metric) ?? []));
        if (s !== null) cells.push([xi, yi, s.mean]);
      }),
    );
    return { a, b, xs, ys, cells };
  });
  // One colour scale for every map: centred on the mean trial, full colour at the largest
  // distance of any cell from it, so a map whose cells differ by 0.003 stays pale beside one
  // that spans 0.1, and each note states its map's own range.
  const scale = surfaceScale(data.trials.flatMap((t) => metricOf(t, metric) ?? []), surfaces.flatMap((m) => m.cells.map((c) => c[2])));
  const heatmaps = surfaces.map(({ a, b, xs, ys, cells }, k) => {
    const fills = cells.map((c) => divergingFill(c[2] - scale.centre, scale.limit));
    const values = cells.map((c) => c[2]);
    const [lo, hi] = [Math.min(...values), Math.max(...values)];
    const digits = spreadDigits(hi - lo, format, 2);
    // The cells print as many decimals as tell the map's ends apart (one of a percent is the usual).
    const decimals = spreadDigits(hi - lo, format, format === 'percent' ? 1 : 2);
    charts.add({ type: 'heatmap', id: `heat-${k}`, format, x: xs, y: ys, cells, fills, inks: fills.map(inkFor), decimals });
    const range = `${formatTo(lo, format, digits)} to ${formatTo(hi, format, digits)}, a spread of ${formatTo(hi - lo, format, digits)}`;
    const colours = `${surfaces.length > 1 ? `One colour scale for all ${surfaces.length} maps: ` : ''}blue above the mean trial (${formatTo(scale.centre, format, digits)}), red below, full colour at ±${formatTo(scale.limit, format, digits)}.`;
    return chartCard({ id: `heat-${k}`, title: `${label}: ${a} × ${b}`, note: `Mean over the other axes: ${range}. ${colours}`, height: Math.max(220, 60 + 34 * ys.length) });
  });

  // Sensitivity: per axis value, the worst, mean and best of the metric over everything else.
  const sensitivity = axes.map((axis, k) => {
    const values = axisValues(data.trials, axis);
    const s = values.map((v) => stats(data.trials.filter((t) => shown(t.values[axis]) === v).flatMap((t) => metricOf(t, metric) ?? [])));
    charts.add({
      type: 'bar',
      id: `sens-${k}`,
      format,
      categories: values,
      series: [
        { name: 'worst', values: s.map((x) => x?.min ?? null), color: COLORS.runs[1] },
        { name: 'mean', values: s.map((x) => x?.mean ?? null), color: COLORS.runs[0] },
        { name: 'best', values: s.map((x) => x?.max ?? null), color: COLORS.long },
      ],
    });
    return chartCard({ id: `sens-${k}`, title: `${label} by ${axis}`, note: 'Worst, mean and best over the other axes: a plateau is robust, a lone spike is suspect.' });
  });

  const pbo = data.pbo;
  let overfitting: string;
  if ('note' in pbo) overfitting = card('Probability of backtest overfitting', `<p class="empty">${escapeHtml(pbo.note)}</p>`);
  else {
    const histogram = logitHistogram(pbo.logits);
    charts.add({
      type: 'bar',
      id: 'pbo-logits',
      format: 'count',
      categories: histogram.categories,
      series: [
        { name: 'λ ≤ 0: the in-sample best was at or below the median out of sample', values: histogram.overfit, color: COLORS.short, stack: 'l' },
        { name: 'λ > 0', values: histogram.notOverfit, color: COLORS.long, stack: 'l' },
      ],
    });
    overfitting = `<div class="grid">${chartCard({ id: 'pbo-logits', title: 'Logits λ of the in-sample best’s out-of-sample rank', note: `${formatCount(pbo.combinations)} CSCV combinations of ${pbo.blocks} blocks over ${pbo.trials} trials; PBO = share with λ ≤ 0, the red bars (0 is a bin edge: λ = 0 is red).` })}${card(
      'Performance degradation',
      scatterSvg(pbo.isSharpe, pbo.oosSharpe, { xLabel: 'in-sample Sharpe (per period)', yLabel: 'out-of-sample Sharpe (per period)', line: pbo }),
      `OOS ≈ ${pbo.intercept.toPrecision(3)} + ${pbo.slope.toPrecision(3)} × IS (R² ${formatRatio(pbo.rSquared)}); a slope below 0 means in-sample excellence predicts out-of-sample failure.`,
    )}</div>`;
  }

  const best = data.best;
  const pboTiles = 'note' in pbo ? [{ label: 'PBO', value: '—', sub: pbo.note }] : [
    { label: 'PBO', value: formatPercent(pbo.pbo, 1), sub: `CSCV, S = ${pbo.blocks}` },
    { label: 'P(OOS loss)', value: formatPercent(pbo.probabilityOfLoss, 1), sub: 'in-sample best loses out of sample' },
    { label: 'Degradation slope', value: formatRatio(pbo.slope), sub: 'OOS on IS Sharpe' },
  ];
  const header = `<header class="card"><div class="title-row"><h1>${escapeHtml(data.title)} — sweep</h1>${badges({ synthetic: data.synthetic, lookAheadProne: false })}</div>
<dl class="manifest"><dt>Data</dt><dd>${escapeHtml(data.dataName)}</dd><dt>Trials</dt><dd>${formatCount(data.trials.length)} of ${formatCount(data.planned)} planned${data.failed.length ? `; ${formatCount(data.failed.length)} failed or refused (<a href="#trials">listed with why</a>)` : ''}</dd><dt>Ranked by</dt><dd>${escapeHtml(label)}</dd><dt>Best</dt><dd>${escapeHtml(best?.name ?? 'none')}</dd></dl>
<nav class="toc" aria-label="Sections"><a href="#overview">Overview</a><a href="#surface">Surface</a><a href="#sensitivity">Sensitivity</a><a href="#overfitting">Overfitting</a><a href="#trials">Trials</a></nav></header>`;
  const period = sharedPeriod(data.trials);
  const dsrSub = best === null ? '' : best.dsr === null || best.recorded === null ? (best.dsrNote ?? '') : `N = ${formatCount(best.recorded.count)} trials, Var(SR) = ${best.recorded.sharpeVariance.toPrecision(3)}${(best.recorded.periods ?? 1) > 1 ? ` within ${formatCount(best.recorded.periods ?? 1)} periods` : ''}`;
  const body = [
    WIDGET_STYLES,
    header,
    data.notes.length ? `<section class="card warnings" role="note"><h2>Notes</h2><ul>${data.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></section>` : '',
    section(
      'overview',
      'Overview',
      tiles([
        { label: 'Trials', value: formatCount(data.trials.length) },
        { label: 'Best Sharpe', value: formatFor('sharpe', best?.sharpe ?? null), sub: best?.name },
        { label: 'DSR of the best', value: best?.dsr === null || best === null ? '—' : formatPercent(best.dsr, 1), sub: dsrSub },
        ...pboTiles,
      ]),
    ),
    section('surface', `${label} over pairs of parameters`, heatmaps.length ? `<div class="grid">${heatmaps.join('')}</div>` : card('Heatmap', '<p class="empty">Fewer than two swept axes vary.</p>')),
    section('sensitivity', 'Parameter sensitivity', sensitivity.length ? `<div class="grid">${sensitivity.join('')}</div>` : card('Sensitivity', '<p class="empty">No swept axis varies.</p>')),
    section('overfitting', 'Overfitting', overfitting),
    section('trials', 'Trials', card('Every trial', trialTable(data, axes), `${period === null ? '' : `Every trial covers ${period}. `}Click a column to sort. DSR counts every trial recorded for the strategy on this data.`) + failedCard(data)),
    SORTABLE_SCRIPT,
  ].join('\n');
  return renderPage({ title: `${data.title} — breadth sweep`, body, charts: charts.build() });
}
