// A run's caveats as a baseline keeps them, and how two such lists differ. A caveat is kept by what
// it is — its code, severity and the symbols it concerns — never by its wording or size: a message
// reworded, or a size that moved with a metric the baseline compares on its own, is no difference.

import { z } from 'zod';
import { CAVEAT_SEVERITIES, type Caveat, type CaveatSeverity, listSymbols } from '../../engine/caveats/caveats.ts';

export const recordedCaveatSchema = z
  .object({
    /** engine/caveats/caveats.ts CaveatCode (any string: a baseline of a later breadth may name a newer code). */
    code: z.string(),
    severity: z.enum(CAVEAT_SEVERITIES as [CaveatSeverity, ...CaveatSeverity[]]),
    /** The symbols it concerns, sorted. */
    symbols: z.array(z.string()),
  })
  .strict();
/** One caveat of a run as a baseline file records it: `{ code, severity, symbols }`. */
export type RecordedCaveat = z.output<typeof recordedCaveatSchema>;

/** A caveat whose count differs between a baseline run and the current one. */
export interface CaveatChange {
  readonly run: string;
  readonly code: string;
  readonly severity: CaveatSeverity;
  readonly symbols: readonly string[];
  /** How many caveats of this code, severity and symbols each side has (0: none; a data note can come twice). */
  readonly baseline: number;
  readonly current: number;
}

const identity = (c: RecordedCaveat): string => JSON.stringify([CAVEAT_SEVERITIES.indexOf(c.severity), c.code, c.symbols]);
/** Most severe first, then by code, then by symbols (the identity's own order). */
const byIdentity = (a: RecordedCaveat, b: RecordedCaveat): number => (identity(a) < identity(b) ? -1 : identity(a) > identity(b) ? 1 : 0);

/**
 * A run's caveats (its engine caveats and its measurement's) as a baseline records them: code,
 * severity and sorted symbols, most severe first, then by code and symbols — an order that does not
 * follow the sizes, so a file re-recorded from an unchanged run reads the same.
 */
export function recordedCaveats(caveats: readonly Caveat[]): RecordedCaveat[] {
  return caveats.map((c) => ({ code: c.code, severity: c.severity, symbols: [...c.symbols].sort() })).sort(byIdentity);
}

/** Each caveat (code, severity, symbols) that one list holds more or fewer times than the other, in recorded order. */
export function caveatChanges(run: string, before: readonly RecordedCaveat[], after: readonly RecordedCaveat[]): CaveatChange[] {
  const counts = new Map<string, { caveat: RecordedCaveat; baseline: number; current: number }>();
  const count = (c: RecordedCaveat, side: 'baseline' | 'current'): void => {
    const key = identity(c);
    const entry = counts.get(key) ?? { caveat: c, baseline: 0, current: 0 };
    entry[side] += 1;
    counts.set(key, entry);
  };
  for (const c of before) count(c, 'baseline');
  for (const c of after) count(c, 'current');
  return [...counts.values()]
    .filter((e) => e.baseline !== e.current)
    .sort((a, b) => byIdentity(a.caveat, b.caveat))
    .map(({ caveat: c, baseline, current }) => ({ run, code: c.code, severity: c.severity, symbols: c.symbols, baseline, current }));
}

/** "caveat stale-marks (high: CCC)": a changed caveat as a drift or a note names it. */
export const caveatLabel = (c: Pick<CaveatChange, 'code' | 'severity' | 'symbols'>): string => `caveat ${c.code} (${c.severity}${c.symbols.length > 0 ? `: ${listSymbols(c.symbols)}` : ''})`;
