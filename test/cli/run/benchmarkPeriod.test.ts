// A benchmark that covers only part of the run is compared over the sessions both cover: the
// summary's "vs benchmark" is the difference of the two CAGRs over that common period, and it
// names the period. S grows 0.1 % a session for 20 sessions; B grows 0.2 % a session on sessions
// 5 … 14 only. Held whole at the same close, the NAV is S, so over the 9 common intervals the
// CAGRs are 1.001^252 − 1 and 1.002^252 − 1 (P = 252), a difference of 1.001^252 − 1.002^252.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { breadth, expectOk, parseJson, scratch, weekdays, write } from '../helpers.ts';

describe('a benchmark that starts late and ends early', () => {
  it('is compared over the common period, which the summary names', async () => {
    const dir = scratch();
    const days = weekdays(20);
    write(dir, 'S.csv', ['Date,Close', ...days.map((d, k) => `${d},${100 * 1.001 ** k}`), ''].join('\n'));
    write(dir, 'B.csv', ['Date,Close', ...days.flatMap((d, k) => (k >= 5 && k <= 14 ? [`${d},${200 * 1.002 ** (k - 5)}`] : [])), ''].join('\n'));
    const o = await breadth(['run', '--data', dir, '--strategy', 'buy-and-hold', '--param=weights={"S":1}', '--execution', 'same-close', '--cash', '1000000', '--benchmark', 'B', '--db', join(dir, 'r.db'), '--no-cache', '--json'], { cwd: dir });
    expectOk(o);
    const run = parseJson(o).runs[0];
    expect(run.excess.benchmark).toBeCloseTo(1.001 ** 252 - 1.002 ** 252, 9);
    expect(run.benchmarkPeriod).toEqual({ from: days[5], to: days[14], whole: false });
  });
});
