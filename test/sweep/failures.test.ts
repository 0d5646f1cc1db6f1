// A trial that fails for the user's reason (its strategy throws) is recorded as failed with its
// message, left out of the statistics and listed by the sweep, while the other trials go on; and
// `--resume` does not run it again. Local worker threads, a real results file.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../reports/html/page/escape.ts';
import { renderSweepPage } from '../../reports/html/sweep/sweepPage.ts';
import { loadStudyFile, parseStudy } from '../../study/index.ts';
import { runSweep } from '../../study/sweep/index.ts';
import { sweepPageData } from '../../study/sweep/publish.ts';

const dir = mkdtempSync(join(tmpdir(), 'breadth-failures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tally = join(dir, 'tally.txt');
const study = join(dir, 'cursed.yaml');
writeFileSync(tally, '');
writeFileSync(
  study,
  [
    'title: cursed',
    'data: sample',
    'sample: { stocks: 20, years: 3 }',
    'benchmark: "@largeCap"',
    'runs:',
    '  - name: cursed',
    `    strategy: ${resolve(import.meta.dirname, 'cursedTilt.ts')}`,
    `    params: { tally: ${JSON.stringify(tally)} }`,
    '    sweep: { params: { tilt: [0, 0.25, 0.5, 0.75, 1] } }',
    '',
  ].join('\n'),
);

describe('a trial whose strategy throws', () => {
  const db = join(dir, 'cursed.db');

  it('is recorded as failed with its message; the other trials are stored and ranked', async () => {
    const outcome = await runSweep(loadStudyFile(study), { where: study, db, workers: 2, keep: 0 });
    expect(outcome.ran).toBe(4);
    expect(outcome.interrupted).toBe(false);
    expect(outcome.failed).toHaveLength(1);
    expect(outcome.failed[0]).toMatchObject({ name: 'cursed[tilt=0.5]', kind: 'user' });
    expect(outcome.failed[0]?.message).toMatch(/^strategy "cursed-tilt" failed on \d{4}-\d\d-\d\d: half a tilt is cursed/);
    expect(outcome.failed[0]?.message).not.toContain('\n');
    expect(outcome.trials.map((t) => (t.params as { tilt: number }).tilt).sort()).toEqual([0, 0.25, 0.75, 1]);
    expect(readFileSync(tally, 'utf8')).toBe('x');
    const d = new Database(db, { readonly: true });
    expect(d.prepare('SELECT name, kind FROM trial_failures').all()).toEqual([{ name: 'cursed[tilt=0.5]', kind: 'user' }]);
    d.close();
  });

  it('is not run again by --resume (and is still listed)', async () => {
    const outcome = await runSweep(loadStudyFile(study), { where: study, db, workers: 2, keep: 0, resume: true });
    expect(outcome.ran).toBe(0);
    expect(outcome.skipped).toBe(5);
    expect(outcome.interrupted).toBe(false);
    expect(outcome.failed.map((f) => f.name)).toEqual(['cursed[tilt=0.5]']);
    expect(readFileSync(tally, 'utf8')).toBe('x');
  });
});

describe('a trial whose strategy throws a value that is not an Error', () => {
  it('is the user\'s error too: recorded as failed with the value and the strategy file, while the other trials run (probe r48b F1: the sweep stopped, exit 70)', async () => {
    const strayTally = join(dir, 'stray-tally.txt');
    writeFileSync(strayTally, '');
    const file = resolve(import.meta.dirname, 'cursedTilt.ts');
    const stray = parseStudy({
      data: 'sample',
      sample: { stocks: 20, years: 3 },
      runs: [{ name: 'stray', strategy: file, params: { tally: strayTally }, sweep: { params: { tilt: [0, 0.5], thrown: ['string', 'object'] } } }],
    });
    const outcome = await runSweep(stray, { where: 'test', db: join(dir, 'stray.db'), workers: 2, keep: 0 });
    expect(outcome.interrupted).toBe(false);
    expect(outcome.ran).toBe(2);
    expect(outcome.failed.map((f) => [f.name, f.kind]).sort()).toEqual([
      ['stray[tilt=0.5 thrown=object]', 'user'],
      ['stray[tilt=0.5 thrown=string]', 'user'],
    ]);
    const message = (thrown: string) => outcome.failed.find((f) => f.name === `stray[tilt=0.5 thrown=${thrown}]`)?.message;
    expect(message('string')).toMatch(new RegExp(`^strategy "cursed-tilt" failed on \\d{4}-\\d\\d-\\d\\d: it threw the string "half a tilt is cursed", not an Error \\(in ${file}\\)$`));
    expect(message('object')).toMatch(/: it threw the object \{"cursed":0\.5\}, not an Error \(in /);
    expect(readFileSync(strayTally, 'utf8')).toBe('xx');
  });
});

describe('the sweep page', () => {
  it('names each failed or refused trial with its reason, as the terminal does (probe r46c F5: "Trials 3 of 6 planned", nothing more)', async () => {
    // tilt 0.5 throws (cursedTilt.ts); sma-crossover refuses fast 20 ≥ slow 20 before running.
    const cursed = await runSweep(loadStudyFile(study), { where: study, db: join(dir, 'page.db'), workers: 1, keep: 0 });
    const page = renderSweepPage(sweepPageData(cursed, 'cursed'));
    expect(page).toContain('4 of 5 planned; 1 failed or refused');
    expect(page).toContain(`<li><strong>cursed[tilt=0.5]</strong>: ${escapeHtml(cursed.failed[0]?.message ?? '')}</li>`);
    expect(cursed.failed[0]?.message).toMatch(/half a tilt is cursed/);
    const sma = parseStudy({ data: 'sample', sample: { stocks: 20, years: 3 }, runs: [{ name: 'sma', strategy: 'sma-crossover', sweep: { params: { fast: [10, 20], slow: [20] } } }] });
    const refused = renderSweepPage(sweepPageData(await runSweep(sma, { where: 'test', db: join(dir, 'refused.db'), workers: 1, keep: 0 }), 'sma'));
    expect(refused).toContain('1 of 2 planned; 1 failed or refused');
    expect(refused).toMatch(/<li><strong>sma\[fast=20 slow=20\]<\/strong>: [^<]*must be shorter than slow/);
    expect(refused).toContain(escapeHtml("1 of them is a grid point the strategy's parameter check refused (never run)."));
  });
});
