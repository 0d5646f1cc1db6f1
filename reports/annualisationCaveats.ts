// The P a measure was annualised with, said wherever it is not plain (METRICS.md "Inputs": an
// irregular spacing gets a warning): an irregular calendar's P is a best guess, and relative
// metrics on intervals paired with a benchmark of another spacing use that spacing's P. One
// statement of both for a run (runMetrics.ts) and for any dated series (seriesAnalysis.ts).

import { type Caveat, caveat } from '../engine/caveats.ts';
import type { Frequency } from '../engine/frequency.ts';
import type { MetricSet } from './metrics/index.ts';

/**
 * Caveats on the P of `set`: medium when its own `frequency` is irregular (naming `option`, the
 * setting that overrides it), medium when its relative metrics (paired with `benchmark`) use
 * another P than the measured series, called `whose` ("the run's", "the series'").
 */
export function annualisationCaveats(frequency: Frequency, set: MetricSet, benchmark: string | undefined, whose: string, option: string): Caveat[] {
  const out: Caveat[] = [];
  if (frequency.irregular) out.push(caveat('frequency', 'medium', `annualised with P = ${frequency.periodsPerYear}: ${frequency.source}; set ${option} if that is wrong`));
  const pairing = set.pairing;
  if (benchmark !== undefined && pairing !== undefined && pairing.intervals > 0 && pairing.periodsPerYear !== set.periodsPerYear) {
    out.push(caveat('benchmark', 'medium', `relative metrics are annualised with P = ${pairing.periodsPerYear}, not ${whose} ${set.periodsPerYear}: the ${pairing.intervals} intervals paired with ${benchmark} have ${pairing.source}`, { value: pairing.intervals, unit: 'count' }));
  }
  return out;
}
