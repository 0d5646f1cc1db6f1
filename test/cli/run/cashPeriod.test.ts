// A cash rate that starts into the run: "vs cash" is measured over the rate's span, and the
// terminal, --json and the tear sheet name that span and the run's CAGR over it. S grows 0.1 % a session for 20
// sessions; the rate (5 %) starts on session 5, so returns 4 … 18 (dated sessions 5 … 19) have it:
// over those 15 returns cash annualises to 5 % exactly and the run to 1.001^252 − 1 (P = 252).

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { breadth, expectOk, parseJson, scratch, weekdays, write } from '../helpers.ts';

describe('a cash rate over part of the run', () => {
  it('is compared over its span, which the summary and --json name', async () => {
    const dir = scratch();
    const days = weekdays(20);
    for (const sub of ['etf', 'rates']) mkdirSync(join(dir, sub));
    write(dir, 'etf/S.csv', ['Date,Close', ...days.map((d, k) => `${d},${100 * 1.001 ** k}`), ''].join('\n'));
    write(dir, 'rates/DTB3.csv', ['observation_date,DTB3', ...days.slice(5).map((d) => `${d},5.00`), ''].join('\n'));
    const args = ['run', '--data', dir, '--strategy', 'buy-and-hold', '--param=weights={"S":1}', '--execution', 'same-close', '--cash', '1000000', '--rf', 'tbill3m', '--db', join(dir, 'r.db'), '--no-cache'];
    const o = await breadth([...args, '--json'], { cwd: dir });
    expectOk(o);
    const run = parseJson(o).runs[0];
    const ours = 1.001 ** 252 - 1;
    expect(run.excess.cash).toBeCloseTo(ours - 0.05, 9);
    expect(run.cashPeriod).toMatchObject({ from: days[4], to: days[19], whole: false });
    expect(run.cashPeriod.runAnnual).toBeCloseTo(ours, 9);
    const text = await breadth([...args, '--report', join(dir, 'r.html')], { cwd: dir });
    expectOk(text);
    // The page says the same span, and that its end may read a carried rate (r17d finding 5).
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toContain(`over ${days[4]} → ${days[19]}, where the cash rate is known or carried (this run 28.64%)`);
    expect(text.stdout).toContain(`vs cash compared over ${days[4]} → ${days[19]}, where the cash rate is known or carried (this run 28.6% a year there)`);
  });
});
