// Crisis windows: how the run and its benchmark did through named stress periods — 2008, the
// Feb–Mar 2020 crash, 2022 — and any the user names. A window's return runs from the last NAV
// before it starts to the last NAV inside it; a window the run only partly covers (a session day of
// the run's calendar inside the window before its first or after its last date) is marked.

import { dayParts, parseIsoDay } from '../../../data/dates.ts';
import { drawdownSeries, levelChange, levelGapNote } from '../../metrics/index.ts';
import { escapeHtml } from '../page/escape.ts';
import { formatSignedGap } from '../page/format.ts';
import type { NamedWindow } from '../model.ts';
import { navReturns } from '../series.ts';
import { levelGapsNote } from './calendar.ts';
import { percentCell } from './tables.ts';

export const STANDARD_CRISES: readonly NamedWindow[] = [
  { name: '2008 financial crisis', from: '2008-01-01', to: '2008-12-31' },
  { name: 'Covid crash, Feb–Mar 2020', from: '2020-02-01', to: '2020-03-31' },
  { name: '2022 bear market', from: '2022-01-01', to: '2022-12-31' },
];

export interface CrisisRow {
  window: NamedWindow;
  /** The run covers only part of the window. */
  partial: boolean;
  strategy: number;
  /** The benchmark's return over the same sessions; null without one or where it has no level on either end (`benchmarkNote`). */
  benchmark: number | null;
  /** Why `benchmark` is null though there is a benchmark: 'no level on <ISO day>' (periods.ts levelGapNote). */
  benchmarkNote?: string;
  /** Deepest drawdown of the strategy inside the window (from its start). */
  maxDrawdown: number;
}

/**
 * The run covers the window when no day the run could have had a session on lies between an
 * edge of the window and the run's first or last date: a 2022 window (to Saturday 2022-12-31) is
 * covered by a weekday run that ends Friday 2022-12-30, not by a 7-day (crypto) run that does.
 * `weekdays` are the weekdays (0 = Sunday) the run's sessions fall on; holidays are not known.
 */
function covers(weekdays: ReadonlySet<number>, window: NamedWindow, first: string, last: string): boolean {
  const sessionBetween = (from: number, to: number): boolean => {
    for (let d = from; d <= Math.min(to, from + 6); d++) if (weekdays.has(dayParts(d).weekday)) return true;
    return false;
  };
  return !sessionBetween(parseIsoDay(window.from), parseIsoDay(first) - 1) && !sessionBetween(parseIsoDay(last) + 1, parseIsoDay(window.to));
}

/** The windows that overlap the run, measured; user windows after the standard ones. */
export function crisisRows(dates: readonly string[], nav: readonly number[], benchmark: readonly (number | null)[] | undefined, extra: readonly NamedWindow[] = []): CrisisRow[] {
  const out: CrisisRow[] = [];
  const sessionWeekdays = new Set(dates.map((d) => dayParts(parseIsoDay(d)).weekday));
  const first = dates[0];
  const last = dates[dates.length - 1];
  for (const window of [...STANDARD_CRISES, ...extra]) {
    if (window.to < first || window.from > last) continue;
    const start = Math.max(0, dates.findIndex((d) => d >= window.from) - 1);
    let end = dates.length - 1;
    while (end > 0 && dates[end] > window.to) end--;
    if (end <= start) continue;
    const slice = nav.slice(start, end + 1);
    const dd = drawdownSeries(navReturns(slice));
    const note = benchmark === undefined ? undefined : levelGapNote(benchmark, dates, start, end);
    out.push({
      ...(note === undefined ? {} : { benchmarkNote: note }),
      window,
      partial: !covers(sessionWeekdays, window, first, last),
      strategy: slice[slice.length - 1] / slice[0] - 1,
      benchmark: benchmark === undefined ? null : levelChange(benchmark, start, end),
      maxDrawdown: Math.min(0, ...dd),
    });
  }
  return out;
}


export function crisisTable(rows: readonly CrisisRow[], strategyName: string, benchmarkName: string | undefined): string {
  if (rows.length === 0) return '<p class="empty">The run covers none of the crisis windows (2008, Feb–Mar 2020, 2022); name your own with <code>breadth report --crisis "name:YYYY-MM-DD:YYYY-MM-DD"</code>.</p>';
  const body = rows.map(
    (r) =>
      `<tr><td class="t">${escapeHtml(r.window.name)}${r.partial ? '*' : ''}</td><td>${escapeHtml(r.window.from)} to ${escapeHtml(r.window.to)}</td>${percentCell(r.strategy)}${benchmarkName === undefined ? '' : `${percentCell(r.benchmark)}${r.benchmark === null ? '<td class="na">–</td>' : `<td>${formatSignedGap((r.strategy - r.benchmark) * 100, 2)} pp</td>`}`}${percentCell(r.maxDrawdown)}</tr>`,
  );
  const head = ['<th scope="col" class="t">Window</th>', '<th scope="col">Dates</th>', `<th scope="col">${escapeHtml(strategyName)}</th>`];
  if (benchmarkName !== undefined) head.push(`<th scope="col">${escapeHtml(benchmarkName)}</th>`, '<th scope="col">Excess</th>');
  head.push('<th scope="col">Max drawdown inside</th>');
  return `<div class="table-scroll"><table><thead><tr>${head.join('')}</tr></thead><tbody>${body.join('')}</tbody></table></div>${rows.some((r) => r.partial) ? '<p class="sub">* the run covers only part of this window.</p>' : ''}${benchmarkName === undefined ? '' : levelGapsNote(rows.map((r) => [r.window.name, r.benchmarkNote]), benchmarkName, 'window')}`;
}
