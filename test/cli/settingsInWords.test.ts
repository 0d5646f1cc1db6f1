// A user's mistake in a number setting, a flag's value or a study file's, is one line naming the
// flag or key, what was given, what the setting takes in words and the likely fix — never zod's
// "Too big: expected number to be <=1" (probe r65c).

import { beforeAll, describe, it } from 'vitest';
import { breadth, expectBadInput, scratch, write } from './helpers.ts';

let dir: string;
beforeAll(() => {
  dir = scratch();
});

/** `breadth run --strategy size-tilt ...args`: every flag below is refused before any data is read. */
const runFlags = (...args: string[]) => breadth(['run', '--strategy', 'size-tilt', '--db', 'out/r.db', ...args], { cwd: dir });

describe.concurrent('a number setting out of its range, in words', () => {
  it('--rf 5: the risk-free rate is an annual decimal, did you mean 0.05', async () => {
    expectBadInput(await runFlags('--rf', '5'), /^breadth: --rf 5: the risk-free rate is an annual decimal from -0\.1 to 1 \(0\.05 = 5 %\), or the name of a rate series of the data \(tbill3m\); did you mean 0\.05\?$/);
  });

  it('--commission-bps -1, --cash 0, --participation-cap 2, --periods-per-year 0: unit, range and example', async () => {
    expectBadInput(await runFlags('--commission-bps', '-1'), /^breadth: --commission-bps -1: the commission is in basis points from 0 to 10000 \(10 = 0\.1 % of notional; 0 for none\)$/);
    expectBadInput(await runFlags('--cash', '0'), /^breadth: --cash 0: the initial cash is an amount above 0 and at most 1e12 \(1000000 = a million\)$/);
    expectBadInput(await runFlags('--participation-cap', '2'), /^breadth: --participation-cap 2: the participation cap is a share of a session's volume above 0 and at most 1 \(0\.1 = 10 %\); did you mean 0\.02\?$/);
    expectBadInput(await runFlags('--account', 'margin', '--max-gross', '0'), /^breadth: --max-gross 0: the gross exposure limit is a multiple of NAV above 0 \(2 = positions worth up to twice the NAV\)$/);
    expectBadInput(await runFlags('--periods-per-year', '0'), /^breadth: --periods-per-year 0: periods per year is a whole number from 1 to 366 \(252 daily, 52 weekly, 12 monthly\)$/);
  });

  it("a study file's riskFree: 5 and engine settings name the file and key, every one in words", async () => {
    write(dir, 's8.yaml', 'title: t\ndata: sample\nriskFree: 5\nruns:\n  - name: a\n    strategy: size-tilt\n');
    expectBadInput(await breadth(['run', 's8.yaml', '--db', 'out/s8.db'], { cwd: dir }), /^breadth: s8\.yaml: riskFree: 5: the risk-free rate is an annual decimal from -0\.1 to 1 \(0\.05 = 5 %\), or the name of a rate series of the data \(tbill3m\); did you mean 0\.05\?$/);
    write(dir, 'engine.yaml', 'data: sample\nsample: { stocks: 30, years: 2 }\nruns:\n  - name: a\n    strategy: size-tilt\n    engine: { cash: { rate: 4 }, initialCash: 0 }\n');
    expectBadInput(
      await breadth(['run', 'engine.yaml', '--db', 'out/e.db'], { cwd: dir }),
      /^breadth: engine\.yaml: runs\[0\]\.engine\.initialCash: 0: the initial cash is an amount above 0 and at most 1e12 \(1000000 = a million\); runs\[0\]\.engine\.cash\.rate: 4: the cash rate is an annual decimal from -0\.1 to 1 \(0\.05 = 5 %\); did you mean 0\.04\?$/,
    );
  });
});
