import { describe, expect, it } from 'vitest';
import { annualVolatility, conditionalValueAtRisk, downsideRisk, parametricVaR, skewKurtosis, tailRatio, valueAtRisk } from '../../../reports/metrics/risk.ts';
import { sortedNonNaN } from '../../../reports/metrics/stats.ts';

const A = [0.1, -0.05, 0.02, -0.03]; // mean 0.01, Σ(dev²) = 0.0134
const B = [0.03, -0.02, 0.01, -0.04, 0.05, 0, -0.01, 0.02]; // sorted: −.04 −.02 −.01 0 .01 .02 .03 .05

describe('volatility and downside risk', () => {
  it('annual_volatility = std·√P', () => {
    expect(annualVolatility(A, 12).value).toBeCloseTo(Math.sqrt(0.0134 / 3) * Math.sqrt(12), 14);
    expect(annualVolatility([0.01], 12)).toEqual({ name: 'annual_volatility', value: null, n: 1, note: 'insufficient data' });
  });

  it('downside_risk averages the squared shortfalls over all n, not only the losing periods', () => {
    // min(r, 0) = 0, −0.05, 0, −0.03 → squares 0.0025 + 0.0009 = 0.0034, / 4 (not / 2)
    expect(downsideRisk(A, 0, 12).value).toBeCloseTo(Math.sqrt(0.0034 / 4) * Math.sqrt(12), 14);
    // target 0.02: min(r − 0.02, 0) = 0, −0.07, 0, −0.05 → 0.0049 + 0.0025 = 0.0074
    expect(downsideRisk(A, 0.02, 12).value).toBeCloseTo(Math.sqrt(0.0074 / 4) * Math.sqrt(12), 14);
  });
});

describe('VaR and CVaR', () => {
  it('historical VaR is the type-7 percentile', () => {
    const s = sortedNonNaN(B);
    expect(valueAtRisk(s, 0.05)).toMatchObject({ name: 'var_95', n: 8 });
    expect(valueAtRisk(s, 0.05).value).toBeCloseTo(-0.04 + 0.35 * 0.02, 15); // pos 0.05·7 = 0.35
    expect(valueAtRisk(s, 0.01).value).toBeCloseTo(-0.04 + 0.07 * 0.02, 15); // pos 0.07
    expect(valueAtRisk(s, 0.01).name).toBe('var_99');
  });

  it('CVaR takes the k + 1 smallest with k = floor((n − 1)·c)', () => {
    // n = 20: k = floor(19·0.05) = 0 → the single smallest (floor(n·c) = 1 would average two)
    const r20 = [-0.1, -0.06, -0.05, ...new Array<number>(17).fill(0.01)];
    expect(conditionalValueAtRisk(sortedNonNaN(r20), 0.05)).toMatchObject({ name: 'cvar_95', value: -0.1, n: 20 });
    // n = 21: k = floor(20·0.05) = 1 → (−0.10 − 0.06) / 2
    const r21 = [...r20, 0.01];
    expect(conditionalValueAtRisk(sortedNonNaN(r21), 0.05).value).toBeCloseTo(-0.08, 15);
    // n = 101, c = 0.01: k = 1 as well
    const r101 = [-0.2, -0.1, ...new Array<number>(99).fill(0)];
    expect(conditionalValueAtRisk(sortedNonNaN(r101), 0.01).name).toBe('cvar_99');
    expect(conditionalValueAtRisk(sortedNonNaN(r101), 0.01).value).toBeCloseTo(-0.15, 15);
    // and VaR at position 0.95 of the n = 20 series: −0.10 + 0.95·0.04
    expect(valueAtRisk(sortedNonNaN(r20), 0.05).value).toBeCloseTo(-0.062, 15);
  });

  it('parametric VaR = mean + Φ⁻¹(c)·std', () => {
    expect(parametricVaR(A, 0.05).value).toBeCloseTo(0.01 - 1.6448536269514722 * Math.sqrt(0.0134 / 3), 13);
    expect(parametricVaR(A, 0.05).name).toBe('parametric_var_95');
  });

  it('one observation: insufficient data', () => {
    expect(valueAtRisk(sortedNonNaN([0.01])).value).toBeNull();
    expect(conditionalValueAtRisk(sortedNonNaN([0.01])).note).toBe('insufficient data');
  });
});

describe('skew, kurtosis (bias-uncorrected moment ratios)', () => {
  it('series A by hand', () => {
    // deviations 0.09, −0.06, 0.01, −0.04 (n = 4)
    const m2 = 0.0134 / 4;
    const m3 = (0.000729 - 0.000216 + 0.000001 - 0.000064) / 4;
    const m4 = (0.00006561 + 0.00001296 + 0.00000001 + 0.00000256) / 4;
    const [skew, kurt] = skewKurtosis(A);
    expect(skew.value).toBeCloseTo(m3 / Math.pow(m2, 1.5), 12);
    expect(kurt.value).toBeCloseTo(m4 / (m2 * m2) - 3, 12);
  });

  it('symmetric three points: skew 0, excess kurtosis −1.5', () => {
    // m2 = 0.0008/3, m4 = 3.2e-7/3 → m4/m2² = 1.5
    const [skew, kurt] = skewKurtosis([-0.02, 0, 0.02]);
    expect(skew.value).toBeCloseTo(0, 14);
    expect(kurt.value).toBeCloseTo(-1.5, 12);
  });

  it('zero volatility: null, not NaN', () => {
    const [skew, kurt] = skewKurtosis([0.01, 0.01, 0.01]);
    expect(skew).toMatchObject({ value: null, note: 'zero volatility' });
    expect(kurt.value).toBeNull();
  });
});

describe('tail ratio', () => {
  it('|p95| / |p5|', () => {
    // p95 = 0.03 + 0.65·0.02 = 0.043, p5 = −0.033
    expect(tailRatio(sortedNonNaN(B)).value).toBeCloseTo(0.043 / 0.033, 13);
  });

  it('a zero 5th percentile gives null', () => {
    expect(tailRatio(sortedNonNaN([0, 0, 0, 0.01])).note).toBe('zero 5th percentile');
  });
});
