// Risk-adjusted ratios (METRICS.md "Risk-adjusted"). Every ratio needs ≥ 2 observations and
// returns null instead of ±Infinity when its denominator vanishes.
import { maxDrawdown } from './drawdown.ts';
import { INSUFFICIENT, MIN_STAT_N, type Metric, unavailable, valued } from './metric.ts';
import { annualize, growth } from './returns.ts';
import { downsideDeviation } from './risk.ts';
import { excessReturns, type RiskFree } from './riskFree.ts';
import { ARITHMETIC_NOISE, centralMoments, isMotionless, knownValues, nonNaNCount, mean, normCdf, normInv, sampleStd, type Series } from './stats.ts';

/** mean(x)/std(x)·√P over [start, end) of excess returns x; NaN for < 2 values or zero volatility. */
export function sharpeOf(x: Series, periodsPerYear: number, start = 0, end = x.length): number {
  const sd = sampleStd(x, start, end);
  return sd > 0 ? (mean(x, start, end) / sd) * Math.sqrt(periodsPerYear) : NaN;
}

/** sharpe: mean(r − rf) / std(r − rf) · √P (arithmetic). */
export function sharpe(r: Series, rf: RiskFree = 0, periodsPerYear = 252): Metric {
  const x = excessReturns(r, rf);
  const n = nonNaNCount(x);
  if (n < MIN_STAT_N) return unavailable('sharpe', n);
  // A flat NAV's returns scatter by floating-point rounding alone (~1e-16): no volatility, not a Sharpe of ±2 (probe r31b).
  if (isMotionless(x)) return unavailable('sharpe', n, 'zero volatility');
  return valued('sharpe', sharpeOf(x, periodsPerYear), n);
}

/** sortino: mean(r − q) · P / downside risk(q); q is the per-period target, not rf. */
export function sortino(r: Series, target = 0, periodsPerYear = 252): Metric {
  const n = nonNaNCount(r);
  if (n < MIN_STAT_N) return unavailable('sortino', n);
  const dr = downsideDeviation(r, target, periodsPerYear);
  if (dr === 0) return unavailable('sortino', n, 'zero downside risk');
  return valued('sortino', ((mean(r) - target) * periodsPerYear) / dr, n);
}

/**
 * calmar: annualized return / |max drawdown|, the return annualised over `periods` periods of P
 * as annualReturn does (default: one per known return; a blank one is skipped); undefined when
 * there was no drawdown.
 */
export function calmar(r: Series, periodsPerYear = 252, periods = nonNaNCount(r)): Metric {
  const n = nonNaNCount(r);
  if (n < MIN_STAT_N) return unavailable('calmar', n);
  const mdd = maxDrawdown(r).value ?? 0;
  if (mdd >= 0) return unavailable('calmar', n, 'no drawdown');
  const g = growth(r);
  if (g < 0) return unavailable('calmar', n, 'wealth went negative');
  return valued('calmar', annualize(g, periods, periodsPerYear) / Math.abs(mdd), n);
}

/** omega: x = r − rf − th with th = (1 + R)^(1/P) − 1; Σx⁺ / −Σx⁻. */
export function omega(r: Series, rf: RiskFree = 0, periodsPerYear = 252, annualThreshold = 0): Metric {
  const th = Math.pow(1 + annualThreshold, 1 / periodsPerYear) - 1;
  const x = excessReturns(r, rf);
  let up = 0;
  let down = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] - th;
    if (Number.isNaN(v)) continue;
    n++;
    if (v > 0) up += v;
    else down -= v;
  }
  if (n < MIN_STAT_N) return unavailable('omega', n);
  // Returns equal to the risk-free rate up to arithmetic rounding (cash at a negative rate: ±1e-17 a day) have nothing above or below it.
  if (down === 0 || (up + down) / n <= ARITHMETIC_NOISE) return unavailable('omega', n, 'no returns below threshold');
  return valued('omega', up / down, n);
}

/**
 * stability: R² of an OLS fit of cumsum(log1p(r)) on 0..n−1 over the n known returns: a blank
 * (unknown) return is skipped — no point of the fit, as in every mean — not a 0 % return whose
 * session would add a point (a series whose blank first row is its start then reads as the run
 * over the same returns, probe r72a F1: 0.46477 for 0.46453).
 */
