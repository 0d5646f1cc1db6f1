// Publishing a study: each run goes to SQLite in its own transaction, then every report is
// rendered from the store alone — the same path `breadth report` takes for any stored run.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { comparisonRunFromStoredRun, type NamedWindow, renderComparison, renderTearSheet, tearSheetFromStoredRun, writeReport } from '../reports/html/index.ts';
import { getRun, openStore, writeRun, type Store } from '../reports/store/index.ts';
import type { StudyConfig } from './config.ts';
import type { StudyRuns } from './runStudy.ts';

export interface PublishedRun {
  readonly name: string;
  readonly id: number;
  readonly report: string | null;
}

export interface Published {
  readonly db: string;
  readonly runs: PublishedRun[];
  readonly comparisons: { readonly name: string; readonly path: string }[];
}

export interface PublishOptions {
  readonly db: string;
  /** Folder for the HTML reports; null writes none. */
  readonly reportDir: string | null;
}

export function publishStudy(config: StudyConfig, study: StudyRuns, options: PublishOptions): Published {
  const store = openStore(options.db);
  try {
    const ids = new Map<string, number>();
    for (const run of study.runs) {
      ids.set(run.name, writeRun(store, { result: run.result, metrics: run.metrics, attribution: run.attribution, label: run.name, sectors: study.market }));
    }
    const runs: PublishedRun[] = study.runs.map((run) => {
      const id = ids.get(run.name) ?? -1;
      const report = options.reportDir ? writeTearSheet(store, id, join(options.reportDir, `${run.name}.html`)) : null;
      return { name: run.name, id, report };
    });
    const comparisons = options.reportDir
      ? config.compare.map((group) => {
          const path = join(options.reportDir as string, `compare-${group.name}.html`);
          writeComparison(store, `${config.title} — ${group.name}`, group.runs.map((name) => ids.get(name) ?? -1), path);
          return { name: group.name, path };
        })
      : [];
    return { db: options.db, runs, comparisons };
  } finally {
    store.close();
  }
}

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

/** A comparison of stored runs (the first is the reference) as HTML: metrics over their common period, or each run's full period. */
export function comparisonHtml(store: Store, title: string, ids: readonly number[], period: 'common' | 'full' = 'common'): string {
  const runs = ids.map((id) => {
    const stored = getRun(store, id);
    if (!stored) throw new RangeError(`no run ${id}`);
    return comparisonRunFromStoredRun(stored);
  });
  return renderComparison({ title, runs, period });
}

/** Render a comparison of stored runs (the first is the reference) to `path`. */
export function writeComparison(store: Store, title: string, ids: readonly number[], path: string, period: 'common' | 'full' = 'common'): string {
  const html = comparisonHtml(store, title, ids, period);
  mkdirSync(join(path, '..'), { recursive: true });
  writeReport(path, html);
  return path;
}
