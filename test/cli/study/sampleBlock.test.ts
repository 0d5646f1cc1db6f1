// A study's `sample:` block shapes the built-in sample only (probe r70c F3: `data: ../data3` beside
// `sample: { seed: 3, stocks: 25 }` ran on data3, exit 0, nothing said). Beside a data path, or
// in a `data: sample` study a --data path replaces, it is refused in one line naming the key and
// the fix, before anything is loaded or written; with the sample it applies.

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStudy } from '../../../study/config.ts';
import { openStudyMarket } from '../../../study/market.ts';
import { breadth, expectBadInput, expectOk, scratch, write } from '../helpers.ts';

/** A folder with a long price file `prices.csv` (AAA on the weekdays of January 2024) and the study `name`: `head`, then one buy-and-hold of `symbol`. */
function withStudy(name: string, head: string, symbol = 'AAA'): string {
  const dir = scratch();
  const days = Array.from({ length: 30 }, (_, k) => new Date(Date.UTC(2024, 0, 1 + k))).filter((d) => d.getUTCDay() % 6 !== 0);
  write(dir, 'prices.csv', ['date,symbol,close', ...days.map((d, k) => `${d.toISOString().slice(0, 10)},AAA,${100 + k}`), ''].join('\n'));
  write(dir, name, `title: t\n${head}runs:\n  - name: h\n    strategy: buy-and-hold\n    params: { weights: { ${symbol}: 1 } }\n`);
  return dir;
}

const FILE_REFUSAL = (file: string) => `breadth: ${file}: sample: applies only with data: sample — drop it, or set data: sample\n`;
const DATA_REFUSAL = (file: string, data: string) =>
  `breadth: ${file}: sample: applies only with data: sample, and --data ${data} replaces it — drop --data to run on the sample, or drop the sample: block to run on ${data}\n`;

describe.concurrent("a study's sample: block", () => {
  it('beside data: a path is refused in one line naming the key and the fix; nothing is written', async () => {
    const dir = withStudy('s.yaml', 'data: prices.csv\nsample: { seed: 3, stocks: 25 }\n');
    const o = await breadth(['run', 's.yaml', '--db', 'out/r.db'], { cwd: dir });
    expectBadInput(o);
    expect(o.stderr).toBe(FILE_REFUSAL('s.yaml'));
    expect(readdirSync(dir).sort()).toEqual(['prices.csv', 's.yaml']);
  });

  it('beside data: sample that --data replaces: refused by run, sweep and baseline save alike', async () => {
    const dir = withStudy('s.yaml', 'data: sample\nsample: { seed: 3 }\n');
    for (const args of [['run', 's.yaml', '--data', 'prices.csv', '--db', 'out/r.db'], ['sweep', 's.yaml', '--data', 'prices.csv', '--db', 'out/s.db'], ['baseline', 'save', 's.yaml', '--data', 'prices.csv', '--out', 'out/b.json']]) {
      const o = await breadth(args, { cwd: dir });
      expectBadInput(o);
      expect(o.stderr).toBe(DATA_REFUSAL('s.yaml', 'prices.csv'));
    }
    expect(readdirSync(dir).sort()).toEqual(['prices.csv', 's.yaml']);
  });

  it('with data: sample (or --data sample) it shapes the sample: seed 3', async () => {
    const dir = withStudy('s.yaml', 'data: sample\nsample: { seed: 3, stocks: 20, years: 1 }\n', 'SYN_SMALL');
    const o = await breadth(['run', 's.yaml', '--data', 'sample', '--db', 'r.db', '--no-reports'], { cwd: dir });
    expectOk(o);
    expect(o.stdout).toContain('sample universe (SYNTHETIC, seed 3)');
  });

  it('an empty sample: {} beside a path sets nothing, so nothing differs: the run goes on', async () => {
    const dir = withStudy('s.yaml', 'data: prices.csv\nsample: {}\n');
    expectOk(await breadth(['run', 's.yaml', '--db', 'r.db', '--no-reports'], { cwd: dir }));
  });
});

describe('from TypeScript', () => {
  const runs = [{ name: 'h', strategy: 'buy-and-hold' }];

  it('parseStudy refuses it as the file does', () => {
    expect(() => parseStudy({ data: '../data3', sample: { seed: 3, stocks: 25 }, runs }, 'mine')).toThrow('mine: sample: applies only with data: sample — drop it, or set data: sample');
  });

  it('openStudyMarket refuses a config built without parseStudy that holds both', async () => {
    const config = { data: '../data3', sample: { seed: 3 } };
    await expect(openStudyMarket(config)).rejects.toThrow('sample: applies only with data: sample — drop it, or set data: sample (data here: ../data3)');
  });
});
