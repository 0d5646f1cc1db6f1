// The walk-forward page: the windows and the parameters chosen in each, in-sample against
// out-of-sample per window, the walk-forward efficiency, the stitched out-of-sample equity
// against the benchmark (its tear sheet has the rest), and what changes how they read — the
// stitched run's high and medium caveats (a period that starts later or ends earlier than asked)
// and the windows' notes (a span cut short, the in-sample trials' caveats). Self-contained HTML on
// the shared layout.

import { changesReading } from '../../../engine/caveats/caveats.ts';
import { describeValue } from '../../describeValue.ts';
import { ChartPayloadBuilder, COLORS, compact, type LineSeriesSpec } from '../page/charts.ts';
import { escapeHtml } from '../page/escape.ts';
import { formatCount, formatPercent, formatRatio } from '../page/format.ts';
import { badges } from '../header.ts';
import { card, chartCard, renderPage, section } from '../page/layout.ts';
import { metricInfo } from '../metricCatalog.ts';
import type { WindowRecord } from '../../store/walkForward.ts';
import type { ReportCaveat } from '../model.ts';
import { caveatList } from '../tearSheet/caveats.ts';
import { failedTrialsCard, PERIOD_BREAKS, SORTABLE_SCRIPT, sortableTable, tiles, WIDGET_STYLES, wrapAt } from './pageWidgets.ts';

/** A window as the store keeps it (reports/store/walkForward.ts), less its trial key and parameters. */
export type WalkForwardWindowRow = Omit<WindowRecord, 'trialKey' | 'params'>;

export interface WalkForwardPageData {
  readonly title: string;
  readonly dataName: string;
  readonly synthetic: boolean;
  readonly mode: string;
  readonly metric: string;
  readonly trials: number;
  /**
   * In-sample trials that gave no result, each with its one line of why: the points the strategy's
   * parameter check refused (first, `refused` of them; never run, not among `trials`), then the
   * trials that ran and failed (never a window's choice).
   */
  readonly failed: readonly { readonly name: string; readonly message: string }[];
  readonly refused: number;
  readonly windows: readonly WalkForwardWindowRow[];
  readonly efficiency: number | null;
  /** Why `efficiency` is null (a mean in-sample annual return ≤ 0), shown under it; null when it has a value. */
  readonly efficiencyNote: string | null;
  readonly oosAnnualReturn: number | null;
  readonly oosSharpe: number | null;
  /**
   * The stitched run: its dates, NAV and benchmark level (NaN where none), a link to its tear sheet,
   * its caveats as stored (ranked; those that change how it reads are shown) and its currency.
   */
  readonly stitched: { readonly runId: number; readonly dates: readonly string[]; readonly nav: ArrayLike<number>; readonly benchmark: { readonly name: string; readonly levels: ArrayLike<number> } | null; readonly tearSheet: string | null; readonly caveats: readonly ReportCaveat[]; readonly currency: string };
  /** What the windows say beside the table (study/sweep/walkForward/windowNotes.ts). */
  readonly notes: readonly string[];
}

const pct = (x: number | null): string => (x === null ? '—' : formatPercent(x));

/** The stitched run's caveats that change how it reads, and the windows' notes; '' when there is neither. */
function notesSection(data: WalkForwardPageData): string {
  const s = data.stitched;
  const shown = s.caveats.filter(changesReading);
  if (shown.length === 0 && data.notes.length === 0) return '';
  const more = s.caveats.length - shown.length;
  const where = s.tearSheet ? `<a href="${escapeHtml(s.tearSheet)}">its tear sheet</a>` : 'its tear sheet';
  const caveats = shown.length === 0 ? '' : `<h3>The stitched run</h3>${caveatList(shown, s.currency)}${more > 0 ? `<p class="sub">${formatCount(more)} more caveat${more === 1 ? '' : 's'} in ${where}.</p>` : ''}`;
  const notes = data.notes.length === 0 ? '' : `<h3>The windows</h3><ul>${data.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`;
  return `<section class="card warnings" id="notes" role="note"><h2>Notes</h2>${caveats}${notes}</section>`;
}
const ratio = (x: number | null): string => (x === null ? '—' : formatRatio(x));
const shown = describeValue;

