// A sweep killed part-way keeps every trial it finished, each stored once and whole, and
// `--resume` runs exactly the rest: real `breadth sweep` processes, a real SQLite file, SIGKILL
// and SIGINT (Ctrl-C) while the workers are busy. `--resume` never reuses the trials of another
// breadth build.

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { anotherBuild, bin, breadth, expectBadInput, expectOk, parseJson, scratch, write } from '../cli/helpers.ts';

const PLANNED = 60;
const STUDY = [
  'title: resume test',
  'data: sample',
  'sample: { stocks: 40, years: 12 }',
  'benchmark: "@largeCap"',
  'runs:',
  '  - name: tilt',
  '    strategy: size-tilt',
  '    params: { mode: etf, band: 0 }',
  '    sweep:',
  '      params: { tilt: { from: 0, to: 1, step: 0.2 }, schedule: [every-session, weekly, month-start, month-end, quarter-end] }',
  '      engine: { slippage: [{ kind: none }, { kind: fixed-bps, bps: 5 }] }',
  '',
].join('\n');

/** Trials stored so far (0 while the file or its schema does not exist yet). */
function stored(db: string): number {
  try {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return conn.prepare('SELECT COUNT(*) FROM trials').pluck().get() as number;
    } finally {
      conn.close();
    }
  } catch {
    return 0;
  }
}

/** Start a sweep, wait until `atLeast` trials are stored, then send `signal`; resolves with the exit. */
function interrupted(dir: string, db: string, signal: NodeJS.Signals, atLeast: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> {
  const child = spawn(process.execPath, ['--conditions=breadth-source', bin, 'sweep', 'study.yaml', '--db', db, '--workers', '2', '--no-report', '--keep', '0', '--json'], { cwd: dir, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  const timer = setInterval(() => {
    if (stored(db) >= atLeast) {
      clearInterval(timer);
      child.kill(signal);
    }
  }, 20);
  return new Promise((resolve) =>
    child.on('close', (code, sig) => {
      clearInterval(timer);
      resolve({ code, signal: sig, stdout });
    }),
  );
}

function registry(db: string) {
  const conn = new Database(db, { readonly: true });
  try {
    return {
      trials: conn.prepare('SELECT COUNT(*) FROM trials').pluck().get() as number,
      keys: conn.prepare('SELECT COUNT(DISTINCT key) FROM trials').pluck().get() as number,
      links: conn.prepare('SELECT COUNT(*) FROM sweep_trials').pluck().get() as number,
      sweeps: conn.prepare('SELECT COUNT(*) FROM sweeps').pluck().get() as number,
      incomplete: conn.prepare('SELECT COUNT(*) FROM trials WHERE length(returns) <> 8 * (sessions - 1) OR metrics IS NULL').pluck().get() as number,
      integrity: conn.pragma('integrity_check', { simple: true }),
    };
  } finally {
    conn.close();
  }
}

describe('a sweep stopped part-way', () => {
  for (const signal of ['SIGKILL', 'SIGINT'] as const) {
    it(`by ${signal} keeps each finished trial once; --resume runs exactly the rest`, { timeout: 240_000 }, async () => {
      const dir = scratch('breadth-resume-');
      write(dir, 'study.yaml', STUDY);
      const db = join(dir, 'sweep.db');
      const first = await interrupted(dir, db, signal, 8);
      const before = registry(db);
      if (signal === 'SIGKILL') expect(first.signal).toBe('SIGKILL');
      else {
        // Ctrl-C: the trials in flight finish and are stored, the summary says how far it got.
        expect(first.code).toBe(130);
        const summary = JSON.parse(first.stdout) as { interrupted: boolean; trials: number; planned: number };
        expect(summary).toMatchObject({ interrupted: true, planned: PLANNED, trials: before.trials });
      }
      expect(before.trials).toBeGreaterThanOrEqual(8);
      expect(before.trials).toBeLessThan(PLANNED);
      expect(before).toMatchObject({ keys: before.trials, links: before.trials, sweeps: 1, incomplete: 0, integrity: 'ok' });

      // Without --resume the stored trials are not silently run again.
      expectBadInput(await breadth(['sweep', 'study.yaml', '--db', db, '--no-report'], { cwd: dir }), /holds \d+ of the 60 trials/, '--resume');

      const resumed = await breadth(['sweep', 'study.yaml', '--db', db, '--workers', '2', '--no-report', '--keep', '1', '--resume', '--json'], { cwd: dir, timeoutMs: 180_000 });
      expectOk(resumed);
      const summary = JSON.parse(resumed.stdout) as { trials: number; ran: number; resumed: number; interrupted: boolean; kept: unknown[] };
      expect(summary).toMatchObject({ trials: PLANNED, ran: PLANNED - before.trials, resumed: before.trials, interrupted: false });
      expect(summary.kept).toHaveLength(1);
      expect(registry(db)).toMatchObject({ trials: PLANNED, keys: PLANNED, links: PLANNED, sweeps: 1, incomplete: 0, integrity: 'ok' });
    });
  }
});

describe('another breadth build (probe r48d F1)', () => {
  it('computes other trials: its keys are not this build\'s, and --resume reuses none of them', { timeout: 240_000 }, async () => {
    // Before: a trial key held the version string '0.1.0' alone, so another checkout's trials were
    // this one's, and --resume skipped them as done.
    const dir = scratch('breadth-builds-');
    write(dir, 'study.yaml', STUDY);
    const db = join(dir, 'sweep.db');
    const other = await breadth(['sweep', 'study.yaml', '--db', db, '--workers', '2', '--no-report', '--keep', '0', '--json'], { cwd: dir, bin: anotherBuild(dir), timeoutMs: 180_000 });
    expectOk(other);
    const here = await breadth(['sweep', 'study.yaml', '--db', db, '--workers', '2', '--no-report', '--keep', '0', '--resume', '--json'], { cwd: dir, timeoutMs: 180_000 });
    expectOk(here);
    expect(parseJson(here)).toMatchObject({ trials: PLANNED, ran: PLANNED, resumed: 0 });
    // 60 trials each, no key shared; the patch was a comment, so each trial's fills are the same.
    expect(registry(db)).toMatchObject({ trials: 2 * PLANNED, keys: 2 * PLANNED, sweeps: 2 });
    const conn = new Database(db, { readonly: true });
    try {
      const pairs = 'SELECT name, config_hash FROM trials GROUP BY name, config_hash HAVING COUNT(*) = 2 AND COUNT(DISTINCT fills_hash) = 1';
      expect(conn.prepare(`SELECT COUNT(*) FROM (${pairs})`).pluck().get()).toBe(PLANNED);
    } finally {
      conn.close();
    }
  });
});
