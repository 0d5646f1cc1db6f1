// Caveats of a stored run as a page shows them: the recorded ones (the terminal's and the store's,
// data notes already scoped to what the run read: engine/warnings.ts RunScope). Runs stored before
// the exposure gap and the deferred notional were recorded (reports/bookCaveats.ts) get them
// measured here from the store's rows, so every page says them once.

import { deferredNotionalCaveat, exposureGap, exposureGapCaveat, peakDeferredNotional, targetsByDate } from '../bookCaveats.ts';
import type { StoredRun } from '../store/index.ts';
import type { ReportCaveat } from './model.ts';

/** The run's caveats as stored, plus the exposure gap and the deferred notional when the store has no record of them. */
export function pageCaveats(stored: StoredRun): ReportCaveat[] {
  const out: ReportCaveat[] = stored.caveats.map((c) => ({ ...c }));
  const recorded = (code: string): boolean => out.some((c) => c.code === code);
  const measured = [
    recorded('exposure-gap') ? null : exposureGapCaveat(exposureGap(targetsByDate(stored.positions), stored.daily.dates, stored.daily.grossExposure)),
    recorded('deferred-notional') ? null : deferredNotionalCaveat(peakDeferredNotional(stored.deferrals, [...stored.positions, ...stored.fills], stored.daily.dates, stored.daily.columns.nav, stored.splits)),
  ];
  for (const c of measured) if (c !== null) out.push({ ...c });
  return out;
}
