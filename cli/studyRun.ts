// Running a study file and printing its summary: what `breadth study <config>` and
// `breadth run <config>` both do (loaded only when one of them runs).

import { dirname, join, resolve } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { loadStudyFile } from '../study/config.ts';
import { replayStudy } from '../study/index.ts';
import { openStudyMarket } from '../study/market.ts';
import { publishStudy } from '../study/publish.ts';
import { outputPlaces } from '../study/pageNames.ts';
import { abortOnSignal } from './interrupt.ts';
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
  const reportDir = options.reports ? join(out, 'reports') : null;
  const market = await openStudyMarket(config, options.load);
  // The replay writes nothing, and Ctrl-C ends it at once (a listener would wait for it to end).
  const runs = await replayStudy(market, config, { where: file, db, baseDir: dirname(resolve(file)), progress: { onRun: (k, total, name) => bar.update(k, total, name) } }).finally(() => bar.stop());
  // Ctrl-C is heard from before the runs are stored: one during the (synchronous) writing is heard once they and
  // their pages are, so a new store is never left empty by a run cut off mid-write (probe r68b F2).
  const stored = `interrupted: the study's runs are stored in ${db}${reportDir === null ? '' : ` and their pages written in ${reportDir}`}: breadth runs list ${db} lists them`;
  const published = await abortOnSignal(async (signal) => {
    const done = await publishStudy(config, runs, { db, reportDir });
    await setImmediate(); // a Ctrl-C during the storing is heard here
    signal.throwIfAborted();
    return done;
  }, stored);
  const outcome = { study: runs, published };
  if (options.json) printJson({ data: runs.market.name, synthetic: runs.market.synthetic, db: published.db, runs: headline(outcome), comparisons: published.comparisons });
  else printSummary(outcome);
}