export function stability(given: Series): Metric {
  const r = knownValues(given);
  const n = r.length;
  if (n < MIN_STAT_N) return unavailable('stability', n);
  // R² of a simple regression is the squared Pearson correlation of x = t and y.
  const tMean = (n - 1) / 2;
  let y = 0;
  let yMean = 0;
  for (let t = 0; t < n; t++) {
    y += Math.log1p(r[t]);
    yMean += y;
  }
  yMean /= n;
  if (!Number.isFinite(yMean)) return unavailable('stability', n, 'wealth went negative');
  let sty = 0;
  let stt = 0;
  let syy = 0;
  y = 0;
  for (let t = 0; t < n; t++) {
    y += Math.log1p(r[t]);
    const dy = y - yMean;
    const dt = t - tMean;
    sty += dt * dy;
    stt += dt * dt;
    syy += dy * dy;
  }
  if (syy === 0) return unavailable('stability', n, 'zero volatility');
  // An R²: at most 1 (a constant-growth series reads 1 + 4e-16 in floating point).
  return valued('stability', Math.min(1, (sty * sty) / (stt * syy)), n);
}

/**
 * The moments PSR needs, of the excess returns x: the non-annualized Sharpe SR = mean/std, γ3 the
 * skew and γ4 the non-excess kurtosis (bias-uncorrected moment ratios, as in risk.ts), n the
 * non-NaN count. Null with the reason when they cannot be had (n < 2, zero volatility).
 */
export interface SharpeMoments {
  readonly sr: number;
  readonly skew: number;
  readonly kurtosis: number;
  readonly n: number;
}

export function sharpeMoments(x: Series): SharpeMoments | { readonly n: number; readonly note: string } {
  const n = nonNaNCount(x);
  if (n < MIN_STAT_N) return { n, note: INSUFFICIENT };
  const sd = sampleStd(x);
  if (isMotionless(x)) return { n, note: 'zero volatility' };
  const { m2, m3, m4 } = centralMoments(x);
  return { sr: mean(x) / sd, skew: m3 / Math.pow(m2, 1.5), kurtosis: m4 / (m2 * m2), n };
}

/** Φ((SR − SR*)·√(n−1) / √(1 − γ3·SR + (γ4 − 1)/4·SR²)) (Bailey & López de Prado 2012). */
export function psrOf(name: string, moments: SharpeMoments, srStar: number, note?: string): Metric {
  const { sr, skew, kurtosis, n } = moments;
  const v = 1 - skew * sr + ((kurtosis - 1) / 4) * sr * sr;
  if (!(v > 0)) return unavailable(name, n, 'non-positive Sharpe variance');
  return valued(name, normCdf(((sr - srStar) * Math.sqrt(n - 1)) / Math.sqrt(v)), n, note);
}

function probabilisticSharpe(name: string, x: Series, srStar: number, note?: string): Metric {
  const moments = sharpeMoments(x);
  return 'note' in moments ? unavailable(name, moments.n, moments.note) : psrOf(name, moments, srStar, note);
}

/** psr: probability that the true (per-period) Sharpe exceeds `srStar` (default 0). */
export function psr(r: Series, rf: RiskFree = 0, srStar = 0): Metric {
  return probabilisticSharpe('psr', excessReturns(r, rf), srStar);
}

/**
 * How many strategy variants were tried on the dataset, and the variance of their Sharpe ratios
 * (sharpeTrialsOf gives both from a registry's trials).
 */
export interface SharpeTrials {
  /** N: every trial tried on the dataset, whatever its period (each was a test: multiple testing). */
  count: number;
  /**
   * V: variance across trials of the per-period (non-annualized) Sharpe ratio, the unit PSR uses —
   * of trials on the same sample: over several periods, the pooled within-period variance.
   */
  sharpeVariance: number;
  /** How many periods the trials ran over (V pools the variance within each); absent: one. */
  periods?: number;
}

/** One trial of a registry for sharpeTrialsOf: its per-period SR and the sample (period) it was measured over. */
export interface TrialSharpe {
  /** Names the trial's sample, e.g. `2005-01-03..2009-12-31`: trials with equal `period` were measured on the same returns' dates. */
  readonly period: string;
  readonly sr: number;
}

