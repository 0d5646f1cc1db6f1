// Rendering stored runs to HTML files: a run's tear sheet, or a comparison of several — from the
// results store alone, so any stored run can be re-rendered later.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { commonPeriodNotes, comparisonRunFromStoredRun, type NamedWindow, renderComparison, renderTearSheet, tearSheetFromStoredRun, writeReport } from '../reports/html/index.ts';
import { getRun, type Store } from '../reports/store/index.ts';

/** A stored run's tear sheet as HTML, with extra crisis windows to measure. */
export function tearSheetHtml(store: Store, id: number, crises: readonly NamedWindow[] = []): string {
  const stored = getRun(store, id);
  if (!stored) throw new RangeError(`no run ${id}`);
  return renderTearSheet({ ...tearSheetFromStoredRun(stored), crises: [...crises] });
}

/** Render a stored run's tear sheet to `path`. */
export function writeTearSheet(store: Store, id: number, path: string): string {
  const html = tearSheetHtml(store, id);
  mkdirSync(join(path, '..'), { recursive: true });
  writeReport(path, html);
  return path;
}

/**
 * A comparison of stored runs (the first is the reference) as HTML: metrics over their common
 * period, or each run's full period; with what the page says about a common period shorter than
 * the runs, short itself, or missing (comparisonMeasures.ts commonPeriodNotes), for the terminal.
 * @throws RangeError for an id with no stored run.
 */
export function comparisonHtml(store: Store, title: string, ids: readonly number[], period: 'common' | 'full' = 'common'): { html: string; notes: string[] } {
  const runs = ids.map((id) => {
    const stored = getRun(store, id);
    if (!stored) throw new RangeError(`no run ${id}`);
    return comparisonRunFromStoredRun(stored);
  });
  return { html: renderComparison({ title, runs, period }), notes: commonPeriodNotes(runs, period) };
}

/** Render a comparison of stored runs (the first is the reference) to `path`. */
export function writeComparison(store: Store, title: string, ids: readonly number[], path: string): string {
  const { html } = comparisonHtml(store, title, ids);
  mkdirSync(join(path, '..'), { recursive: true });
  writeReport(path, html);
  return path;
}
