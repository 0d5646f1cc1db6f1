// Running a study file and printing its summary: what `breadth study <config>` and
// `breadth run <config>` both do (loaded only when one of them runs).

import { dirname, join, resolve } from 'node:path';
import { loadStudyFile } from '../study/config.ts';
import { runStudy } from '../study/index.ts';
import { outputPlaces } from '../study/pageNames.ts';
import type { loadOptions } from './loadOptions.ts';
import { checkOutputPlaces, printJson, progressBar } from './output.ts';
import { headline, printSummary } from './studySummary.ts';

type LoadOptions = ReturnType<typeof loadOptions>;

export interface StudyFileOptions {
  /** Data path overriding the file's `data`. */
  readonly data?: string;
  /** Folder for the database (default <out>/breadth.db) and the reports (<out>/reports); default the folder of `db`, else `out`. */
  readonly out?: string;
  readonly db?: string;
  readonly reports: boolean;
  readonly json: boolean;
  /** How the data is loaded (--asset-class, --no-cache, --cache-dir). */
  readonly load?: LoadOptions;
}

export async function runStudyFile(file: string, options: StudyFileOptions): Promise<void> {
  const config = loadStudyFile(file, options.data || undefined);
  const { out, db } = outputPlaces(options.out, options.db);
  checkOutputPlaces({ out, db }, options, options.reports);
  const bar = progressBar();
  try {
    const outcome = await runStudy(config, {
      where: file,
      db,
      reportDir: options.reports ? join(out, 'reports') : null,
      baseDir: dirname(resolve(file)),
      ...(options.load ? { load: options.load } : {}),
      progress: { onRun: (k, total, name) => bar.update(k, total, name) },
    });
    bar.stop();
    if (options.json) printJson({ data: outcome.study.market.name, synthetic: outcome.study.market.synthetic, db: outcome.published.db, runs: headline(outcome), comparisons: outcome.published.comparisons });
    else printSummary(outcome);
  } finally {
    bar.stop();
  }
}
