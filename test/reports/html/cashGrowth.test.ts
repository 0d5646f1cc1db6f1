// Cash against the run over the returns where the rate is known (probe r16d: a T-bill series from
// 2000 in a run from 1993 compounded as 0 % for seven years gave "vs cash 1.51 %" for 1.91 %).
import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../../data/dates.ts';
import { cashGrowth } from '../../../reports/html/tearSheet/figures.ts';

describe('cashGrowth', () => {
  it('a rate known on returns 2–3 of 4: cash and the run over those two returns (by hand, P = 2)', () => {
    // Cash: 1.01 × 1.01 = 1.0201 over 2 returns = one year at P = 2. The run over the same returns: NAV 121 → 133.1, ×1.1.
    const g = cashGrowth([NaN, NaN, 0.01, 0.01], 2, [100, 110, 121, 121, 133.1]);
    expect(g).toMatchObject({ first: 2, last: 3, whole: false });
    expect(g?.total).toBeCloseTo(0.0201, 12);
    expect(g?.annual).toBeCloseTo(0.0201, 12);
    expect(g?.run?.total).toBeCloseTo(0.1, 12);
    expect(g?.run?.annual).toBeCloseTo(0.1, 12);
  });

  it('a rate on every return is the whole run: (Π(1 + rf))^(P/n) − 1', () => {
    const g = cashGrowth([0.01, 0.01, 0.01, 0.01], 4, [100, 101, 102, 103, 104]);
    expect(g?.whole).toBe(true);
    expect(g?.annual).toBeCloseTo(1.01 ** 4 - 1, 12);
  });

  it('month-ends missing April: the row closing the gap covers two months, so cash is annualised over 5 months, not 4 rows', () => {
    // Rows Jan→Feb, Feb→Mar, Mar→May, May→Jun at 0.4 % a month: rf 0.004, 0.004, 1.004² − 1, 0.004; growth 1.004⁵ over 5 months at P = 12.
    const days = ['2024-01-31', '2024-02-29', '2024-03-31', '2024-05-31', '2024-06-30'].map(parseIsoDay);
    const g = cashGrowth([0.004, 0.004, 1.004 ** 2 - 1, 0.004], 12, [100, 100, 100, 100, 100], days);
    expect(g?.annual).toBeCloseTo(1.004 ** 12 - 1, 12);
    expect(g?.run?.annual).toBeCloseTo(0, 12);
  });

  it('no rate, or only zeros: null', () => {
    expect(cashGrowth(undefined, 252)).toBeNull();
    expect(cashGrowth([0, 0, NaN], 252)).toBeNull();
  });
});
