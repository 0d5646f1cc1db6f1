// A run's caveats in the terminal: how many (and how many high), then those that change how it
// reads (high `!`, medium `·`), the first few, and how many more the report and `runs show` list.
// What `breadth run` and `breadth study` print under each run, and `breadth walk-forward` under
// its stitched run.

import { type Caveat, changesReading } from '../engine/caveats/caveats.ts';
import { writeStandardOutput } from '../reports/html/page/standardStreams.ts';

/** Caveats that change how a run reads shown per run; the report has them all. */
const SHOWN_PER_RUN = 3;

/** "7 caveats (2 high)" of a run's caveats. */
export function caveatCount(all: readonly Caveat[]): string {
  const high = all.filter((c) => c.severity === 'high').length;
  return `${all.length} caveat${all.length === 1 ? '' : 's'}${high > 0 ? ` (${high} high)` : ''}`;
}

/** The first few of a run's ranked caveats `all` that change how it reads, one a line, then the count of the rest. */
export function printCaveatLines(all: readonly Caveat[]): void {
  const shown = all.filter(changesReading).slice(0, SHOWN_PER_RUN);
  for (const c of shown) writeStandardOutput(`  ${c.severity === 'high' ? '!' : '·'} ${c.message}\n`);
  // The tear sheet lists these and adds its own notes (reports/html/tearSheet/caveats.ts caveatSources), so its count can be higher.
  if (all.length > shown.length) writeStandardOutput(`  … ${all.length - shown.length} more recorded, in the report and runs show (the report adds notes of its own, e.g. on metrics it could not compute)\n`);
}
