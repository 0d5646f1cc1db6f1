// Treynor is withheld with one note wherever |β| < 0.2 (treynorRule.ts): when computed and when a
// stored set is read back (export, tear sheet, compare page). Hand values in comments.

import { describe, expect, it } from 'vitest';
import { treynor, withholdTreynor } from '../../../../reports/metrics/index.ts';

const b = [0.01, -0.01, 0.02, -0.02];

describe('treynor', () => {
  it('is withheld at β = 0.1 with the note', () => {
    // r = 0.1·b + 0.001 → β = 0.1 exactly
    const m = treynor(b.map((x) => 0.1 * x + 0.001), b, 0, 252);
    expect(m.value).toBeNull();
    expect(m.note).toBe('not shown: |beta| = 0.1, below 0.2, so excess return / beta is meaningless');
  });

  it('is shown at β = 0.5', () => {
    // r = 0.5·b + 0.001 = 0.006, −0.004, 0.011, −0.009; g = 1.006 · 0.996 · 1.011 · 0.991
    const g = 1.006 * 0.996 * 1.011 * 0.991;
    expect(treynor(b.map((x) => 0.5 * x + 0.001), b, 0, 252).value).toBeCloseTo((g ** (252 / 4) - 1) / 0.5, 10);
  });
});

describe('withholdTreynor', () => {
  it('withholds a stored Treynor where the stored β is below 0.2, and keeps it otherwise', () => {
    const stored = (beta: number) => [
      { name: 'beta', value: beta, n: 9 },
      { name: 'treynor', value: -115.4, n: 9 },
    ];
    expect(withholdTreynor(stored(-0.0015))[1]).toEqual({ name: 'treynor', value: null, n: 9, note: 'not shown: |beta| = 0.0015, below 0.2, so excess return / beta is meaningless' });
    expect(withholdTreynor(stored(0.2))[1].value).toBe(-115.4);
  });
});
