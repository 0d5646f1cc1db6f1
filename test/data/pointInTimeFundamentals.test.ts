// Point-in-time fundamentals when filings are published out of period order: a figure on a day is
// built from the filings public by that day only (statementsToRows), and the as-of lookup takes
// the newest public period, not the last published row (Fundamentals.latestRow).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUNDAMENTAL_FIELDS, Fundamentals, type FundamentalField, type FundamentalRow } from '../../data/fundamentals.ts';

describe('Fundamentals.latestRow: the newest period public on the day', () => {
  const rows: FundamentalRow[] = [
    { symbol: 0, periodEnd: 100, availableAt: 200, values: { totalAssets: 1 } },
    { symbol: 0, periodEnd: 190, availableAt: 250, values: { totalAssets: 2 } },
    { symbol: 0, periodEnd: 150, availableAt: 300, values: { totalAssets: 3 } }, // an older period, late
    { symbol: 0, periodEnd: 190, availableAt: 320, values: { totalAssets: 4 } }, // period 190 again: supersedes
  ];

  it('hand table: 199 none, 200 → 1, 250 → 2, 300 → 2 (the late older period is ignored), 320 → 4', () => {
    const f = new Fundamentals(1, rows);
    expect([199, 200, 250, 300, 320].map((d) => f.asOf('totalAssets', d)[0])).toEqual([NaN, 1, 2, 2, 4]);
  });

  it('fromSortedColumns (the cache and sweep path) follows the same rule', () => {
    const f = new Fundamentals(1, rows);
    const columns = Object.fromEntries(FUNDAMENTAL_FIELDS.map((field) => [field, f.column(field)])) as Record<FundamentalField, Float64Array>;
    const g = Fundamentals.fromSortedColumns(1, { symbol: f.symbol, periodEnd: f.periodEnd, availableAt: f.availableAt, columns });
    expect([199, 200, 250, 300, 320].map((d) => g.asOf('totalAssets', d)[0])).toEqual([NaN, 1, 2, 2, 4]);
  });

  it('property: picks the visible row with the largest (periodEnd, availableAt), for any publish order', () => {
    const row = fc.record({ symbol: fc.integer({ min: 0, max: 2 }), periodEnd: fc.integer({ min: 0, max: 60 }), availableAt: fc.integer({ min: 0, max: 90 }) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.integer({ min: -1, max: 95 }), (specs, on) => {
        const f = new Fundamentals(3, specs.map((s, k) => ({ ...s, values: { revenue: k } })));
        for (let i = 0; i < 3; i++) {
          const visible = specs.filter((s) => s.symbol === i && s.availableAt <= on);
          const best = visible.reduce<(typeof visible)[number] | undefined>((a, s) => (!a || s.periodEnd > a.periodEnd || (s.periodEnd === a.periodEnd && s.availableAt > a.availableAt) ? s : a), undefined);
          const k = f.latestRow(i, on);
          if (!best) expect(k).toBe(-1);
          else expect([f.periodEnd[k], f.availableAt[k]]).toEqual([best.periodEnd, best.availableAt]);
        }
      }),
      { numRuns: 300, seed: 20240220 },
    );
  });
});
