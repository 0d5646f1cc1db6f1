// One CLI: `breadth run <config>` is `breadth study <config>` (same store, same tear sheets and
// comparisons), flags that describe one run are refused beside a config file, the top-level help
// shows examples, `runs list` fits 120 columns, and the summary carries each run's warnings.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { breadth, expectBadInput, expectOk, parseJson, scratch, smallStudy, write } from '../helpers.ts';

describe.concurrent('breadth run <config> and breadth study <config>', () => {
  it('write the same runs, tear sheets and comparisons', async () => {
    const dir = scratch();
    write(dir, 'small.yaml', smallStudy({ compare: true }));
    const study = await breadth(['study', 'small.yaml', '--out', 'by-study', '--json'], { cwd: dir });
    const run = await breadth(['run', 'small.yaml', '--db', join('by-run', 'breadth.db'), '--json'], { cwd: dir });
    expectOk(study);
    expectOk(run);
    const pages = (folder: string) => readdirSync(join(dir, folder, 'reports')).sort();
    expect(pages('by-run')).toEqual(pages('by-study'));
    expect(pages('by-run')).toEqual(['compare-tilt-vs-switch.html', 'switch.html', 'tilt.html']);
    const [a, b] = [parseJson(study), parseJson(run)];
    expect(b.runs.map((r: { name: string }) => r.name)).toEqual(a.runs.map((r: { name: string }) => r.name));
    expect(b.runs.map((r: { metrics: object }) => r.metrics)).toEqual(a.runs.map((r: { metrics: object }) => r.metrics));
    expect(b.comparisons.map((c: { name: string }) => c.name)).toEqual(['tilt-vs-switch']);
  });

  it('study --db without --out writes its pages beside the database, as run does, named after it (probe r36b)', async () => {
    const dir = scratch();
    write(dir, 'small.yaml', smallStudy({ compare: true, stocks: 20, years: 2 }));
    const o = await breadth(['study', 'small.yaml', '--db', join('x', 'study.db')], { cwd: dir });
    expectOk(o);
    expect(readdirSync(dir).sort()).toEqual(['small.yaml', 'x']); // nothing in ./out
    expect(readdirSync(join(dir, 'x', 'reports')).sort()).toEqual(['study-compare-tilt-vs-switch.html', 'study-switch.html', 'study-tilt.html']);
    expect(o.stdout).toContain('tear sheets: x/reports/study-tilt.html\n             x/reports/study-switch.html\n');
    expect(o.stdout).toContain('comparisons: x/reports/study-compare-tilt-vs-switch.html\n');
    // --out still says where the pages go.
    expectOk(await breadth(['study', 'small.yaml', '--db', join('x', 'other.db'), '--out', 'pages'], { cwd: dir }));
    expect(readdirSync(join(dir, 'pages', 'reports')).sort()).toEqual(['other-compare-tilt-vs-switch.html', 'other-switch.html', 'other-tilt.html']);
  });

  it('run <config> --out puts the database and pages where study --out does; run --strategy refuses --out, naming --db and --report (probe r65c)', async () => {
    const dir = scratch();
    write(dir, 'small.yaml', smallStudy({ compare: true, stocks: 20, years: 2 }));
    // --out alone: <out>/breadth.db and <out>/reports, as `study --out` writes them.
    expectOk(await breadth(['run', 'small.yaml', '--out', 'by-run'], { cwd: dir }));
    expect(readdirSync(join(dir, 'by-run')).sort()).toEqual(['breadth.db', 'reports']);
    expect(readdirSync(join(dir, 'by-run', 'reports')).sort()).toEqual(['compare-tilt-vs-switch.html', 'switch.html', 'tilt.html']);
    // --db and --out: the database at --db, the pages (named after it) in <out>/reports.
    const both = await breadth(['run', 'small.yaml', '--db', join('x', 'mine.db'), '--out', 'pages', '--json'], { cwd: dir });
    expectOk(both);
    expect(parseJson(both).db).toBe(join('x', 'mine.db'));
    expect(readdirSync(join(dir, 'x'))).toEqual(['mine.db']);
    expect(readdirSync(join(dir, 'pages', 'reports')).sort()).toEqual(['mine-compare-tilt-vs-switch.html', 'mine-switch.html', 'mine-tilt.html']);
    expect(readdirSync(dir).sort()).toEqual(['by-run', 'pages', 'small.yaml', 'x']); // nothing in ./out
    // One run from flags has --db and --report for its two outputs: --out is refused, not ignored.
    expectBadInput(await breadth(['run', '--strategy', 'size-tilt', '--out', 'flags'], { cwd: dir }), /^breadth: --out is a config file's folder .* --db <file> \(default out\/breadth\.db\) .* --report <file\.html>$/);
    expect(readdirSync(dir).sort()).toEqual(['by-run', 'pages', 'small.yaml', 'x']);
  });

  it('run --help says so', async () => {
    const o = await breadth(['run', '--help'], { cwd: scratch() });
    expectOk(o);
    expect(o.stdout.replace(/\s+/g, ' ')).toContain('the same as `breadth study <config>`');
  });

  it('--strategy (or any flag describing one run) beside a config file is refused, naming the flags', async () => {
    const dir = scratch();
    write(dir, 'small.yaml', smallStudy());
    expectBadInput(await breadth(['run', 'small.yaml', '--strategy', 'size-tilt'], { cwd: dir }), '--strategy', 'small.yaml');
    expectBadInput(await breadth(['run', 'small.yaml', '--cash', '5', '--rf', '0.02'], { cwd: dir }), '--cash, --rf');
    expect(readdirSync(dir)).toEqual(['small.yaml']);
  });
});

describe.concurrent('breadth --help', () => {
  it('shows examples', async () => {
    const o = await breadth(['--help'], { cwd: scratch() });
    expectOk(o);
    const examples = o.stdout.slice(o.stdout.indexOf('Examples:'));
    expect(o.stdout).toContain('Examples:');
    for (const example of ['breadth study', 'breadth run --strategy', 'breadth runs list', 'breadth compare']) expect(examples).toContain(example);
  });
});

describe.concurrent('runs list and the run summary', () => {
  let dir: string;
  let summary: string;
  beforeAll(async () => {
    dir = scratch();
    const label = 'a-rather-long-label-for-the-quality-spread-against-the-index';
    const first = await breadth(['run', '--strategy', 'iwm-vs-smlf', '--param', 'mode=switch', '--label', label, '--execution', 'same-close', '--db', 'r.db'], { cwd: dir });
    expectOk(first);
    summary = first.stdout;
    expectOk(await breadth(['run', '--strategy', 'size-tilt', '--db', 'r.db'], { cwd: dir }));
  });

  it('runs list fits 120 columns, wrapping long cells; --wide shows every column', async () => {
    const narrow = await breadth(['runs', 'list', 'r.db'], { cwd: dir });
    expectOk(narrow);
    for (const line of narrow.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(120);
    expect(narrow.stdout).toContain('a-rather-long-label');
    expect(narrow.stdout).not.toContain('created');
    const wide = await breadth(['runs', 'list', 'r.db', '--wide'], { cwd: dir });
    expectOk(wide);
    expect(wide.stdout).toContain('created');
    expect(wide.stdout).toContain('a-rather-long-label-for-the-quality-spread-against-the-index');
  });

  it('the summary gives the caveat count and each run\'s weightiest caveats', () => {
    // same-close is the run's most severe caveat; SYNTHETIC data is on every sample run, so the summary leaves it to the report.
    expect(summary).toMatch(/^caveats: [2-9] in 1 of 1 run \(all of a run's: breadth runs show r\.db 1\); those that change how a run reads:$/m);
    expect(summary).toMatch(/^ {2}! same-close execution: orders fill on the close the strategy decided on \(look-ahead-prone\)$/m);
    expect(summary).not.toMatch(/SYNTHETIC data: results come from/);
  });
});
