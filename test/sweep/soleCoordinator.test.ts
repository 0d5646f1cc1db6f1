// Whether a coordinator's claim on a sweep still holds (study/sweep/soleCoordinator.ts): it lapses
// at once when its process is gone from this host, and after STALE_MS without a heartbeat
// anywhere — a killed coordinator never blocks its sweep for good (probe r48d F2).

import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coordinatorAlive, STALE_MS } from '../../study/sweep/soleCoordinator.ts';

const NOW = Date.parse('2024-06-03T12:00:00.000Z');
const claim = (host: string, pid: number, ageMs: number) => ({ token: 't', pid, host, startedAt: '2024-06-03T11:00:00.000Z', heartbeatAt: new Date(NOW - ageMs).toISOString() });

/** A pid no process has: a child that has exited (and been reaped). */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid as number;

describe('a claim on a sweep', () => {
  it('holds while its coordinator beats: on another host until 2 minutes without a heartbeat', () => {
    expect(STALE_MS).toBe(120_000);
    expect(coordinatorAlive(claim('elsewhere', 1234, 119_999), 'here', NOW)).toBe(true);
    expect(coordinatorAlive(claim('elsewhere', 1234, 120_000), 'here', NOW)).toBe(false);
  });

  it('on this host, while its process exists: at once not when it was killed, whatever its heartbeat', () => {
    expect(coordinatorAlive(claim('here', process.pid, 5_000), 'here', NOW)).toBe(true);
    expect(coordinatorAlive(claim('here', deadPid(), 5_000), 'here', NOW)).toBe(false);
    // A pid reused by another process after its coordinator died: the heartbeat still lapses.
    expect(coordinatorAlive(claim('here', process.pid, 120_000), 'here', NOW)).toBe(false);
  });

  it('never holds past STALE_MS, on any host, for any pid', () => {
    fc.assert(
      fc.property(fc.constantFrom('here', 'elsewhere'), fc.integer({ min: 120_000, max: 10 * 86_400_000 }), (host, age) => !coordinatorAlive(claim(host, process.pid, age), 'here', NOW)),
    );
  });
});
