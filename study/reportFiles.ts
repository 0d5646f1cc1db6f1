// Rendering stored runs to HTML files: a run's tear sheet, or a comparison of several — from the
// results store alone, so any stored run can be re-rendered later.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { comparisonRunFromStoredRun, renderComparison, renderTearSheet, tearSheetFromStoredRun, writeReport } from '../reports/html/index.ts';
import { getRun, type Store } from '../reports/store/index.ts';

/** Render a stored run's tear sheet to `path`. */
export function writeTearSheet(store: Store, id: number, path: string): string {
  const stored = getRun(store, id);
  if (!stored) throw new RangeError(`no run ${id}`);
  mkdirSync(join(path, '..'), { recursive: true });
  writeReport(path, renderTearSheet(tearSheetFromStoredRun(stored)));
  return path;
}

/** Render a comparison of stored runs (the first is the reference) to `path`. */
export function writeComparison(store: Store, title: string, ids: readonly number[], path: string): string {
  const runs = ids.map((id) => {
    const stored = getRun(store, id);
    if (!stored) throw new RangeError(`no run ${id}`);
    return comparisonRunFromStoredRun(stored);
  });
  mkdirSync(join(path, '..'), { recursive: true });
  writeReport(path, renderComparison({ title, runs }));
  return path;
}
