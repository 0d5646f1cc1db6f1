// `--trial-timeout` on the worker threads here (before: honoured with --queue only; a trial whose
// strategy looped forever hung the whole sweep, Ctrl-C waited for it for ever and --resume ran it
// again). A trial past its limit has its thread ended and is recorded as failed (`exhausted`,
// "trial … ran longer than N s (--trial-timeout)"), the other trials go on; --resume does not run
// it again unless its limit is longer. Real worker threads, a real results file, real CLI
// processes for exit codes and Ctrl-C. hangingTilt.ts loops forever at the tilts it is told.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { parseStudy } from '../../study/index.ts';
import { runSweep, runWalkForward } from '../../study/sweep/index.ts';
import { scratch, startBreadth, write } from '../cli/helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'breadth-trial-timeout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const strategy = resolve(import.meta.dirname, 'fixtures', 'hangingTilt.ts');

/** A fresh tally file: hangingTilt writes an x to it each time a trial begins to loop. */
function tallyFile(name: string): { path: string; loops: () => number } {
  const path = join(dir, `${name}.txt`);
  writeFileSync(path, '');
  return { path, loops: () => readFileSync(path, 'utf8').length };
}

/** The study of hangingTilt over `tilts`, looping forever at those in `hang`, on the sample's 3 years. */
const hangingStudy = (tally: string, tilts: number[], hang: number[]) =>
  parseStudy({ data: 'sample', sample: { stocks: 20, years: 3 }, runs: [{ name: 'hang', strategy, params: { tally, hang }, sweep: { params: { tilt: tilts } } }] });

/** The same as a study file. */
const hangingStudyFile = (tally: string, tilts: number[], hang: number[]): string =>
  [
    'title: hanging',
    'data: sample',
    'sample: { stocks: 20, years: 3 }',
    'runs:',
    '  - name: hang',
    `    strategy: ${strategy}`,
    `    params: { tally: ${JSON.stringify(tally)}, hang: [${hang.join(', ')}] }`,
    `    sweep: { params: { tilt: [${tilts.join(', ')}] } }`,
    '',
  ].join('\n');

describe('a local sweep with a trial that never ends', () => {
  const tally = tallyFile('sweep');
  const db = join(dir, 'sweep.db');
  const study = hangingStudy(tally.path, [0, 0.5, 1], [0.5]);
  const sweep = (trialTimeoutMs: number, resume = false) => runSweep(study, { where: 'test', db, workers: 2, keep: 0, trialTimeoutMs, resume });

  it('ends it past --trial-timeout and records it failed; the other trials are stored and ranked', { timeout: 30_000 }, async () => {
    const outcome = await sweep(3000);
    expect(tally.loops()).toBe(1);
    expect(outcome.interrupted).toBe(false);
    expect(outcome.ran).toBe(2);
    expect(outcome.failed).toEqual([{ key: expect.any(String), name: 'hang[tilt=0.5]', group: 'hang', seq: 1, message: 'trial hang[tilt=0.5] ran longer than 3 s (--trial-timeout)', kind: 'exhausted' }]);
    expect(outcome.trials.map((t) => t.values.tilt)).toEqual([0, 1]);
    expect(outcome.best?.trial.values.tilt).toBeTypeOf('number');
    const d = new Database(db, { readonly: true });
    expect(d.prepare('SELECT name, kind, message FROM trial_failures').all()).toEqual([{ name: 'hang[tilt=0.5]', kind: 'exhausted', message: 'trial hang[tilt=0.5] ran longer than 3 s (--trial-timeout)' }]);
    d.close();
  });

  it('is not run again by --resume with the same or a shorter limit, and still listed; a longer one runs it again under it', { timeout: 30_000 }, async () => {
    for (const limit of [3000, 2000]) {
      const outcome = await sweep(limit, true);
      expect(outcome.ran).toBe(0);
      expect(outcome.skipped).toBe(2);
      expect(outcome.failedBefore).toBe(1);
      expect(outcome.failed.map((f) => [f.name, f.kind, f.message])).toEqual([['hang[tilt=0.5]', 'exhausted', 'trial hang[tilt=0.5] ran longer than 3 s (--trial-timeout)']]);
    }
    expect(tally.loops()).toBe(1);
    const longer = await sweep(4000, true);
    expect(tally.loops()).toBe(2);
    expect(longer.failedBefore).toBe(0);
    expect(longer.failed.map((f) => f.message)).toEqual(['trial hang[tilt=0.5] ran longer than 4 s (--trial-timeout)']);
  });
});

