// Baseline comparison: metrics within tolerance, fills and orders hashes exactly.

import { describe, expect, it } from 'vitest';
import { UserError } from '../../data/errors.ts';
import { type Baseline, type BaselineRun, compareToBaseline, parseBaseline } from '../../reports/regression.ts';

const run = (over: Partial<BaselineRun> = {}): BaselineRun => ({ name: 'a', fills_hash: 'f'.repeat(64), orders_hash: 'o'.repeat(64), metrics: { sharpe: 1 }, ...over });
const baseline = (runs: BaselineRun[]): Baseline => parseBaseline({ breadth_baseline: 1, study: 's.yaml', data_source: 'sample', data: 'd', data_fingerprint: 'x', runs }, 'base.json');

describe('compareToBaseline', () => {
  it('finds nothing when hashes match and metrics are within tolerance', () => {
    expect(compareToBaseline(baseline([run()]), [run({ metrics: { sharpe: 1 + 1e-12 } })])).toEqual([]);
  });

  it('reports a changed order list even when the fills and metrics are the same', () => {
    expect(compareToBaseline(baseline([run()]), [run({ orders_hash: 'p'.repeat(64) })])).toEqual([
      { run: 'a', what: 'orders_hash', baseline: 'o'.repeat(64), current: 'p'.repeat(64), tolerance: 'exact' },
    ]);
  });

  it('reports a baseline recorded before orders were hashed until it is re-recorded', () => {
    const { orders_hash: _, ...old } = run();
    expect(compareToBaseline(baseline([old]), [run()])).toEqual([
      { run: 'a', what: 'orders_hash', baseline: 'missing (recorded before orders were hashed)', current: 'o'.repeat(64), tolerance: 'exact' },
    ]);
  });

  it('gives a metric\'s values as numbers (null where none, "missing" where the run lacks it), for --json (probe r28b: strings)', () => {
    expect(compareToBaseline(baseline([run({ metrics: { sharpe: 1, sortino: null, calmar: 2 } })]), [run({ metrics: { sharpe: 1.5, sortino: 0.25 } })])).toEqual([
      { run: 'a', what: 'sharpe', baseline: 1, current: 1.5, tolerance: 'abs 1e-9, rel 1e-7' },
      { run: 'a', what: 'sortino', baseline: null, current: 0.25, tolerance: 'abs 1e-9, rel 1e-7' },
      { run: 'a', what: 'calmar', baseline: 2, current: 'missing', tolerance: 'abs 1e-9, rel 1e-7' },
    ]);
  });
});

describe('parseBaseline', () => {
  const raw = (tolerances: object) => ({ breadth_baseline: 1, study: 's.yaml', data_source: 'sample', data: 'd', data_fingerprint: 'x', tolerances, runs: [run({ metrics: { total_return: 0.1, sharpe: 1 } })] });

  it('takes default and the metrics the baseline records as tolerance keys', () => {
    expect(parseBaseline(raw({ default: { abs: 0, rel: 1e-6 }, total_return: { abs: 1e-6, rel: 0 } }), 'b.json').tolerances.total_return).toEqual({ abs: 1e-6, rel: 0 });
  });

  it('refuses a misspelt tolerance key, with the nearest metric (probe r28b: total_retrun was accepted and ignored)', () => {
    expect(() => parseBaseline(raw({ total_retrun: { abs: 1, rel: 0 } }), 'b.json')).toThrow(new UserError('b.json: tolerances.total_retrun names no metric this baseline records; did you mean total_return?'));
    expect(() => parseBaseline(raw({ zzz: { abs: 1, rel: 0 } }), 'b.json')).toThrow(new UserError('b.json: tolerances.zzz names no metric this baseline records; use default or one of total_return, sharpe'));
  });
});
