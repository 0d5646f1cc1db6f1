// Calendar returns: the yearly table (strategy, benchmark, excess, winner; partial years marked)
// and the month × year heatmap with a year-total column, coloured on a colour-blind-safe scale
// whose caps the page states. Period returns compound the NAV over the calendar bucket
// (METRICS.md "period returns"); the benchmark's are its level at the bucket's last session over
// its level at the previous bucket's last, blank (with the reason) where it has no level on either:
// a day it lacks is neither a 0 % day nor bridged from an earlier level (a longer span).

import { levelChange, levelGapNote, percentileSorted, periodReturns, sortedNonNaN } from '../../metrics/index.ts';
import type { HeatmapSpec } from '../page/charts.ts';
import { escapeHtml } from '../page/escape.ts';
import { divergingFill, inkFor } from '../page/heatmapColors.ts';
import { epochDays, navReturns } from '../series.ts';
import { percentCell, signClass } from './tables.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface YearRow {
  year: string;
  /** The run covers only part of the year (it starts after Jan 7 or ends before Dec 24). */
  partial: boolean;
  from: string;
  to: string;
  strategy: number;
  /** The benchmark's return over the same sessions; null without a benchmark or where it has no level on the year's last session or the one before it (`benchmarkNote`). */
  benchmark: number | null;
  /** Why `benchmark` is null though there is a benchmark: 'no level on <ISO day>' (periods.ts levelGapNote). */
  benchmarkNote?: string;
}

/**
 * Year `year` (YYYY), k of `count`, is partial when it is the first and the run starts in it
 * (`from`, its start session) after Jan 7, or the last and the run ends (`to`) before Dec 24 (ISO
 * dates). A run that starts on a December 29 measures the next year from its first day.
 */
export const partialYear = (year: string, k: number, count: number, from: string, to: string): boolean => partialYearStart(year, k, from) || partialYearEnd(k, count, to);

/** The first half of partialYear: year `year`, k of the run's years, is cut at its start (the run starts in it, `from`, after Jan 7). */
export const partialYearStart = (year: string, k: number, from: string): boolean => k === 0 && from.slice(0, 4) === year && from.slice(5) > '01-07';

/** The second half of partialYear: the year, k of `count`, is cut at its end (the run ends, `to`, before Dec 24). */
export const partialYearEnd = (k: number, count: number, to: string): boolean => k === count - 1 && to.slice(5) < '12-24';

/** Each calendar year of the run, with the benchmark's return over the same sessions. */
export function yearRows(dates: readonly string[], nav: readonly number[], benchmark?: readonly (number | null)[]): YearRow[] {
  const days = epochDays(dates);
  const years = periodReturns(days.subarray(1), navReturns(nav), 'year');
  return years.map((y, k) => {
    const first = k === 0 ? dates[0] : dates[y.start + 1];
    const last = dates[y.end];
    const row: YearRow = { year: y.period, partial: partialYear(y.period, k, years.length, first, last), from: first, to: last, strategy: y.value, benchmark: benchmark === undefined ? null : levelChange(benchmark, y.start, y.end) };
    const note = benchmark === undefined ? undefined : levelGapNote(benchmark, dates, y.start, y.end);
    return note === undefined ? row : { ...row, benchmarkNote: note };
  });
}


/** r − b in percentage points as shown (two decimals), so a difference that rounds away is a tie, not a win. */
const shownExcess = (r: YearRow): number | null => (r.benchmark === null ? null : Math.round((r.strategy - r.benchmark) * 10_000) / 100);

