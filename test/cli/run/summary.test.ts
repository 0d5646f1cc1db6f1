// The terminal summary after a study: each run's CAGR with its excess over the benchmark and
// over cash, turnover as a percentage, the final NAV with its currency, and per run its period,
// caveat count and the caveats that matter — the same figures in --json.

import { beforeAll, describe, expect, it } from 'vitest';
import { breadth, expectOk, parseJson, scratch, smallStudy, write } from '../helpers.ts';

describe('the study summary', () => {
  let text: string;
  let json: any;

  beforeAll(async () => {
    const dir = scratch();
    write(dir, 'small.yaml', `${smallStudy()}riskFree: 0.02\n`);
    const [plain, machine] = await Promise.all([breadth(['study', 'small.yaml', '--out', 'a', '--no-reports'], { cwd: dir }), breadth(['study', 'small.yaml', '--out', 'b', '--no-reports', '--json'], { cwd: dir })]);
    expectOk(plain);
    expectOk(machine);
    text = plain.stdout;
    json = parseJson(machine);
  });

  it('has the excess over the benchmark and over cash, turnover in percent and the final NAV with its currency', () => {
    const header = text.split('\n').find((line) => line.includes('CAGR')) ?? '';
    for (const column of ['vs benchmark', 'vs cash', 'turnover/yr', 'final NAV (USD)']) expect(header).toContain(column);
    const tilt = json.runs[0];
    const row = text.split('\n').find((line) => line.startsWith('│ tilt ')) ?? '';
    const pp = (x: number) => `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)} pp`;
    expect(row).toContain(pp(tilt.excess.benchmark));
    for (const line of text.split('\n').filter((l) => l.startsWith('│') || l.startsWith('┌'))) expect(line.length, line).toBeLessThanOrEqual(120);
    expect(row).toContain(pp(tilt.excess.cash));
    expect(row).toContain(`${(tilt.metrics.turnover * 100).toFixed(0)}%`);
    expect(row).toContain(Math.round(tilt.finalNav).toLocaleString('en-US'));
  });

  it('gives the excess over cash as CAGR minus the compounded 2% rate', () => {
    const tilt = json.runs[0];
    expect(tilt.currency).toBe('USD');
    // A constant 2% a year compounds, per period and annualized again, to 2% a year.
    expect(tilt.excess.cash).toBeCloseTo(tilt.metrics.annual_return - 0.02, 10);
  });

  it('lists each run with its period, first trade, final NAV and caveat count', () => {
    for (const run of json.runs) {
      const line = `${run.name}: ${run.period.from} → ${run.period.to} (first trade ${run.period.firstInvested}), benchmark ${run.benchmark}, final NAV USD ${Math.round(run.finalNav).toLocaleString('en-US')}, ${run.caveats.count} caveat`;
      expect(text).toContain(line);
      expect(run.caveats.top).toEqual(expect.any(String));
    }
  });
});
