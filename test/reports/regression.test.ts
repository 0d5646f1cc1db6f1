// Baseline comparison: metrics within tolerance, fills and orders hashes exactly.

import { describe, expect, it } from 'vitest';
import { type Baseline, type BaselineRun, compareToBaseline, parseBaseline } from '../../reports/regression.ts';

const run = (over: Partial<BaselineRun> = {}): BaselineRun => ({ name: 'a', fills_hash: 'f'.repeat(64), orders_hash: 'o'.repeat(64), metrics: { sharpe: 1 }, ...over });
const baseline = (runs: BaselineRun[]): Baseline => parseBaseline({ breadth_baseline: 1, study: 's.yaml', data_source: 'sample', data: 'd', data_fingerprint: 'x', runs }, 'base.json');

describe('compareToBaseline', () => {
  it('finds nothing when hashes match and metrics are within tolerance', () => {
    expect(compareToBaseline(baseline([run()]), [run({ metrics: { sharpe: 1 + 1e-12 } })])).toEqual([]);
  });

  it('reports a changed order list even when the fills and metrics are the same', () => {
    expect(compareToBaseline(baseline([run()]), [run({ orders_hash: 'p'.repeat(64) })])).toEqual([
      { run: 'a', what: 'orders_hash', baseline: 'o'.repeat(16), current: 'p'.repeat(16), tolerance: 'exact' },
    ]);
  });

  it('reports a baseline recorded before orders were hashed until it is re-recorded', () => {
    const { orders_hash: _, ...old } = run();
    expect(compareToBaseline(baseline([old]), [run()])).toEqual([
      { run: 'a', what: 'orders_hash', baseline: 'missing (recorded before orders were hashed)', current: 'o'.repeat(16), tolerance: 'exact' },
    ]);
  });
});
