// The read-only and data commands end to end: --help, strategies, metrics, data sample / inspect.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../cli/commands/index.ts';
import { breadth, breadthCommand, expectOk, hasSharedData, parseJson, scratch, sharedData, shell, write } from './helpers.ts';

const BUILTINS = ['buy-and-hold', 'fixed-weights', 'equal-weight', 'sma-crossover', 'momentum', 'quality-long-short', 'size-tilt', 'iwm-vs-smlf', 'rate-regime', 'breadth-thrust', 'risk-allocation'];

describe.concurrent('breadth --help', () => {
  it('lists every command and the exit codes', async () => {
    const o = await breadth(['--help'], { cwd: scratch() });
    expectOk(o);
    const names = commands.map((c) => String(c.command).split(' ')[0]);
    expect(names).toEqual(expect.arrayContaining(['study', 'run', 'report', 'compare', 'runs', 'metrics', 'baseline', 'regress', 'data', 'strategies']));
    for (const name of names) expect(o.stdout, `--help does not list ${name}`).toMatch(new RegExp(`^\\s+breadth ${name}\\b`, 'm'));
    expect(o.stdout).toMatch(/Exit codes: 0 ok · 1 regression drift · 2 bad input · 70 internal error/);
  });
});

describe.concurrent('breadth strategies', () => {
  it('--json lists the 10 built-ins with their parameters', async () => {
    const o = await breadth(['strategies', '--json'], { cwd: scratch() });
    expectOk(o);
    const list = parseJson(o);
    expect(list.map((s: { name: string }) => s.name)).toEqual(BUILTINS);
    for (const s of list) {
      expect(s.description, s.name).toEqual(expect.any(String));
      expect(Array.isArray(s.params), s.name).toBe(true);
      for (const p of s.params) expect(p).toMatchObject({ name: expect.any(String), type: expect.any(String), description: expect.any(String) });
    }
    const sizeTilt = list.find((s: { name: string }) => s.name === 'size-tilt');
    expect(sizeTilt.params.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['mode', 'tilt']));
    const iwm = list.find((s: { name: string }) => s.name === 'iwm-vs-smlf');
    expect(iwm.params.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['mode', 'lookback']));
  });

  it('the text listing names every built-in and how to pass its parameters', async () => {
    const o = await breadth(['strategies'], { cwd: scratch() });
    expectOk(o);
    for (const name of BUILTINS) expect(o.stdout).toMatch(new RegExp(`^${name} — `, 'm'));
    expect(o.stdout).toContain('--param tilt=<');
  });
});

describe.concurrent('output into a closed pipe', () => {
  it('`breadth strategies | true` ends quietly: no unhandled EPIPE and no stack trace', async () => {
    const o = await shell(`${breadthCommand()} strategies | true`, { cwd: scratch() });
    expect(o.stderr, o.stderr).toBe('');
  });
});

describe.concurrent('breadth metrics', () => {
  const returns = [0.01, -0.02, 0.03, 0.005, -0.01];
  const csv = `date,return\n${['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08'].map((d, k) => `${d},${returns[k]}`).join('\n')}\n`;
  // By hand: compound growth, and the worst fall from a running peak (here 1.01 → 0.9898, i.e. -2%).
  const totalReturn = returns.reduce((g, r) => g * (1 + r), 1) - 1;
  let peak = 1;
  let nav = 1;
  let maxDrawdown = 0;
  for (const r of returns) {
    nav *= 1 + r;
    peak = Math.max(peak, nav);
    maxDrawdown = Math.min(maxDrawdown, nav / peak - 1);
  }

  it('--json on a hand-made 5-row series: total_return is the compounded product', async () => {
    const dir = scratch();
    write(dir, 'returns.csv', csv);
    const o = await breadth(['metrics', '--returns', 'returns.csv', '--json'], { cwd: dir });
    expectOk(o);
    const out = parseJson(o);
    expect(out.values.total_return).toBeCloseTo(totalReturn, 12);
    expect(out.values.max_drawdown).toBeCloseTo(maxDrawdown, 12);
    expect(out.values.best_day).toBeCloseTo(0.03, 12);
    expect(out.values.worst_day).toBeCloseTo(-0.02, 12);
    expect(out.values.win_rate).toBeCloseTo(3 / 5, 12);
    expect(out.metrics.find((m: { name: string }) => m.name === 'total_return')).toMatchObject({ n: 5 });
    expect(out.benchmark).toBeNull();
  });

  it('prints the table for people', async () => {
    const dir = scratch();
    write(dir, 'returns.csv', csv);
    const o = await breadth(['metrics', '--returns', 'returns.csv'], { cwd: dir });
    expectOk(o);
    expect(o.stdout).toMatch(new RegExp(`│ total_return +│ ${(totalReturn * 100).toFixed(2)}% +│ 5 `)); // a percent, as metricText prints it
  });
});

describe.concurrent('breadth data', () => {
  it('sample --out writes CSVs that inspect --json reads back as the SYNTHETIC sample', async () => {
    const dir = scratch();
    const written = await breadth(['data', 'sample', '--out', 'sample', '--stocks', '30', '--years', '2'], { cwd: dir });
    expectOk(written);
    const files = readdirSync(join(dir, 'sample'), { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(files.filter((f) => f.name.endsWith('.csv')).length).toBeGreaterThanOrEqual(10);
    expect(written.stdout).toMatch(new RegExp(`wrote ${files.length} files of the SYNTHETIC sample \\(seed 42\\) to sample`));

    const inspected = await breadth(['data', 'inspect', 'sample', '--json'], { cwd: dir });
    expectOk(inspected);
    const report = parseJson(inspected);
    expect(report.synthetic).toBe(true);
    expect(report.stocks).toBe(30);
    expect(report.funds).toBe(4);
    expect(report.roles).toEqual({ smallCap: 'SYN_SMALL', qualitySmallCap: 'SYN_QSMALL', largeCap: 'SYN_LARGE', bond: 'SYN_BOND' });
    expect(report.symbols.filter((s: { flags: string[] }) => s.flags.includes('stock'))).toHaveLength(30);
    expect(report.first).toBe('2005-01-03');
    expect(report.fundamentals.symbols).toBe(30);
  });
});

if (!hasSharedData) console.warn(`test/cli: ${sharedData} is absent — the real-data inspect test is skipped`);

describe.skipIf(!hasSharedData).concurrent(`breadth data inspect on the real ETF data (${join(sharedData, 'etf', 'adjclose')}; skipped where absent)`, () => {
  it('reports IWM 2000-05-26 → 2026-07-31 over 6583 sessions and SMLF from 2015-04-30', async () => {
    // Run from a scratch folder: the loader keeps its cache in the working folder.
    const o = await breadth(['data', 'inspect', join(sharedData, 'etf', 'adjclose'), '--json'], { cwd: scratch() });
    expectOk(o);
    const report = parseJson(o);
    expect(report.synthetic).toBe(false);
    const bySymbol = new Map(report.symbols.map((s: { symbol: string }) => [s.symbol, s]));
    expect(bySymbol.get('IWM')).toMatchObject({ first: '2000-05-26', last: '2026-07-31', sessions: 6583 });
    expect(bySymbol.get('SMLF')).toMatchObject({ first: '2015-04-30' });
  });
});