describe('a walk-forward test with an in-sample trial that never ends', () => {
  it('ends it in each window, lists it as failed, and chooses among the others', { timeout: 30_000 }, async () => {
    const tally = tallyFile('walk-forward');
    const study = parseStudy({
      data: 'sample',
      sample: { stocks: 20, years: 3 },
      runs: [{ name: 'hang', strategy, params: { tally: tally.path, hang: [0.5] }, walkForward: { inSample: '1y', outOfSample: '1y', mode: 'rolling', params: { tilt: [0, 0.5] } } }],
    });
    const [outcome] = await runWalkForward(study, { where: 'test', db: join(dir, 'wf.db'), workers: 2, trialTimeoutMs: 3000 });
    // 3 sample years, 1-year spans: 2 windows, each with tilt 0 and the looping tilt 0.5.
    expect(outcome.windows).toHaveLength(2);
    expect(tally.loops()).toBe(2);
    expect(outcome.failed.map((f) => [f.name.replace(/ IS .*/, ''), f.kind])).toEqual([
      ['hang[tilt=0.5]', 'exhausted'],
      ['hang[tilt=0.5]', 'exhausted'],
    ]);
    expect(outcome.failed.every((f) => f.message === `trial ${f.name} ran longer than 3 s (--trial-timeout)`)).toBe(true);
    expect(outcome.windows.map((w) => w.values.tilt)).toEqual([0, 0]);
    expect(outcome.runId).not.toBeNull();
  });
});

describe('breadth sweep --trial-timeout without --queue', () => {
  /** `breadth sweep` on one worker over two trials that both loop, with `--trial-timeout seconds`, started in a scratch folder. */
  const hangingSweep = (name: string, seconds: number) => {
    const cwd = scratch('breadth-trial-timeout-');
    const tally = tallyFile(name);
    write(cwd, 'study.yaml', hangingStudyFile(tally.path, [0.25, 0.75], [0.25, 0.75]));
    const started = startBreadth(['sweep', 'study.yaml', '--db', `${name}.db`, '--workers', '1', '--no-report', '--trial-timeout', String(seconds)], { cwd, timeoutMs: 30_000 });
    return { tally, started };
  };

  it('ends a sweep whose every trial never ends with exit 2 and one line, after a summary that lists them (one worker: the second waited for the first\'s thread)', { timeout: 40_000 }, async () => {
    const { tally, started } = hangingSweep('all', 2);
    const o = await started.ended;
    expect(o.signal, o.stderr).toBeNull();
    expect(o.status, o.stderr).toBe(2);
    expect(tally.loops()).toBe(2);
    expect(o.stdout).toContain('0 trials (0 run now, 0 already stored) of 2 planned');
    expect(o.stdout).toContain('2 trials failed (not in the statistics above):\n  hang[tilt=0.25]: trial hang[tilt=0.25] ran longer than 2 s (--trial-timeout)\n  hang[tilt=0.75]: trial hang[tilt=0.75] ran longer than 2 s (--trial-timeout)\n');
    expect(o.stderr).toBe('breadth: no trial of sweep 1 produced a result: all 2 failed — hang[tilt=0.25]: trial hang[tilt=0.25] ran longer than 2 s (--trial-timeout) (and 1 more)\n');
  });

  it('stops on Ctrl-C once the trial in progress has run its limit, without beginning the one waiting; exit 130', { timeout: 40_000 }, async () => {
    const { tally, started } = hangingSweep('ctrl-c', 2);
    const deadline = Date.now() + 20_000;
    while (tally.loops() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(tally.loops()).toBe(1);
    process.kill(started.pid, 'SIGINT');
    const o = await started.ended;
    expect(o.signal, o.stderr).toBeNull();
    expect(o.status, o.stderr).toBe(130);
    expect(tally.loops()).toBe(1);
    expect(o.stderr).toBe('\nbreadth: stopping after the trials in progress, each within --trial-timeout 2 s (Ctrl-C again to quit now)\n');
    expect(o.stdout).toContain('1 trial failed (not in the statistics above):\n  hang[tilt=0.25]: trial hang[tilt=0.25] ran longer than 2 s (--trial-timeout)\n');
    expect(o.stdout).toContain('interrupted: 0 of 2 trials are stored; run again with --resume to finish');
  });
});
