// Target-volatility overlay: scale a book so that its estimated annualised volatility hits a
// target, never past a leverage cap; what is not invested stays in cash (a scale above 1 borrows).

import { portfolioVariance, type Covariance } from './covariance.ts';

/** Estimated annualised volatility of a book: √(wᵀΣw · P), Σ per session, P sessions per year (the run's: view.periodsPerYear). */
export function portfolioVolatility(c: Covariance, w: ArrayLike<number>, periodsPerYear: number): number {
  return Math.sqrt(Math.max(0, portfolioVariance(c, w)) * periodsPerYear);
}

export interface TargetVolatilityOptions {
  /** Annualised volatility wanted, e.g. 0.10. */
  readonly target: number;
  /** Largest gross exposure Σ|w| allowed after scaling, as a multiple of NAV (1 = no leverage). */
  readonly maxLeverage: number;
  /** P: sessions per year of the returns Σ was estimated from — the run's, view.periodsPerYear (52 for weekly bars). */
  readonly periodsPerYear: number;
}

export interface ScaledBook {
  readonly weights: Float64Array;
  /** The factor k applied to every weight: min(target / σ̂, maxLeverage / Σ|w|). */
  readonly scale: number;
  /** σ̂: the book's estimated annualised volatility before scaling. */
  readonly volatility: number;
  /** True when the leverage cap, not the target, set the scale. */
  readonly capped: boolean;
}

/**
 * Scale weights w (per-session covariance Σ) to the target: k = target / σ̂ with
 * σ̂ = √(wᵀΣw·P), capped so that k·Σ|w| ≤ maxLeverage; a book with no estimated risk gets the cap.
 * The rest of NAV, 1 − kΣw, is cash. Source: the volatility-targeting rule k = target / σ̂ as in Harvey
 * et al. (2018), "The impact of volatility targeting", J. Portfolio Management 45(1), with σ̂
 * from the chosen covariance estimate. An empty book stays empty.
 */
export function targetVolatility(c: Covariance, w: Float64Array, options: TargetVolatilityOptions): ScaledBook {
  const { target, maxLeverage, periodsPerYear } = options;
  if (!(target > 0) || !(maxLeverage > 0) || !(periodsPerYear > 0)) {
    throw new RangeError(`target volatility, leverage cap and periods per year must be positive, got ${target}, ${maxLeverage} and ${periodsPerYear}`);
  }
  const volatility = portfolioVolatility(c, w, periodsPerYear);
  const gross = w.reduce((sum, x) => sum + Math.abs(x), 0);
  if (gross === 0) return { weights: Float64Array.from(w), scale: 1, volatility, capped: false };
  const cap = maxLeverage / gross;
  const wanted = volatility > 0 ? target / volatility : Infinity;
  const scale = Math.min(wanted, cap);
  return { weights: Float64Array.from(w, (x) => x * scale), scale, volatility, capped: wanted > cap };
}
