// Choosing among trials: by a metric, in its better direction, with the registry's DSR and the
// sweep's PBO beside the choice.

import { dsrOfMoments, excessReturns, type Metric, type PboResult, probabilityOfBacktestOverfitting, type RiskFree, sameButRounding, sharpeMoments, type SharpeTrials } from '../../reports/metrics/index.ts';
import type { TrialRecord } from '../../reports/store/index.ts';
import { UserError } from '../../data/errors.ts';
import { nearestName } from '../../data/nearestName.ts';

/** Metrics where less is better; every other metric is maximised (max_drawdown is ≤ 0, so the shallowest wins). */
const LOWER_IS_BETTER = new Set(['annual_volatility', 'downside_risk', 'ulcer_index', 'max_drawdown_duration', 'tracking_error', 'turnover']);

export const lowerIsBetter = (metric: string): boolean => LOWER_IS_BETTER.has(metric) || metric.startsWith('cost_');

/**
 * Risk, activity and cost metrics (the least-is-best ones and max_drawdown): a trial that never
 * traded has none of them — its 0 volatility or drawdown is no risk taken, not risk managed.
 */
const needsExposure = (metric: string): boolean => lowerIsBetter(metric) || metric === 'max_drawdown';

/**
 * The trial's value of `metric` oriented so larger is better; −Infinity where it has none: a null
 * or non-finite value, or a risk/cost metric of a trial without a fill (it never invested).
 */
export function score(trial: TrialRecord, metric: string): number {
  const v = trial.metrics[metric];
  if (v === null || v === undefined || !Number.isFinite(v)) return -Infinity;
  if (trial.fillCount === 0 && needsExposure(metric)) return -Infinity;
  return lowerIsBetter(metric) ? -v : v;
}

/**
 * A UserError unless `metric` is among `names`, the metrics the trials are measured by (a trial's,
 * or study/measure.ts measuredMetricNames before any ran; `where` names the option or key).
 */
export function checkMetric(names: readonly string[], metric: string, where: string): void {
  if (names.length === 0 || names.includes(metric)) return;
  const hint = nearestName(metric, names);
  throw new UserError(`${where}: "${metric}" is not a metric of these trials${hint === undefined ? '' : ` (did you mean ${hint}?)`}; use a METRICS.md name such as ${names.filter((n) => !n.startsWith('cost_')).slice(0, 12).join(', ')}, …`);
}

/** The metrics the trials are measured by (those of the first; none when there is none). */
export const trialMetricNames = (trials: readonly TrialRecord[]): string[] => (trials.length === 0 ? [] : Object.keys(trials[0].metrics));

/** The trial with the best `metric` (the first of equals, equal but for rounding included: sameButRounding), or null when none has a value. */
export function bestTrial<T extends TrialRecord>(trials: readonly T[], metric: string): T | null {
  let best: T | null = null;
  for (const t of trials) {
    const s = score(t, metric);
    const top = best === null ? -Infinity : score(best, metric);
    if (s > top && !sameButRounding(s, top)) best = t;
  }
  return best;
}

/** Trials ranked best first by `metric` (ties, equal but for rounding, keep sweep order). */
export function ranked<T extends TrialRecord>(trials: readonly T[], metric: string): T[] {
  return [...trials].sort((a, b) => {
    const [sa, sb] = [score(a, metric), score(b, metric)];
    return sameButRounding(sa, sb) ? a.seq - b.seq : sb - sa;
  });
}

/**
 * A trial's DSR over the trials the registry holds for its strategy and data. A trial stored
 * without Sharpe moments gives null with why, over its excess returns r − `riskFree` (sharpeMoments:
 * "zero volatility", "insufficient data"; "zero volatility: never invested" when it has no fill) and their n.
 */
export function trialDsr(trial: TrialRecord, recorded: SharpeTrials | undefined, riskFree: RiskFree): Metric {
  const moments = trial.moments ?? sharpeMoments(excessReturns(trial.returns, riskFree));
  const dsr = dsrOfMoments(moments, recorded);
  return 'note' in moments && trial.fillCount === 0 ? { ...dsr, note: `${moments.note}: never invested` } : dsr;
}

/**
 * PBO over `trials` of the CSCV, over `period` (the best trial's, "2024-04-01..2024-07-01");
 * `leftOut` of the period's trials had no Sharpe ratio (never invested, or flat) and
 * `otherPeriods` trials ran over other sessions (a `periods:` axis): neither are among them.
 */
export type SweepPbo = { readonly result: PboResult; readonly trials: number; readonly period: string; readonly leftOut: number; readonly otherPeriods: number } | { readonly note: string };

/**
 * PBO over the trials that share the best trial's sessions (same period: their returns line up
 * row for row) and have a Sharpe ratio (CSCV ranks by it: a trial that never invested has none and
 * would rank as −∞), on their excess returns r − `riskFree(trial)` (METRICS.md's Sharpe, the one
 * the sweep ranks by). A note instead when it cannot be had: fewer than 2 such trials, too few
 * sessions, or trials with one Sharpe ratio in every in-sample split (no choice to overfit).
 */
