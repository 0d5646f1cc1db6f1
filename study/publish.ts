// Publishing a study: each run goes to SQLite in its own transaction, then every report is
// rendered from the store alone — the same path `breadth report` takes for any stored run. The
// report code is loaded only when reports are asked for.

import { MIGRATIONS, openStore, writeRun } from '../reports/store/index.ts';
import type { StudyConfig } from './config.ts';
import { pagePath } from './pageNames.ts';
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
  /** Folder for the HTML reports (names: study/pageNames.ts); null writes none. */
  readonly reportDir: string | null;
}

/**
 * Stores a study's runs in the SQLite file `options.db` (each run in its own transaction) and,
 * unless `options.reportDir` is null, renders each run's tear sheet and the study's `compare:`
 * pages from the store alone. Returns the stored ids and the pages written.
 * @throws UserError when the store cannot be opened or a page cannot be written (openStore, writeReport).
 */
export async function publishStudy(config: StudyConfig, study: StudyRuns, options: PublishOptions): Promise<Published> {
  const store = openStore(options.db, MIGRATIONS, { discardEmpty: true }); // a new store whose first run fails to be written is not left empty
  try {
    const ids = new Map<string, number>();
    for (const run of study.runs) {
      ids.set(run.name, writeRun(store, { result: run.result, metrics: run.metrics, attribution: run.attribution, label: run.name, sectors: study.market }));
    }
    const stored = study.runs.map((run) => ({ name: run.name, id: ids.get(run.name) ?? -1 }));
    const reportDir = options.reportDir;
    if (reportDir === null) return { db: options.db, runs: stored.map((run) => ({ ...run, report: null })), comparisons: [] };
    const { writeComparison, writeTearSheet } = await import('./reportFiles.ts');
    const runs: PublishedRun[] = stored.map((run) => ({ ...run, report: writeTearSheet(store, run.id, pagePath(reportDir, options.db, run.name)) }));
    const comparisons = config.compare.map((group) => {
      const path = pagePath(reportDir, options.db, `compare-${group.name}`);
      writeComparison(store, `${config.title} — ${group.name}`, group.runs.map((name) => ids.get(name) ?? -1), path);
      return { name: group.name, path };
    });
    return { db: options.db, runs, comparisons };
  } finally {
    store.close();
  }
}