/** Year, strategy, benchmark, excess (percentage points) and the year's winner. */
export function yearlyTable(rows: readonly YearRow[], strategyName: string, benchmarkName: string | undefined): string {
  const body = rows.map((r) => {
    const excess = shownExcess(r);
    const winner = excess === null ? '–' : excess > 0 ? escapeHtml(strategyName) : excess < 0 ? escapeHtml(benchmarkName ?? '') : 'tie';
    const year = r.partial ? `${r.year}* <span class="muted">${escapeHtml(r.from.slice(5))} to ${escapeHtml(r.to.slice(5))}</span>` : r.year;
    return `<tr><td>${year}</td>${percentCell(r.strategy)}${benchmarkName === undefined ? '' : `${percentCell(r.benchmark)}${excess === null ? '<td class="na">–</td>' : `<td class="${signClass(excess)}">${excess > 0 ? '+' : ''}${(excess === 0 ? 0 : excess).toFixed(2)} pp</td>`}<td class="t">${winner}</td>`}</tr>`;
  });
  const head = ['<th scope="col" class="t">Year</th>', `<th scope="col">${escapeHtml(strategyName)}</th>`];
  if (benchmarkName !== undefined) head.push(`<th scope="col">${escapeHtml(benchmarkName)}</th>`, '<th scope="col">Excess</th>', '<th scope="col" class="t">Winner</th>');
  const won = rows.filter((r) => (shownExcess(r) ?? 0) > 0).length;
  const tied = rows.filter((r) => shownExcess(r) === 0).length;
  const wins = benchmarkName === undefined ? '' : `<p class="sub">${escapeHtml(strategyName)} won ${won} of ${rows.filter((r) => r.benchmark !== null).length} years${tied > 0 ? ` (${tied} tied to 0.01 pp)` : ''}.</p>`;
  return `${wins}<div class="table-scroll"><table><thead><tr>${head.join('')}</tr></thead><tbody>${body.join('')}</tbody></table></div>${rows.some((r) => r.partial) ? '<p class="sub">* partial year: the run covers only the dates shown.</p>' : ''}${benchmarkName === undefined ? '' : levelGapsNote(rows.map((r) => [r.year, r.benchmarkNote]), benchmarkName, 'year')}`;
}

/**
 * The note under a table whose benchmark cells are blank for want of a level: which rows, and why
 * (each `[label, note]`, note undefined where the cell has a value); '' when none is blank so.
 */
export function levelGapsNote(rows: readonly (readonly [label: string, note: string | undefined])[], benchmarkName: string, unit: string): string {
  const gaps = rows.filter((r): r is readonly [string, string] => r[1] !== undefined).map(([label, note]) => `${escapeHtml(label)}: ${escapeHtml(note)}`);
  if (gaps.length === 0) return '';
  return `<p class="sub">– ${escapeHtml(benchmarkName)} has no return over the same sessions (${gaps.join('; ')}): it needs a level on both sessions the ${unit}'s NAV return runs between (the ${unit}'s last, and the one its first return starts from); from another day it would span a longer period.</p>`;
}

/** Colour cap: the 95th-percentile magnitude, so one crash month does not wash out the rest. */
export function colourCap(values: readonly number[]): number {
  return Math.max(percentileSorted(sortedNonNaN(values.map(Math.abs)), 95) || 0, 0.005);
}

/**
 * Month `month` (YYYY-MM), k of `count`, is partial when it is the first and the run starts in it
 * (`from`, its start session) after its 4th, or the last and the run ends (`to`) before its 26th:
 * a month's first session falls on the 4th at the latest (a Labor Day after a weekend) and its
 * last on the 26th at the earliest (a February ending on a weekend), as partialYear allows a
 * year's holidays.
 */
export const partialMonth = (month: string, k: number, count: number, from: string, to: string): boolean => (k === 0 && from.slice(0, 7) === month && from.slice(8) > '04') || (k === count - 1 && to.slice(8) < '26');

/** Months × years with a year-total column; partial months and years are starred. Caps are returned for the caption. */
export function monthlyHeatmap(id: string, dates: readonly string[], nav: readonly number[], years: readonly YearRow[]): { spec: HeatmapSpec; monthCap: number; yearCap: number } {
  const months = periodReturns(epochDays(dates).subarray(1), navReturns(nav), 'month');
  const starred = months.flatMap((m, k) => (partialMonth(m.period, k, months.length, dates[0], dates[dates.length - 1]) ? [k] : []));
  const labels = years.map((y) => (y.partial ? `${y.year}*` : y.year));
  const row = new Map(years.map((y, k) => [y.year, k]));
  const monthCap = colourCap(months.map((m) => m.value));
  const yearCap = colourCap(years.map((y) => y.strategy));
  const cells: [number, number, number][] = [];
  const fills: string[] = [];
  const add = (x: number, y: number, value: number, cap: number): void => {
    cells.push([x, y, Number(value.toPrecision(6))]);
    const fill = divergingFill(value, cap);
    fills.push(fill);
  };
  for (const m of months) add(Number(m.period.slice(5, 7)) - 1, row.get(m.period.slice(0, 4)) ?? 0, m.value, monthCap);
  years.forEach((y, k) => add(12, k, y.strategy, yearCap));
  return { spec: { type: 'heatmap', id, format: 'percent', x: [...MONTHS, 'Year'], y: labels, cells, fills, inks: fills.map(inkFor), ...(starred.length > 0 ? { starred } : {}) }, monthCap, yearCap };
}
