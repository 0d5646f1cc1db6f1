// A margin book that prices carried past the account's limits at the close. The account checks
// the targets at the decision and each session's fills (account.ts): a book those checks let
// through can still drift past maxGross or maxNet as prices move (a short squeezed from 1.0 to
// 4.0 × NAV against a gross limit of 1.5). breadth makes no margin calls — nothing is cut or
// liquidated for a drift — so the run says how far past and for how long instead.

import { isoDay } from '../../data/dates.ts';
import type { Market } from '../../data/market.ts';
import { type Caveat, caveat } from '../caveats/caveats.ts';
import { SLACK } from './account.ts';
import type { Account } from '../config.ts';
import type { Portfolio } from './portfolio.ts';


/** Closes of a margin run whose book was past maxGross or maxNet: counted as the replay marks them, without allocating. */
export class LimitDrift {
  readonly #maxGross: number;
  readonly #maxNet: number;
  /** Closes past either limit, past maxGross, past maxNet. */
  sessions = 0;
  grossSessions = 0;
  netSessions = 0;
  /** Market session of the first close past a limit (−1: none), and the book's gross and net (× NAV) there. */
  first = -1;
  firstGross = NaN;
  firstNet = NaN;
  /** Largest gross and |net| (× NAV) at a close past its limit; the net is signed (short books are negative). */
  peakGross = 0;
  peakNet = 0;
  /** Closes observed (with NAV > 0: a ruined book has no multiple). */
  observed = 0;
  /** True when a close past a limit held a loan (cash < 0) or a short: what a broker calls margin on. */
  borrowed = false;

  constructor(account: Account) {
    this.#maxGross = account.kind === 'margin' ? account.maxGross : Infinity;
    this.#maxNet = account.kind === 'margin' ? account.maxNet : Infinity;
  }

  /** The book at session t's close (marked): counts it when past a limit. A cash account never borrows, so it is never past. */
  observe(t: number, p: Portfolio): void {
    const nav = p.nav;
    if (!(nav > 0) || this.#maxGross === Infinity) return;
    this.observed++;
    const gross = (p.longValue - p.shortValue) / nav;
    const net = (p.longValue + p.shortValue) / nav;
    // The account's slack: float noise is not a drift.
    const pastGross = gross > this.#maxGross * (1 + SLACK);
    const pastNet = Math.abs(net) > this.#maxNet * (1 + SLACK);
    if (!pastGross && !pastNet) return;
    this.sessions++;
    if (p.cash < 0 || p.shortValue < 0) this.borrowed = true;
    if (pastGross) this.grossSessions++;
    if (pastNet) this.netSessions++;
    if (this.first < 0) {
      this.first = t;
      this.firstGross = gross;
      this.firstNet = net;
    }
    if (pastGross) this.peakGross = Math.max(this.peakGross, gross);
    if (pastNet && Math.abs(net) > Math.abs(this.peakNet)) this.peakNet = net;
  }
}

/**
 * "the book was past the margin limits at 4 of 6 closes (first 2024-01-04: gross 2.33, net −2.33 ×
 * NAV): gross up to 4.00 against max-gross 1.5 (2.50 past it, 4 closes), |net| up to 4.00 against
 * max-net 1 (3.00 past, 4 closes); prices carried it there …" (medium; high when a limit was
 * doubled), or none.
 */
export function limitDriftCaveats(drift: LimitDrift, account: Account, market: Market): Caveat[] {
  if (drift.sessions === 0 || account.kind !== 'margin') return [];
  const x = (v: number): string => v.toFixed(2);
  const closes = (k: number): string => `${k} close${k === 1 ? '' : 's'}`;
  const parts: string[] = [];
  if (drift.grossSessions > 0) parts.push(`gross up to ${x(drift.peakGross)} against max-gross ${account.maxGross} (${x(drift.peakGross - account.maxGross)} past it, ${closes(drift.grossSessions)})`);
  if (drift.netSessions > 0) parts.push(`|net| up to ${x(Math.abs(drift.peakNet))} against max-net ${account.maxNet} (${x(Math.abs(drift.peakNet) - account.maxNet)} past it, ${closes(drift.netSessions)})`);
  const doubled = drift.peakGross >= 2 * account.maxGross || Math.abs(drift.peakNet) >= 2 * account.maxNet;
  return [
    caveat(
      'leverage-breach',
      doubled ? 'high' : 'medium',
      `the book was past the margin limits at ${drift.sessions} of ${drift.observed} closes (first ${isoDay(market.dates[drift.first])}: gross ${x(drift.firstGross)}, net ${x(drift.firstNet)} × NAV): ${parts.join(', ')}; prices carried it there after the fills were checked — breadth makes no margin calls, so nothing was cut or liquidated for it${drift.borrowed ? ', where a broker would have called for margin' : ' (the book borrowed nothing there — no loan, no short — so no broker would have called for margin either)'}`,
      { value: drift.sessions, unit: 'count' },
    ),
  ];
}
