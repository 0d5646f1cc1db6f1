// The sweep page of a sweep's outcome (trials as read back from the registry) and its kept runs'
// tear sheets, and the walk-forward page of a walk-forward test (with the stitched run's tear sheet).

import { mkdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { RUN_CURRENCY, writeReport } from '../../reports/html/index.ts';
import { renderSweepPage, type SweepPageData } from '../../reports/html/sweep/sweepPage.ts';
import { renderWalkForwardPage } from '../../reports/html/sweep/walkForwardPage.ts';
import { getRun, openStore } from '../../reports/store/index.ts';
import { pagePath } from '../pageNames.ts';
import { writeTearSheet } from '../reportFiles.ts';
import type { SweepOutcome } from './runSweep.ts';
import type { WalkForwardOutcome } from './walkForward/runWalkForward.ts';

export function sweepPageData(outcome: SweepOutcome, title: string): SweepPageData {
  const pbo = outcome.pbo;
  const best = outcome.best;
  const recorded = best === null ? undefined : outcome.recorded.get(best.trial.strategy);
  return {
    title,
    dataName: outcome.market.name,
    synthetic: outcome.market.synthetic,
    metric: outcome.metric,
    planned: outcome.planned,
    trials: outcome.trials.map((t) => ({
      name: t.name,
      values: t.values,
      metrics: t.metrics,
      dsr: outcome.dsr.get(t.key)?.value ?? null,
      period: `${t.periodFrom} → ${t.periodTo}`,
      fillsHash: t.fillsHash,
      runId: t.runId,
    })),
    failed: outcome.failed.map((f) => ({ name: f.name, message: f.message })),
    refused: outcome.refused,
    best: best === null ? null : { name: best.trial.name, sharpe: best.trial.metrics.sharpe ?? null, dsr: best.dsr.value, dsrNote: best.dsr.note ?? null, recorded: recorded ?? null },
    pbo:
      'note' in pbo
        ? pbo
        : {
            pbo: pbo.result.pbo,
            probabilityOfLoss: pbo.result.probabilityOfLoss,
            logits: pbo.result.logits,
            isSharpe: pbo.result.isSharpe,
            oosSharpe: pbo.result.oosSharpe,
            slope: pbo.result.degradation.slope,
            intercept: pbo.result.degradation.intercept,
            rSquared: pbo.result.degradation.rSquared,
            blocks: pbo.result.blocks,
            combinations: pbo.result.combinations,
            trials: pbo.trials,
          },
    notes: outcome.notes,
  };
}

/** Write the sweep page to `path`; returns the path. */
export function writeSweepPage(outcome: SweepOutcome, path: string, title = 'breadth'): string {
  mkdirSync(dirname(path), { recursive: true });
  writeReport(path, renderSweepPage(sweepPageData(outcome, title)));
  return path;
}

/**
 * The tear sheets of the sweep's kept runs, as `breadth study` writes its runs' (the same writer):
 * `<dir>/sweep-<sweep id>-best-<rank>.html` (with the database's name, less .db, before it unless it is
 * breadth.db: study/pageNames.ts), rank 1 the best kept. Returns each kept run's path by run id.
 */
export function writeKeptTearSheets(outcome: SweepOutcome, dir: string): Map<number, string> {
  const store = openStore(outcome.db);
  try {
    return new Map(outcome.kept.map((k, i) => [k.runId, writeTearSheet(store, k.runId, pagePath(dir, outcome.db, `sweep-${outcome.sweepId}-best-${i + 1}`))]));
  } finally {
    store.close();
  }
}

/**
 * The walk-forward page (and the stitched run's tear sheet beside it) of one tested run, from the
 * store: `<dir>/walk-forward-<id>.html` and `<dir>/<run>-walk-forward-<id>.html` (the database's name
 * before each unless it is breadth.db: study/pageNames.ts), both named by the walk-forward's id so
 * a second walk-forward of the same run never overwrites the tear sheet the first page links.
 * Returns both paths; null when the stitched run was not stored.
 */
export function writeWalkForwardPage(db: string, outcome: WalkForwardOutcome, dir: string, title = 'breadth'): { page: string; tearSheet: string } | null {
  if (outcome.runId === null) return null;
  const store = openStore(db);
  try {
    const stored = getRun(store, outcome.runId);
    if (!stored) return null;
    const tearSheet = writeTearSheet(store, outcome.runId, pagePath(dir, db, `${outcome.run}-walk-forward-${outcome.sweepId}`));
    const page = pagePath(dir, db, `walk-forward-${outcome.sweepId}`);
    writeReport(
      page,
      renderWalkForwardPage({
        title: `${title} — ${outcome.run}`,
        dataName: outcome.market.name,
        synthetic: outcome.market.synthetic,
        mode: outcome.mode,
        metric: outcome.metric,
        trials: outcome.trials,
        failed: [...outcome.refused, ...outcome.failed],
        refused: outcome.refused.length,
        windows: outcome.windows,
        efficiency: outcome.efficiency,
        efficiencyNote: outcome.efficiencyNote,
        oosAnnualReturn: outcome.oosAnnualReturn,
        oosSharpe: outcome.oosSharpe,
        stitched: {
          runId: outcome.runId,
          dates: stored.daily.dates,
          nav: stored.daily.columns.nav,
          benchmark: stored.run.benchmark === null ? null : { name: stored.run.benchmark, levels: stored.daily.benchmarkLevel },
          tearSheet: basename(tearSheet),
          caveats: stored.caveats,
          currency: RUN_CURRENCY,
        },
        notes: outcome.notes,
      }),
    );
    return { page, tearSheet };
  } finally {
    store.close();
  }
}
