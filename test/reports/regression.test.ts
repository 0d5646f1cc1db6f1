// Baseline comparison: metrics within tolerance, fills and orders hashes exactly, caveats by code,
// severity and symbols (a high one that appears or goes is a drift, the others are listed beside it).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../data/errors.ts';
import { caveat, type CaveatCode, CAVEAT_SEVERITIES } from '../../engine/caveats/caveats.ts';
import { caveatChanges, type RecordedCaveat, recordedCaveats } from '../../reports/caveats/baselineCaveats.ts';
import { type Baseline, type BaselineRun, baselineCaveatChanges, compareToBaseline, notCompared, parseBaseline } from '../../reports/regression.ts';

const run = (over: Partial<BaselineRun> = {}): BaselineRun => ({ name: 'a', fills_hash: 'f'.repeat(64), orders_hash: 'o'.repeat(64), metrics: { sharpe: 1 }, ...over });
const baseline = (runs: BaselineRun[]): Baseline => parseBaseline({ breadth_baseline: 1, study: 's.yaml', data_source: 'sample', data: 'd', data_fingerprint: 'x', runs }, 'base.json');

describe('compareToBaseline', () => {
  it('finds nothing when hashes match and metrics are within tolerance', () => {
    expect(compareToBaseline(baseline([run()]), [run({ metrics: { sharpe: 1 + 1e-12 } })])).toEqual([]);
  });

  it('passes a metric within abs OR rel × |baseline|, the looser bound winning; the default is abs 1e-9, rel 1e-7 (probe r64c F3: the rule was undocumented)', () => {
    // total_return 0.0891 → 0.0810: |Δ| = 0.0081 (0.00809999999999978 in binary64).
    const moved = (tolerance?: { abs: number; rel: number }) =>
      compareToBaseline(
        parseBaseline({ breadth_baseline: 1, study: 's.yaml', data_source: 'sample', data: 'd', data_fingerprint: 'x', tolerances: tolerance ? { default: tolerance } : {}, runs: [run({ metrics: { total_return: 0.0891 } })] }, 'base.json'),
        [run({ metrics: { total_return: 0.081 } })],
      ).length;
    expect(moved({ abs: 0.008, rel: 0 })).toBe(1); // 0.0081 > 0.008
    expect(moved({ abs: 0.0081, rel: 0 })).toBe(0);
    expect(moved({ abs: 0, rel: 0.09 })).toBe(1); // 0.09 × 0.0891 = 0.008019 < 0.0081
    expect(moved({ abs: 0, rel: 0.0910 })).toBe(0); // 0.0910 × 0.0891 = 0.0081081 ≥ 0.0081
    expect(moved({ abs: 0.001, rel: 0.5 })).toBe(0); // abs alone drifts; rel 0.5 × 0.0891 = 0.04455 passes: the looser wins
    expect(moved()).toBe(1);
    // The default: 1 → 1 + 1.5e-7 drifts (1.5e-7 > 1e-9 and > 1e-7 × 1); 1000 → 1000 + 5e-5 passes (5e-5 ≤ 1e-7 × 1000 = 1e-4).
    expect(compareToBaseline(baseline([run()]), [run({ metrics: { sharpe: 1 + 1.5e-7 } })])).toHaveLength(1);
    expect(compareToBaseline(baseline([run({ metrics: { sharpe: 1000 } })]), [run({ metrics: { sharpe: 1000 + 5e-5 } })])).toEqual([]);
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

describe('caveats in a baseline (probe r57b F4: a run that gained a high stale-marks caveat regressed as "no drift", exit 0)', () => {
  const deferred: RecordedCaveat = { code: 'deferred', severity: 'high', symbols: [] };
  const lowNote: RecordedCaveat = { code: 'data-note', severity: 'low', symbols: ['CCC'] };
  const stale: RecordedCaveat = { code: 'stale-marks', severity: 'high', symbols: ['CCC'] };

  it('records code, severity and sorted symbols, most severe first — never the wording or the size', () => {
    const a = recordedCaveats([
      caveat('data-note', 'low', '10 sessions without a bar … CCC 10', { value: 10, unit: 'sessions' }, ['CCC']),
      caveat('partial-coverage', 'medium', 'BBB from 2023-09-01', { value: 174, unit: 'sessions' }, ['CCC', 'BBB']),
      caveat('stale-marks', 'high', 'peak 30.7% of NAV', { value: 0.307, unit: 'nav-share' }, ['CCC']),
    ]);
    expect(a).toEqual([stale, { code: 'partial-coverage', severity: 'medium', symbols: ['BBB', 'CCC'] }, lowNote]);
    // The same caveats reworded and resized, listed in another order: recorded alike.
    const b = recordedCaveats([caveat('stale-marks', 'high', 'peak 12.0% of NAV', { value: 0.12, unit: 'nav-share' }, ['CCC']), caveat('partial-coverage', 'medium', 'BBB late', null, ['BBB', 'CCC']), caveat('data-note', 'low', 'gap', null, ['CCC'])]);
    expect(b).toEqual(a);
  });

  it('a high caveat that appears is a drift, counted 0 → 1; a low one is a change beside the drifts, never one', () => {
    const before = run({ caveats: [deferred] });
    const after = run({ caveats: [stale, deferred, lowNote] });
    expect(compareToBaseline(baseline([before]), [after])).toEqual([{ run: 'a', what: 'caveat stale-marks (high: CCC)', baseline: 0, current: 1, tolerance: 'exact' }]);
    expect(baselineCaveatChanges(baseline([before]), [after])).toEqual([
      { run: 'a', ...stale, baseline: 0, current: 1 },
      { run: 'a', ...lowNote, baseline: 0, current: 1 },
    ]);
    // …and one that goes, 1 → 0.
    expect(compareToBaseline(baseline([after]), [before])).toEqual([{ run: 'a', what: 'caveat stale-marks (high: CCC)', baseline: 1, current: 0, tolerance: 'exact' }]);
  });

  it('a caveat that changes severity is the one gone and the other come: a medium stale-marks grown high drifts', () => {
    const medium: RecordedCaveat = { ...stale, severity: 'medium' };
    expect(baselineCaveatChanges(baseline([run({ caveats: [medium] })]), [run({ caveats: [stale] })])).toEqual([
      { run: 'a', ...stale, baseline: 0, current: 1 },
      { run: 'a', ...medium, baseline: 1, current: 0 },
    ]);
  });

  it('counts a caveat held twice (two data notes with no symbols): one of them gone is a change', () => {
    const note: RecordedCaveat = { code: 'data-note', severity: 'medium', symbols: [] };
    expect(baselineCaveatChanges(baseline([run({ caveats: [note, note] })]), [run({ caveats: [note] })])).toEqual([{ run: 'a', ...note, baseline: 2, current: 1 }]);
  });

  it('an older baseline without caveats is read, its caveats said not compared, and no caveat drifts', () => {
    const old = run();
    expect(compareToBaseline(baseline([old]), [run({ caveats: [stale] })])).toEqual([]);
    expect(notCompared(baseline([old]), [run({ caveats: [stale] })]).caveats).toEqual(['a']);
    expect(notCompared(baseline([run({ caveats: [] })]), [run({ caveats: [stale] })]).caveats).toEqual([]);
  });

  it('lists every metric the run records that the baseline lacks as not compared (probe r57b F4: stale_mark_peak 0 → 0.307 unlisted)', () => {
    const old = run({ metrics: { sharpe: 1 } });
    const now = run({ metrics: { sharpe: 1, stale_mark_mean: 0.0039, stale_mark_peak: 0.307 } });
    expect(notCompared(baseline([old]), [now]).metrics).toEqual([
      { run: 'a', metric: 'stale_mark_mean' },
      { run: 'a', metric: 'stale_mark_peak' },
    ]);
  });

  it('property: a list against any reordering of itself changes nothing; Σ (current − baseline) over the changes is the difference in length', () => {
    const asCaveats = (list: readonly RecordedCaveat[], message: string) => list.map((c) => caveat(c.code as CaveatCode, c.severity, message, null, c.symbols));
    const recorded = fc.record({ code: fc.constantFrom('stale-marks', 'data-note', 'deferred'), severity: fc.constantFrom(...CAVEAT_SEVERITIES), symbols: fc.uniqueArray(fc.constantFrom('AAA', 'BBB', 'CCC'), { maxLength: 3 }) });
    fc.assert(
      fc.property(fc.array(recorded, { maxLength: 8 }), fc.array(recorded, { maxLength: 8 }), (before: RecordedCaveat[], after: RecordedCaveat[]) => {
        // The same caveats listed backwards, their symbols reversed, reworded: recorded alike, so nothing changed.
        const reordered = [...before].reverse().map((c) => ({ ...c, symbols: [...c.symbols].reverse() }));
        expect(caveatChanges('a', recordedCaveats(asCaveats(before, 'x')), recordedCaveats(asCaveats(reordered, 'y')))).toEqual([]);
        const changes = caveatChanges('a', before, after);
        expect(changes.reduce((s, c) => s + c.current - c.baseline, 0)).toBe(after.length - before.length);
        expect(changes.every((c) => c.baseline !== c.current)).toBe(true);
      }),
    );
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
