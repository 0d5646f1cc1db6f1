// Choosing among trials: by a metric, in its better direction, with the registry's DSR and the
// sweep's PBO beside the choice.

import { dsrOfMoments, type Metric, type PboResult, probabilityOfBacktestOverfitting, type SharpeTrials } from '../../reports/metrics/index.ts';
import type { TrialRecord } from '../../reports/store/index.ts';
import { UserError } from '../../data/errors.ts';

/** Metrics where less is better; every other metric is maximised (max_drawdown is ≤ 0, so the shallowest wins). */
const LOWER_IS_BETTER = new Set(['annual_volatility', 'downside_risk', 'ulcer_index', 'max_drawdown_duration', 'tracking_error', 'turnover']);

export const lowerIsBetter = (metric: string): boolean => LOWER_IS_BETTER.has(metric) || metric.startsWith('cost_');

/** The trial's value of `metric` oriented so larger is better; −Infinity where it has none. */
export function score(trial: TrialRecord, metric: string): number {
  const v = trial.metrics[metric];
  if (v === null || v === undefined || !Number.isFinite(v)) return -Infinity;
  return lowerIsBetter(metric) ? -v : v;
}

/** A UserError unless the trials measure `metric` (`where` names the option or key). */
export function checkMetric(trials: readonly TrialRecord[], metric: string, where: string): void {
  if (trials.length === 0 || metric in trials[0].metrics) return;
  const names = Object.keys(trials[0].metrics);
  throw new UserError(`${where}: "${metric}" is not a metric of these trials; use a METRICS.md name such as ${names.filter((n) => !n.startsWith('cost_')).slice(0, 12).join(', ')}, …`);
}

/** The trial with the best `metric` (the first of equals), or null when none has a value. */
export function bestTrial<T extends TrialRecord>(trials: readonly T[], metric: string): T | null {
  let best: T | null = null;
  for (const t of trials) if (score(t, metric) > (best === null ? -Infinity : score(best, metric))) best = t;
  return best;
}

/** Trials ranked best first by `metric` (ties keep sweep order). */
export function ranked<T extends TrialRecord>(trials: readonly T[], metric: string): T[] {
  return [...trials].sort((a, b) => score(b, metric) - score(a, metric) || a.seq - b.seq);
}

/** A trial's DSR over the trials the registry holds for its strategy and data. */
export function trialDsr(trial: TrialRecord, recorded: SharpeTrials | undefined): Metric {
  return dsrOfMoments(trial.moments, recorded);
}

export type SweepPbo = { readonly result: PboResult; readonly trials: number } | { readonly note: string };

/**
 * PBO over the trials that share the best trial's sessions (same period: their returns line up
 * row for row). A note instead when it cannot be had: fewer than 2 such trials, or too few sessions.
 */
export function sweepPbo(trials: readonly TrialRecord[], best: TrialRecord | null, blocks: number): SweepPbo {
  if (best === null) return { note: 'no trial has a value for the chosen metric' };
  const same = trials.filter((t) => t.periodFrom === best.periodFrom && t.periodTo === best.periodTo && t.returns.length === best.returns.length);
  if (same.length < 2) return { note: `PBO needs at least 2 trials over the same period, this sweep has ${same.length} over ${best.periodFrom}..${best.periodTo}` };
  try {
    return { result: probabilityOfBacktestOverfitting({ returns: same.map((t) => t.returns), blocks }), trials: same.length };
  } catch (err) {
    return { note: (err as Error).message };
  }
}

/** The trials' caveats, one line per kind: how many trials have it and the first one's message. */
export function caveatNotes(trials: readonly TrialRecord[]): string[] {
  const byCode = new Map<string, { count: number; message: string }>();
  for (const t of trials) {
    for (const code of new Set(t.caveats.map((c) => c.code))) {
      const seen = byCode.get(code);
      if (seen) seen.count++;
      else byCode.set(code, { count: 1, message: t.caveats.find((c) => c.code === code)?.message ?? code });
    }
  }
  return [...byCode.values()].map(({ count, message }) => (count === trials.length ? `every trial: ${message}` : `${count} of ${trials.length} trials, e.g.: ${message}`));
}
