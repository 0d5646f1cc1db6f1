// A sweep killed part-way keeps every trial it finished, each stored once and whole, and
// `--resume` runs exactly the rest: real `breadth sweep` processes, a real SQLite file, SIGKILL
// and SIGINT (Ctrl-C) while the workers are busy. A second coordinator of the sweep is refused
// while the first runs, and `--resume` never reuses the trials of another breadth build.

import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { anotherBuild, bin, breadth, expectBadInput, expectOk, parseJson, scratch, write } from '../cli/helpers.ts';
import { type Running, startBreadth, until } from './queue/processes.ts';

const PLANNED = 60;
// 2 sample years: the trials take ~25 ms of CPU each (the every-session ones most), so the 60 on 2
// threads go on for long after the 8th is stored, under any load, and the stopped sweep holds far
// fewer than 60; the cost of each test is the 3 processes' start.
const STUDY = [
  'title: resume test',
  'data: sample',
  'sample: { stocks: 40, years: 2 }',
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

/** One number from the store (0 while its file or the table does not exist yet). */
function count(db: string, sql: string): number {
  try {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return conn.prepare(sql).pluck().get() as number;
    } finally {
      conn.close();
    }
  } catch {
    return 0;
  }
}

/** Trials stored so far. */
const stored = (db: string): number => count(db, 'SELECT COUNT(*) FROM trials');

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

/** A sweep of 4 gated-tilt trials (gatedTilt.ts): each decides only while `gate` does not exist. */
const gatedStudy = (gate: string): string =>
  ['title: gated', 'data: sample', 'sample: { stocks: 20, years: 3 }', 'benchmark: "@largeCap"', 'runs:', '  - name: gated', `    strategy: ${resolve(import.meta.dirname, 'fixtures', 'gatedTilt.ts')}`, `    params: { gate: ${JSON.stringify(gate)} }`, '    sweep: { params: { tilt: [0, 0.25, 0.5, 0.75] } }', ''].join('\n');

/** `breadth sweep study.yaml` in `dir` as its own process: `--keep 1`, one worker, `--json`. */
const coordinator = (dir: string, db: string): Running => startBreadth(['sweep', 'study.yaml', '--db', db, '--workers', '1', '--no-report', '--keep', '1', '--json'], dir);

describe('two coordinators of one sweep on one database (probe r48d F2)', () => {
  /** A store with the sweep's 4 trials held in flight by a first coordinator (gate shut) that claimed it. */
  const started = async () => {
    const dir = scratch('breadth-coordinators-');
    const gate = write(dir, 'gate', '');
    write(dir, 'study.yaml', gatedStudy(gate));
    const db = join(dir, 'sweep.db');
    const first = coordinator(dir, db);
    await until(() => count(db, 'SELECT COUNT(*) FROM sweep_claims') === 1, 'the first coordinator to claim the sweep');
    return { dir, gate, db, first };
  };
  const runs = (db: string) => ({
    runs: count(db, 'SELECT COUNT(*) FROM runs'),
    orphans: count(db, 'SELECT COUNT(*) FROM runs WHERE id NOT IN (SELECT run_id FROM trials WHERE run_id IS NOT NULL)'),
    claims: count(db, 'SELECT COUNT(*) FROM sweep_claims'),
  });

  it('the second is refused in one line while the first runs, and finds everything done once the first has ended', { timeout: 120_000 }, async () => {
    // Before: the second (with --resume, as the "holds N trials" refusal advises) ran as well:
    // trials computed twice, the kept run stored twice, one of the two linked from no trial.
    const { dir, gate, db, first } = await started();
    const second = await breadth(['sweep', 'study.yaml', '--db', db, '--workers', '1', '--no-report', '--keep', '1', '--resume', '--json'], { cwd: dir });
    expectBadInput(second, `${db}: sweep 1 is being run by another coordinator (pid ${first.child.pid} on ${hostname()}, since `, '): wait for it to end, or stop it — two would run its trials twice');
    rmSync(gate);
    expect((await first.exited).code, first.output()).toBe(0);
    expect(JSON.parse(first.stdout())).toMatchObject({ trials: 4, ran: 4, kept: [{ runId: 1 }] });
    // The first gave the sweep up as it ended: another may resume it, and finds every trial and the kept run stored.
    const after = await breadth(['sweep', 'study.yaml', '--db', db, '--workers', '1', '--no-report', '--keep', '1', '--resume', '--json'], { cwd: dir });
    expectOk(after);
    expect(parseJson(after)).toMatchObject({ trials: 4, ran: 0, resumed: 4, kept: [{ runId: 1 }] });
    expect(runs(db)).toEqual({ runs: 1, orphans: 0, claims: 0 });
  });

  it('a coordinator killed (SIGKILL) leaves a claim that does not block: the next one on this machine resumes at once', { timeout: 120_000 }, async () => {
    const { dir, gate, db, first } = await started();
    await first.kill('SIGKILL');
    expect(runs(db).claims).toBe(1);
    rmSync(gate);
    const resumed = await breadth(['sweep', 'study.yaml', '--db', db, '--workers', '1', '--no-report', '--keep', '1', '--resume', '--json'], { cwd: dir });
    expectOk(resumed);
    expect(parseJson(resumed)).toMatchObject({ trials: 4, ran: 4, interrupted: false, kept: [{ runId: 1 }] });
    expect(runs(db)).toEqual({ runs: 1, orphans: 0, claims: 0 });
  });
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
