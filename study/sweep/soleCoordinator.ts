// One coordinator per sweep and results database. "The coordinator is the only writer" held only
// while nobody started a second: two coordinators of one sweep on one file both ran, every trial
// computed twice and each kept run stored twice (probe r48d F2; `--resume` let the second through
// the "already holds N trials" check). A coordinator now claims its sweep in the store
// (reports/store/sweepClaims.ts) before it runs a trial, renews the claim while it runs, and gives
// it up when it ends; a second is refused in one line while the first lives. A killed one leaves
// its claim behind, which lapses: at once on the same host (its process is gone), elsewhere after
// STALE_MS without a heartbeat.

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { UserError } from '../../data/errors.ts';
import { claimSweep, releaseSweepClaim, renewSweepClaim, type Store, type SweepClaim } from '../../reports/store/index.ts';
import { processAlive } from '../../core/processAlive.ts';

/** How often a coordinator renews its claim. */
const HEARTBEAT_MS = 10_000;
/** A claim whose coordinator gave no sign of life for this long is a dead one's (2 minutes: a long synchronous step, a kept run's replay, may delay beats). */
export const STALE_MS = 120_000;

/** A claim held by this process: `release` when the sweep ends, however it ends. */
export interface HeldSweep {
  release(): void;
}

/**
 * Whether `holder`'s coordinator still runs at `now` (ms since the epoch), judged from `host`: it
 * gave a sign of life within STALE_MS and, when it runs on this host, its process exists.
 */
export function coordinatorAlive(holder: SweepClaim, host: string, now: number): boolean {
  if (now - Date.parse(holder.heartbeatAt) >= STALE_MS) return false;
  return holder.host !== host || processAlive(holder.pid);
}

/**
 * Claim `what` (`sweep 3`, `walk-forward 4`) of the store at `db` for this process and keep the
 * claim alive until `release`. Throws a UserError naming the coordinator that holds it while that
 * one lives (coordinatorAlive); nothing is written then.
 */
export function holdSweep(store: Store, sweepId: number, what: string, db: string): HeldSweep {
  const now = new Date().toISOString();
  const me: SweepClaim = { token: randomUUID(), pid: process.pid, host: hostname(), startedAt: now, heartbeatAt: now };
  const holder = claimSweep(store, sweepId, me, (h) => coordinatorAlive(h, me.host, Date.now()));
  if (holder !== null) {
    throw new UserError(`${db}: ${what} is being run by another coordinator (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}): wait for it to end, or stop it — two would run its trials twice`);
  }
  const beat = setInterval(() => {
    try {
      renewSweepClaim(store, sweepId, me.token, new Date().toISOString());
    } catch {
      // The database busy past its timeout: the next beat tries again.
    }
  }, HEARTBEAT_MS);
  beat.unref();
  return {
    release() {
      clearInterval(beat);
      releaseSweepClaim(store, sweepId, me.token);
    },
  };
}
