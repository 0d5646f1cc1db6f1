// Walk-forward efficiency (Pardo): OOS / IS annualised return, defined for a profitable in-sample
// return only — over one ≤ 0 the ratio reads backwards, so it is null with the reason (probe r64b F2).

import { describe, expect, it } from 'vitest';
import { walkForwardEfficiency } from '../../../../reports/metrics/index.ts';

describe('walk-forward efficiency', () => {
  it('is OOS / IS over a profitable in-sample return, negative when out of sample lost', () => {
    // 0.059 / 0.2854 = 0.206727…; -0.569 / 0.0194 = -29.329…
    expect(walkForwardEfficiency(0.059, 0.2854).value).toBeCloseTo(0.206727, 6);
    expect(walkForwardEfficiency(-0.569, 0.0194)).toEqual({ value: -0.569 / 0.0194, note: null });
  });

  it('is null with the reason over an in-sample return ≤ 0 (was -0.179 / -0.0768 = +2.33, "2.3× better" for a 2.3× worse loss)', () => {
    expect(walkForwardEfficiency(-0.179, -0.0768, 'mean in-sample annual return')).toEqual({ value: null, note: 'mean in-sample annual return -7.7% ≤ 0: efficiency undefined (it is the share of a profitable in-sample return kept out of sample)' });
    // d2's case the other way round: OOS +2.0 % over IS -7.7 % gave -0.26, a "failure" that beat in sample.
    expect(walkForwardEfficiency(0.02, -0.077).value).toBeNull();
    expect(walkForwardEfficiency(0.05, 0).note).toBe('in-sample annual return 0.0% ≤ 0: efficiency undefined (it is the share of a profitable in-sample return kept out of sample)');
  });

  it('is null with the reason when either return is missing', () => {
    expect(walkForwardEfficiency(0.1, null)).toEqual({ value: null, note: 'no in-sample annual return: efficiency undefined' });
    expect(walkForwardEfficiency(null, 0.1)).toEqual({ value: null, note: 'no out-of-sample annual return: efficiency undefined' });
  });
});
