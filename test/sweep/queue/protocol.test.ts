// What travels between coordinator and workers, and the one-line errors of a wrong --queue.

import { createServer } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../data/errors.ts';
import { queueConnection, reachable } from '../../../study/sweep/queue/connection.ts';
import { decodeResult, encodeResult, trialJobId } from '../../../study/sweep/queue/protocol.ts';
import type { TrialResult } from '../../../study/sweep/trial.ts';

describe('a trial result as a job return value', () => {
  it('decodes to the very same result: daily returns bit for bit, non-finite metrics kept', () => {
    const returns = new Float64Array([0.01, -0, Number.MIN_VALUE, -1e-300, 0.1 + 0.2, Number.NaN, 1 / 3]);
    const result = { key: 'k', name: 'tilt[t=0.1]', group: 'tilt', seq: 3, sharpe: Number.NaN, maxDrawdown: Number.NEGATIVE_INFINITY, annualReturn: 0.07, returns } as unknown as TrialResult;
    const back = decodeResult(encodeResult(result));
    expect(Buffer.from(back.returns.buffer).equals(Buffer.from(returns.buffer))).toBe(true);
    expect(Object.is((back as unknown as { sharpe: number }).sharpe, Number.NaN)).toBe(true);
    expect((back as unknown as { maxDrawdown: number }).maxDrawdown).toBe(Number.NEGATIVE_INFINITY);
    expect({ ...back, returns: null }).toEqual({ ...result, returns: null });
  });
});

describe("a trial's job id", () => {
  it('names the trial and the settings its attempts run under: other settings are another job (probe r50a F3: a later --trial-timeout re-ran the old job)', () => {
    // --trial-timeout 0.02 (20 ms), --attempts 1, as a first coordinator queued it; then 600 s and 3.
    expect(trialJobId('fa178a7b', 20, 1)).toBe('fa178a7b-20ms-1x');
    expect(trialJobId('fa178a7b', 600_000, 3)).toBe('fa178a7b-600000ms-3x');
  });

  it('is a BullMQ custom id (no ":", not an integer) and tells any two (key, timeout, attempts) apart', () => {
    const settings = fc.tuple(fc.stringMatching(/^[0-9a-f]{1,64}$/), fc.double({ min: 1e-3, max: 1e9, noNaN: true }), fc.integer({ min: 1, max: 100 }));
    fc.assert(
      fc.property(settings, settings, ([key, timeoutMs, attempts], [otherKey, otherTimeout, otherAttempts]) => {
        const id = trialJobId(key, timeoutMs, attempts);
        expect(id).not.toContain(':');
        expect(`${Number.parseInt(id, 10)}`).not.toBe(id);
        const same = key === otherKey && timeoutMs === otherTimeout && attempts === otherAttempts;
        expect(trialJobId(otherKey, otherTimeout, otherAttempts) === id).toBe(same);
      }),
    );
  });
});

describe('--queue', () => {
  it.each([
    ['localhost:6379', /^--queue localhost:6379: breadth's queue is Redis; write redis:\/\/HOST:PORT\[\/DB\]$/],
    ['not a url', /^--queue not a url: not a URL; write redis:\/\/HOST:PORT\[\/DB\], e.g. redis:\/\/127\.0\.0\.1:6379$/],
    ['http://h:6379', /breadth's queue is Redis/],
    ['redis://h:6379/16', /the database after the port is a number 0\.\.15, got "16"$/],
    ['redis://h:6379/x', /got "x"$/],
  ])('refuses %s in one line', (url, message) => {
    expect(() => queueConnection(url)).toThrow(UserError);
    expect(() => queueConnection(url)).toThrow(message);
  });

  it('takes host, port (6379 when absent) and database', () => {
    expect(queueConnection('redis://queue-host/3')).toMatchObject({ host: 'queue-host', port: 6379, db: 3, label: 'redis://queue-host:6379/3' });
    expect(queueConnection('redis://10.0.0.5:7000')).toMatchObject({ host: '10.0.0.5', port: 7000, db: 0 });
  });

  it('says in one line when nothing answers there', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address() as { port: number };
        server.close(() => resolve(address.port));
      });
    });
    await expect(reachable(queueConnection(`redis://127.0.0.1:${port}`))).rejects.toThrow(
      new UserError(`--queue redis://127.0.0.1:${port}/0: Redis does not answer — start redis-server there, or check the host and port`),
    );
  });
});
