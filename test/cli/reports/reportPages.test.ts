// breadth report and compare as a user runs them: a PDF through Chromium on A4 or Letter, extra
// crisis windows, and a comparison measured over each run's full period on request.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { breadth, expectBadInput, expectOk, scratch } from '../helpers.ts';

describe('breadth report --pdf and compare --full-period', () => {
  let dir: string;
  let db: string;

  beforeAll(async () => {
    dir = scratch();
    db = join(dir, 'r.db');
    expectOk(await breadth(['run', '--strategy', 'iwm-vs-smlf', '--param', 'mode=switch', '--label', 'switch', '--db', db], { cwd: dir }));
    expectOk(await breadth(['run', '--strategy', 'iwm-vs-smlf', '--param', 'mode=hold-broad', '--label', 'hold', '--db', db], { cwd: dir }));
  });

  it('prints the tear sheet to a Letter PDF, and only the PDF when no --out is given', async () => {
    const pdf = join(dir, 'pdf', 'switch.pdf');
    const o = await breadth(['report', db, 'switch', '--pdf', pdf, '--paper', 'letter', '--crisis', 'taper tantrum:2013-05-01:2013-06-30'], { cwd: dir, timeoutMs: 120_000 });
    expectOk(o);
    expect(o.stdout).toMatch(new RegExp(`^tear sheet of run 1: ${pdf.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(\\d+ Letter pages\\)\\n$`));
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // Letter is 612 × 792 points.
    expect(bytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 612 792\]/);
  });

  it('measures a named crisis window in the HTML', async () => {
    const out = join(dir, 'switch.html');
    expectOk(await breadth(['report', db, 'switch', '--out', out, '--crisis', 'taper tantrum:2013-05-01:2013-06-30'], { cwd: dir }));
    expect(readFileSync(out, 'utf8')).toMatch(/taper tantrum\*?<\/td><td>2013-05-01 to 2013-06-30/);
  });

  it('refuses a malformed crisis window with one line', async () => {
    expectBadInput(await breadth(['report', db, 'switch', '--crisis', 'oops:2013-13-01:2013-06-30'], { cwd: dir }), /--crisis "oops:2013-13-01:2013-06-30": write it as name:YYYY-MM-DD:YYYY-MM-DD/);
  });

  it('compares over the common period by default, each run\'s full period on request', async () => {
    const common = join(dir, 'common.html');
    const full = join(dir, 'full.html');
    expectOk(await breadth(['compare', db, 'hold', 'switch', '--out', common], { cwd: dir }));
    expectOk(await breadth(['compare', db, 'hold', 'switch', '--out', full, '--full-period'], { cwd: dir }));
    expect(readFileSync(common, 'utf8')).toContain('Metrics over the common period');
    expect(readFileSync(full, 'utf8')).toContain('Metrics each run over its own full period');
  });
});