/**
 * N and V of a registry's trials for the DSR (Bailey & López de Prado 2014): N = every trial (each
 * was tried: multiple testing), V = the variance of the Sharpe ratios of trials **on the same
 * sample**. With trials over several periods (a walk-forward's in-sample windows beside a sweep
 * over the whole span), their SRs differ by the periods' markets as much as by the choices, so V
 * is the pooled within-period variance Σ_g (n_g − 1)·V_g / Σ_g (n_g − 1) over the periods g
 * (V_g the sample variance, n − 1, of period g's SRs; a period with one trial contributes nothing),
 * never the variance of all SRs pooled across periods (probe r72c F1: 4.4e-4 across 9 periods
 * for 3.1e-5 within them, the same run's DSR 0.11 for 0.97). NaN V when no period has two trials.
 * Undefined for no trials.
 */
export function sharpeTrialsOf(trials: readonly TrialSharpe[]): SharpeTrials | undefined {
  if (trials.length === 0) return undefined;
  const groups = new Map<string, number[]>();
  for (const t of trials) {
    const group = groups.get(t.period);
    if (group === undefined) groups.set(t.period, [t.sr]);
    else group.push(t.sr);
  }
  let squares = 0;
  let dof = 0;
  for (const srs of groups.values()) {
    if (srs.length < 2) continue;
    const m = srs.reduce((a, b) => a + b, 0) / srs.length;
    for (const sr of srs) squares += (sr - m) * (sr - m);
    dof += srs.length - 1;
  }
  return { count: trials.length, sharpeVariance: dof > 0 ? squares / dof : NaN, periods: groups.size };
}

const EULER_GAMMA = 0.5772156649;

/** Expected maximum Sharpe of N unskilled trials: √V·((1−γ)Φ⁻¹(1 − 1/N) + γΦ⁻¹(1 − 1/(N·e))). */
export function expectedMaxSharpe(trials: SharpeTrials): number {
  const N = trials.count;
  return Math.sqrt(trials.sharpeVariance) * ((1 - EULER_GAMMA) * normInv(1 - 1 / N) + EULER_GAMMA * normInv(1 - 1 / (N * Math.E)));
}

/**
 * What a DSR was deflated by, as its note: "N = 10 trials, Var(SR) = 1.18e-5", or over several
 * periods "N = 90 trials over 9 periods, Var(SR) = 3.08e-5 pooled within them" — so a run's DSR
 * read from a store says which registry it was measured against (the same run reads otherwise
 * where the registry holds other trials; probe r72c F2).
 */
export function trialsNote(trials: SharpeTrials): string {
  const periods = trials.periods ?? 1;
  const v = trials.sharpeVariance.toExponential(2);
  return periods > 1 ? `N = ${trials.count} trials over ${periods} periods, Var(SR) = ${v} pooled within them` : `N = ${trials.count} trials, Var(SR) = ${v}`;
}

/** Why a DSR cannot be given for these trials, or null when it can. */
function trialsProblem(trials: SharpeTrials | undefined): string | null {
  if (trials === undefined) return 'number of trials not given';
  if (!(trials.count >= 2)) return 'needs at least 2 trials';
  // Σ(n_g − 1) = N − periods: no two trials on one sample, no variance of their Sharpe ratios.
  if (trials.count - (trials.periods ?? 1) < 1) return `needs at least 2 trials over one period (${trials.count} trials over ${trials.periods} periods)`;
  if (!(trials.sharpeVariance >= 0)) return 'invalid trial Sharpe variance';
  return null;
}

/** dsr: PSR against the expected maximum Sharpe of the recorded trials (Bailey & López de Prado 2014), noted with its N and V (trialsNote). */
export function dsr(r: Series, rf: RiskFree = 0, trials?: SharpeTrials): Metric {
  const x = excessReturns(r, rf);
  const problem = trialsProblem(trials);
  if (problem !== null) return unavailable('dsr', nonNaNCount(x), problem);
  return probabilisticSharpe('dsr', x, expectedMaxSharpe(trials as SharpeTrials), trialsNote(trials as SharpeTrials));
}

/**
 * dsr from Sharpe moments (a trial in the registry keeps SR, skew, kurtosis and n, not its returns'
 * rf), or null with their note and n where sharpeMoments could not give them ("zero volatility"
 * over 129 returns: was "insufficient data" with n = 0, probe r64b F1).
 */
export function dsrOfMoments(moments: SharpeMoments | { readonly n: number; readonly note: string }, trials?: SharpeTrials): Metric {
  if ('note' in moments) return unavailable('dsr', moments.n, moments.note);
  const problem = trialsProblem(trials);
  if (problem !== null) return unavailable('dsr', moments.n, problem);
  return psrOf('dsr', moments, expectedMaxSharpe(trials as SharpeTrials), trialsNote(trials as SharpeTrials));
}
