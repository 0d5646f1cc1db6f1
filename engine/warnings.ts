// Plain-language caveats about a run, for manifests and the report's warnings section.

import { describeMove, revertingMoves } from '../data/inspect.ts';
import type { Market } from '../data/market.ts';
import type { EngineConfig } from './config.ts';
import { DEFERRAL_NAMES } from './orders.ts';
import type { Deferrals, LeverageBreach } from './result.ts';

export interface RunFacts {
  readonly config: EngineConfig;
  readonly market: Market;
  readonly breaches: readonly LeverageBreach[];
  readonly deferrals: Deferrals;
  readonly openFallbacks: number;
  readonly missingRateDays: number;
}

/** Source notes that can change how results read; routine provenance (row counts…) stays in the manifest. */
const CAVEAT = /look-ahead|survivor|no volume|total-return|no opening|NaN|missing|distributions above/i;

/** Data caveats, each note once with the files it concerns (not one line per file). */
function dataCaveats(market: Market): string[] {
  const files = new Map<string, string[]>();
  for (const source of market.sources) {
    for (const note of source.notes) {
      if (!CAVEAT.test(note)) continue;
      files.set(note, [...(files.get(note) ?? []), source.path.replace(/^.*[\\/]/, '')]);
    }
  }
  return [...files].map(([note, names]) => (names.length === 1 ? `${names[0]}: ${note}` : `${note} (${names.length} files: ${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''})`));
}

export function describeRun(facts: RunFacts): string[] {
  const warnings: string[] = [];
  if (facts.config.execution === 'same-close') {
    warnings.push('same-close execution: orders fill on the close the strategy decided on (look-ahead-prone)');
  }
  if (facts.market.synthetic) warnings.push('SYNTHETIC data: results come from the built-in sample universe, not real prices');
  warnings.push(...dataCaveats(facts.market));
  const moves = revertingMoves(facts.market);
  if (moves.length > 0) {
    const shown = moves.slice(0, 5).map(describeMove).join('; ');
    warnings.push(`${moves.length} single-session price moves that revert (bad prints or uncarried corporate actions; the built-in cross-sectional strategies screen a name for a year once its move is known): ${shown}${moves.length > 5 ? '; …' : ''}`);
  }
  if (facts.openFallbacks > 0) {
    warnings.push(`${facts.openFallbacks} next-open fills used the session close because the data has no opening prices`);
  }
  if (facts.missingRateDays > 0) warnings.push(`cash rate missing on ${facts.missingRateDays} sessions (no interest accrued there)`);
  if (facts.breaches.length > 0) {
    warnings.push(`${facts.breaches.length} decisions breached the leverage limits and were rejected (first on ${facts.breaches[0].date})`);
  }
  const counts = new Map<number, number>();
  for (const reason of facts.deferrals.reason) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  for (const [reason, count] of counts) warnings.push(`${count} order-sessions deferred: ${DEFERRAL_NAMES[reason]}`);
  return warnings;
}
