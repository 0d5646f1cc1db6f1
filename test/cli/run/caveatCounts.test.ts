// The terminal's caveat count and the report's reconcile: the terminal counts the caveats recorded
// with the run (as `runs show` lists them), shows a few and says how many more are recorded; the
// report lists those plus notes of its own and says which are which (r20a: terminal "9 caveats …
// 6 more in the report" beside a report "Caveats (12)").

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { breadth, expectOk, parseJson, scratch, write } from '../helpers.ts';

describe('caveat counts across the terminal, the store and the report', () => {
  it('terminal count = runs show count = the report\'s "recorded with the run"; report total = recorded + its own', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'data'));
    // AAA rises 1 a day from 100; BBB starts on the 4th session: a deferral, a short sample, a 50/50 book.
    const dates = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09', '2024-01-10'];
    write(dir, 'data/AAA.csv', ['Date,AdjClose', ...dates.map((d, k) => `${d},${100 + k}`), ''].join('\n'));
    write(dir, 'data/BBB.csv', ['Date,AdjClose', ...dates.slice(3).map((d, k) => `${d},${50 + (k % 2)}`), ''].join('\n'));
    const run = await breadth(['run', '--data', 'data', '--strategy', 'fixed-weights', '--param', 'weights={"AAA":0.5,"BBB":0.5}', '--param', 'schedule=every-session', '--cash', '10000', '--db', 'r.db', '--report', 'r.html'], { cwd: dir });
    expectOk(run);
    const count = Number(/final NAV [^\n]*, (\d+) caveats?/.exec(run.stdout)?.[1]);
    const block = run.stdout.slice(run.stdout.indexOf('final NAV'));
    const shown = block.split('\n').filter((l) => /^ {2}[!·] /.test(l)).length;
    expect(block).toContain(`  … ${count - shown} more recorded, in the report and runs show (the report adds notes of its own, e.g. on metrics it could not compute)`);
    const stored = parseJson(await breadth(['runs', 'show', 'r.db', '1', '--json'], { cwd: dir }));
    expect(stored.caveats).toHaveLength(count);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    const total = Number(/Caveats \((\d+)\)/.exec(html)?.[1]);
    const own = /(\d+) recorded with the run \(the count the terminal and `breadth runs show` give\) and (\d+) of this report&#39;s own/.exec(html);
    expect(own).not.toBeNull();
    const [recorded, added] = [Number(own?.[1]), Number(own?.[2])];
    expect(recorded).toBe(count);
    expect(recorded + added).toBe(total);
  });
});
