// Who runs a sweep now (schema v13, reports/SCHEMA.md `sweep_claims`): one coordinator per sweep
// and results database. A claim is taken in one BEGIN IMMEDIATE transaction — of two coordinators
// starting at once, the second reads the first's row — renewed by the holder's heartbeat and
// deleted when it ends. Whether a claim a killed coordinator left behind still holds is the
// caller's judgement (`live`: study/sweep/soleCoordinator.ts).

import { type Store, withStoreErrors } from './openStore.ts';

/** A coordinator's claim on a sweep. */
export interface SweepClaim {
  /** Random per coordinator: tells its own claim from another's, whatever the pid. */
  readonly token: string;
  readonly pid: number;
  readonly host: string;
  /** ISO 8601 UTC times: when it claimed the sweep, and its last sign of life. */
  readonly startedAt: string;
  readonly heartbeatAt: string;
}

/**
 * Claim sweep `sweepId` for `me`, unless a claim that `live` judges alive holds it: returns that
 * claim (nothing is written), or null once the sweep is `me`'s (a dead holder's claim replaced).
 */
export function claimSweep(store: Store, sweepId: number, me: SweepClaim, live: (holder: SweepClaim) => boolean): SweepClaim | null {
  return withStoreErrors(store, () =>
    store.db
      .transaction(() => {
        const holder = store.db
          .prepare<[number], SweepClaim>('SELECT token, pid, host, started_at AS startedAt, heartbeat_at AS heartbeatAt FROM sweep_claims WHERE sweep_id = ?')
          .get(sweepId);
        if (holder !== undefined && live(holder)) return holder;
        store.db
          .prepare('INSERT OR REPLACE INTO sweep_claims (sweep_id, token, pid, host, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(sweepId, me.token, me.pid, me.host, me.startedAt, me.heartbeatAt);
        return null;
      })
      .immediate(),
  );
}

/** The holder's sign of life at `at` (ISO 8601); nothing when the claim is no longer `token`'s. */
export function renewSweepClaim(store: Store, sweepId: number, token: string, at: string): void {
  withStoreErrors(store, () => store.db.prepare('UPDATE sweep_claims SET heartbeat_at = ? WHERE sweep_id = ? AND token = ?').run(at, sweepId, token));
}

/** Give the sweep up (its coordinator ended); nothing when the claim is no longer `token`'s. */
export function releaseSweepClaim(store: Store, sweepId: number, token: string): void {
  withStoreErrors(store, () => store.db.prepare('DELETE FROM sweep_claims WHERE sweep_id = ? AND token = ?').run(sweepId, token));
}
