// The sweep page of a sweep's outcome (trials as read back from the registry).

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeReport } from '../../reports/html/index.ts';
import { renderSweepPage, type SweepPageData } from '../../reports/html/sweepPage.ts';
import type { SweepOutcome } from './runSweep.ts';

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
