// Caveats of a stored run as a page shows them: the recorded ones (the terminal's and the store's,
// data notes already scoped to what the run read: engine/caveats/warnings.ts RunScope; the exposure gap,
// deferred notional and short sample measured when the run was: reports/caveats/bookCaveats.ts). The page
// measures nothing again: the store keeps only caveats that fired, so a missing one cannot tell a
// run measured with nothing to say from one stored before the measure (those show their old list).

import type { StoredRun } from '../store/index.ts';
import type { ReportCaveat } from './model.ts';

/** The run's caveats as stored. */
export function pageCaveats(stored: StoredRun): ReportCaveat[] {
  return stored.caveats.map((c) => ({ ...c }));
}
