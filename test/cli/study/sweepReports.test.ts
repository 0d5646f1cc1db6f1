// `breadth sweep` as a separate process: the runs it keeps in full get their tear sheets beside the
// sweep page, as `breadth study` writes its runs', and the terminal and --json name them.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { breadth, expectOk, scratch, write } from '../helpers.ts';

const study = 'title: kept\ndata: sample\nsample: { stocks: 20, years: 2 }\nruns:\n  - name: t\n    strategy: size-tilt\n    params: { mode: etf }\n    sweep: { params: { tilt: [0, 0.5, 1] } }\n';

describe.concurrent('breadth sweep --keep', () => {
  it('writes one tear sheet per kept run (2 of 3 trials with --keep 2) and lists each in the terminal', async () => {
    const dir = scratch();
    write(dir, 'sweep.yaml', study);
    const o = await breadth(['sweep', 'sweep.yaml', '--keep', '2', '--workers', '1'], { cwd: dir, timeoutMs: 120_000 });
    expectOk(o);
    const reports = join(dir, 'out', 'reports');
    expect(readdirSync(reports).sort()).toEqual(['sweep-1-best-1.html', 'sweep-1-best-2.html', 'sweep-1.html']);
    const listed = o.stdout.split('\n').filter((line) => line.includes(': tear sheet '));
    expect(listed).toHaveLength(2);
    expect(listed[0]).toMatch(/^ {2}t\[tilt=[\d.]+\] \(run 1\): tear sheet out\/reports\/sweep-1-best-1\.html$/);
    expect(listed[1]).toMatch(/^ {2}t\[tilt=[\d.]+\] \(run 2\): tear sheet out\/reports\/sweep-1-best-2\.html$/);
    // Each is its kept run's tear sheet: the page names the trial the line names.
    const name = /t\[tilt=[\d.]+\]/.exec(listed[0])?.[0] as string;
    expect(readFileSync(join(reports, 'sweep-1-best-1.html'), 'utf8')).toContain(name);
  });

  it('--json gives each kept run its tear sheet; --no-report writes none', async () => {
    const dir = scratch();
    write(dir, 'sweep.yaml', study);
    const o = await breadth(['sweep', 'sweep.yaml', '--keep', '1', '--workers', '1', '--json'], { cwd: dir, timeoutMs: 120_000 });
    expectOk(o);
    const kept = JSON.parse(o.stdout).kept as { runId: number; tearSheet: string | null }[];
    expect(kept.map((k) => [k.runId, k.tearSheet])).toEqual([[1, 'out/reports/sweep-1-best-1.html']]);
    expect(existsSync(join(dir, kept[0].tearSheet as string))).toBe(true);
    const bare = await breadth(['sweep', 'sweep.yaml', '--keep', '1', '--workers', '1', '--json', '--no-report', '--out', 'bare'], { cwd: dir, timeoutMs: 120_000 });
    expectOk(bare);
    expect(JSON.parse(bare.stdout).kept.map((k: { tearSheet: string | null }) => k.tearSheet)).toEqual([null]);
    expect(existsSync(join(dir, 'bare', 'reports'))).toBe(false);
  });
});
