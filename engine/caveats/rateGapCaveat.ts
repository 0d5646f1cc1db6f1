// The one caveat for a rate carried across a gap inside its series (data/rates.ts rateGaps), said
// alike for the cash rate (engine/caveats/warnings.ts) and the risk-free rate (reports/metrics/riskFree.ts).
import { isoDay } from '../../data/dates.ts';
import type { RateGap } from '../../data/rates.ts';
import { type Caveat, caveat } from './caveats.ts';

/** A gap of more than this many sessions is said: a bond-market holiday or two is forward fill, two weeks of sessions is a stale rate. */
export const RATE_GAP_SESSIONS = 10;
/** Beyond this many sessions (about a month of daily sessions) the stale rate is a medium caveat. */
const RATE_GAP_MEDIUM = 21;

/**
 * `what` names the series and its use ("cash rate series DTB3"); `use` says what the carried rate
 * did ("accrued on", "stands in for"). Gaps of `RATE_GAP_SESSIONS` or fewer sessions are not said;
 * the longest gap sets the severity (low, medium beyond 21 sessions) and is named with its first date.
 */
export function rateGapCaveats(what: string, use: string, gaps: readonly RateGap[]): Caveat[] {
  const long = gaps.filter((g) => g.sessions > RATE_GAP_SESSIONS);
  if (long.length === 0) return [];
  const worst = long.reduce((a, g) => (g.sessions > a.sessions ? g : a));
  const total = long.reduce((s, g) => s + g.sessions, 0);
  const more = long.length > 1 ? ` (${long.length} such gaps, ${total} sessions in all)` : '';
  const text = `${what} has a gap inside it: its ${isoDay(worst.knownDay)} rate (${(worst.rate * 100).toFixed(2)}%) ${use} the ${worst.sessions} sessions from ${isoDay(worst.firstDay)} until its next published rate${more}`;
  return [caveat('missing-rate', worst.sessions > RATE_GAP_MEDIUM ? 'medium' : 'low', text, { value: total, unit: 'sessions' })];
}