export function sweepPbo(trials: readonly TrialRecord[], best: TrialRecord | null, blocks: number, riskFree: (trial: TrialRecord) => RiskFree): SweepPbo {
  if (best === null) return { note: 'no trial has a value for the chosen metric' };
  const period = trials.filter((t) => t.periodFrom === best.periodFrom && t.periodTo === best.periodTo && t.returns.length === best.returns.length);
  const same = period.filter((t) => Number.isFinite(score(t, 'sharpe')) && t.fillCount > 0);
  const leftOut = period.length - same.length;
  const otherPeriods = trials.length - period.length;
  const without = [leftOut > 0 ? `${leftOut} without a Sharpe ratio` : '', otherPeriods > 0 ? `${otherPeriods} of other periods` : ''].filter((x) => x !== '').join(', ');
  const span = `${best.periodFrom}..${best.periodTo}`;
  if (same.length < 2) return { note: `PBO needs at least 2 trials with a Sharpe ratio over the same period, this sweep has ${same.length} over ${span}${without === '' ? '' : ` (${without} left out)`}` };
  try {
    const result = probabilityOfBacktestOverfitting({ returns: same.map((t) => excessReturns(t.returns, riskFree(t))), blocks });
    if (result.tiedInSample === result.combinations) return { note: `undefined: the ${same.length} trials over ${span} have one Sharpe ratio in every in-sample split (equal but for rounding), so there is no choice among them to overfit (CSCV's rule would read 100 %: in each split the tied best sits at the out-of-sample median, λ = 0)` };
    return { result, trials: same.length, period: span, leftOut, otherPeriods };
  } catch (err) {
    return { note: (err as Error).message };
  }
}

/**
 * What the sweep's PBO leaves out: trials of periods other than the best trial's, trials without a Sharpe ratio, and combinations whose in-sample
 * best has an infinite Sharpe in or out of sample (constant excess returns over those blocks),
 * which the degradation line cannot fit.
 */
export function pboNotes(pbo: SweepPbo): string[] {
  if ('note' in pbo) return [];
  const { degradation, combinations, tiedInSample } = pbo.result;
  return [
    ...(pbo.otherPeriods > 0 ? [`PBO over the ${pbo.trials + pbo.leftOut} trials of ${pbo.period}, the best trial's period (CSCV needs returns that line up session for session): ${pbo.otherPeriods} trial${pbo.otherPeriods === 1 ? '' : 's'} of other periods left out`] : []),
    ...(pbo.leftOut > 0 ? [`PBO over the ${pbo.trials} trials with a Sharpe ratio: ${pbo.leftOut} that never invested or stayed flat left out`] : []),
    ...(tiedInSample > 0 ? [`PBO: in ${tiedInSample} of ${combinations} combinations every trial had the same in-sample Sharpe ratio, so none was chosen: the first stands in (ties count half in its out-of-sample rank)`] : []),
    ...(degradation.n < combinations ? [`PBO degradation slope over ${degradation.n} of ${combinations} combinations: in the others the in-sample best's Sharpe is infinite in or out of sample (its excess returns constant over those blocks; PBO and P(loss) count them)`] : []),
  ];
}

/** Trials named when this few have a message; more are counted. */
const NAMED = 3;
/** Distinct messages shown per caveat code; the rest are counted. */
const MESSAGES = 3;
/** Caveat severities, most severe highest. */
const SEVERITY_RANK: Readonly<Record<string, number>> = { high: 2, medium: 1, low: 0 };

/**
 * The trials' caveats, one line per distinct message (trials that share a code but not its message
 * — "after 64 sessions" and "after 253", or "never invested" — are not told as one): which trials
 * have it ("every trial" only when all have this very message; the names when at most 3 do; else
 * "k of n trials"), the most severe first, then the most shared. Beyond 3 messages of one code, one
 * line counts the trials with the others.
 */
export function caveatNotes(trials: readonly TrialRecord[]): string[] {
  const byCode = new Map<string, Map<string, { names: string[]; rank: number }>>();
  for (const t of trials) {
    const seen = new Set<string>();
    for (const c of t.caveats) {
      if (seen.has(c.message)) continue;
      seen.add(c.message);
      let messages = byCode.get(c.code);
      if (messages === undefined) byCode.set(c.code, (messages = new Map()));
      const entry = messages.get(c.message);
      if (entry === undefined) messages.set(c.message, { names: [t.name], rank: SEVERITY_RANK[c.severity] ?? 0 });
      else entry.names.push(t.name);
    }
  }
  const who = (names: readonly string[]): string => (names.length === trials.length ? 'every trial' : names.length <= NAMED ? names.join(', ') : `${names.length} of ${trials.length} trials`);
  return [...byCode].flatMap(([, messages]) => {
    // The most severe first (a trial that never invested before one that invested late), then the most shared.
    const list = [...messages].sort((a, b) => b[1].rank - a[1].rank || b[1].names.length - a[1].names.length);
    const lines = list.slice(0, MESSAGES).map(([message, { names }]) => `${who(names)}: ${message}`);
    const rest = new Set(list.slice(MESSAGES).flatMap(([, { names }]) => names));
    const more = list.length - MESSAGES;
    if (rest.size > 0) lines.push(`${who([...rest])}: ${more} more caveat${more === 1 ? '' : 's'} of this kind, less severe or fewer trials (each trial's own: breadth sweep --json, or its kept run)`);
    return lines;
  });
}