export function renderWalkForwardPage(data: WalkForwardPageData): string {
  const charts = new ChartPayloadBuilder();
  const labels = data.windows.map((w) => `${w.oosFrom.slice(0, 7)}`);
  charts.add({
    type: 'bar',
    id: 'is-oos',
    format: 'percent',
    categories: labels,
    series: [
      { name: 'in sample (chosen trial)', values: data.windows.map((w) => w.isAnnualReturn), color: COLORS.runs[1] },
      { name: 'out of sample', values: data.windows.map((w) => w.oosAnnualReturn), color: COLORS.runs[0] },
    ],
  });
  const s = data.stitched;
  const axis = charts.axis(s.dates);
  const first = s.nav[0];
  const equity = Array.from(s.nav, (v) => v / first);
  const series: LineSeriesSpec[] = [{ name: 'stitched out of sample', x: axis, values: compact(equity), color: COLORS.runs[0] }];
  if (s.benchmark) {
    const levels = Array.from(s.benchmark.levels);
    const base = levels.find((v) => Number.isFinite(v)) ?? NaN;
    series.push({ name: s.benchmark.name, x: axis, values: compact(levels.map((v) => v / base)), color: COLORS.runs[1] });
  }
  charts.add({ type: 'line', id: 'stitched', format: 'multiple', series, logToggle: true, zoom: true, areas: data.windows.map((w, k) => ({ from: w.oosFrom, to: w.oosTo, label: k % 2 === 0 ? `window ${k + 1}` : '' })).filter((a) => a.label !== '') });

  const axes = data.windows.length > 0 ? Object.keys(data.windows[0].values) : [];
  // The selection metric's own column, unless it is one the table shows anyway (IS Sharpe, IS annual return).
  const chosenBy = data.metric === 'sharpe' || data.metric === 'annual_return' ? undefined : metricInfo(data.metric);
  const table = sortableTable(
    'window-table', // not 'windows': the section holding it has that id
    ['window', 'in sample', 'out of sample', ...axes, ...(chosenBy === undefined ? [] : [`IS ${chosenBy.label}`]), 'IS annual return', 'IS Sharpe', 'OOS annual return', 'OOS Sharpe', 'efficiency'],
    data.windows.map((w, k) => [
      // Long notes wrap inside their cells (at a word; a period after its arrow), so the table fits a desktop card.
      wrapAt({ text: w.fallback ? `${k + 1} (fallback: ${metricInfo(data.metric).label} is undefined for every in-sample trial; the first point ran)` : String(k + 1), sort: k + 1 }, / /),
      wrapAt({ text: `${w.isFrom} → ${w.isTo}` }, PERIOD_BREAKS),
      wrapAt({ text: `${w.oosFrom} → ${w.oosTo}${w.cut ? ' (cut short: see the notes)' : ''}` }, PERIOD_BREAKS),
      ...axes.map((a) => ({ text: shown(w.values[a]), sort: typeof w.values[a] === 'number' ? (w.values[a] as number) : shown(w.values[a]) })),
      ...(chosenBy === undefined ? [] : [{ text: chosenBy.kind === 'percent' ? pct(w.isMetric) : ratio(w.isMetric), sort: w.isMetric }]),
      { text: pct(w.isAnnualReturn), sort: w.isAnnualReturn },
      { text: ratio(w.isSharpe), sort: w.isSharpe },
      { text: pct(w.oosAnnualReturn), sort: w.oosAnnualReturn },
      { text: ratio(w.oosSharpe), sort: w.oosSharpe },
      { text: ratio(w.efficiency), sort: w.efficiency },
    ]),
  );
  const notes = notesSection(data);
  const link = s.tearSheet ? ` · <a href="${escapeHtml(s.tearSheet)}">tear sheet of the stitched run</a>` : '';
  const header = `<header class="card"><div class="title-row"><h1>${escapeHtml(data.title)} — walk-forward</h1>${badges({ synthetic: data.synthetic, lookAheadProne: false })}</div>
<dl class="manifest"><dt>Data</dt><dd>${escapeHtml(data.dataName)}</dd><dt>Windows</dt><dd>${formatCount(data.windows.length)} ${escapeHtml(data.mode)}, chosen by in-sample ${escapeHtml(metricInfo(data.metric).label)} among ${formatCount(data.trials)} trial${data.trials === 1 ? '' : 's'}${data.failed.length ? `; ${formatCount(data.failed.length)} failed or refused (<a href="#windows">listed with why</a>)` : ''}</dd><dt>Stitched run</dt><dd>run ${s.runId}${link}</dd></dl>
<nav class="toc" aria-label="Sections">${notes === '' ? '' : '<a href="#notes">Notes</a>'}<a href="#summary">Summary</a><a href="#equity">Equity</a><a href="#windows">Windows</a></nav></header>`;
  const body = [
    WIDGET_STYLES,
    header,
    notes,
    section(
      'summary',
      'Summary',
      tiles([
        { label: 'Walk-forward efficiency', value: ratio(data.efficiency), sub: data.efficiencyNote ?? 'OOS annual return / mean IS annual return' },
        { label: 'OOS annual return', value: pct(data.oosAnnualReturn), sub: 'the stitched run' },
        { label: 'OOS Sharpe', value: ratio(data.oosSharpe) },
        { label: 'Windows', value: formatCount(data.windows.length), sub: data.mode },
      ]),
    ),
    section('equity', 'Stitched out-of-sample equity', chartCard({ id: 'stitched', title: `Growth of 1${s.benchmark ? ` against ${s.benchmark.name}` : ''}`, note: 'One continuous run: each window’s choice trades from the start of its out-of-sample span.', tall: true, logToggle: true })),
    section('windows', 'Windows', chartCard({ id: 'is-oos', title: 'Annual return in sample and out of sample', note: 'Per window, by the month its out-of-sample span starts.' }) + card('Windows and choices', table, 'Efficiency = OOS annual return / IS annual return of the chosen trial; undefined (—) where that in-sample return is ≤ 0: see the notes.') + failedTrialsCard(data.failed, data.refused, 'Never a window’s choice.', 'breadth walk-forward --json')),
    SORTABLE_SCRIPT,
  ].join('\n');
  return renderPage({ title: `${data.title} — breadth walk-forward`, body, charts: charts.build() });
}
