// Publishing a study: each run goes to SQLite in its own transaction, then every report is
// rendered from the store alone — the same path `breadth report` takes for any stored run.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { comparisonRunFromStoredRun, renderComparison, renderTearSheet, tearSheetFromStoredRun, writeReport } from '../reports/html/index.ts';
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
      ids.set(run.name, writeRun(store, { result: run.result, metrics: run.metrics, attribution: run.attribution, label: run.name }));
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
