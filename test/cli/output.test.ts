// The terminal's number formats print a value that rounds to zero without its sign, as the report
// does (probe r31b: a flat run read "CAGR −0.0%" from a NAV of 9,999.999999999998).

import { describe, expect, it } from 'vitest';
import { fixed, percent } from '../../cli/output.ts';

describe('percent and fixed', () => {
  it('a value that rounds to zero prints 0, never -0', () => {
    expect([percent(-2.2e-16), percent(-0.0004), percent(-0), fixed(-1e-9), fixed(-0.004, 2)]).toEqual(['0.0%', '0.0%', '0.0%', '0.00', '0.00']);
  });

  it('other values keep their sign and rounding', () => {
    expect([percent(-0.0005), percent(0.1234), fixed(-1.005, 1), fixed(2.5, 0)]).toEqual(['-0.1%', '12.3%', '-1.0', '3']);
  });

  it('no value is a dash', () => {
    expect([percent(null), percent(undefined), percent(NaN), fixed(Infinity)]).toEqual(['—', '—', '—', '—']);
  });
});
