// Cash dividends and splits recovered from a traded Close and an adjusted close (AdjClose).
//
// Method. AdjClose_t = Close_t × f_t, where the adjustment factor f_t is the product of one
// step per later event (Yahoo / CRSP convention). On an ex-date s the factor steps by
//     g_s = f_{s-1} / f_s
// and g = 1 on every other day, up to the rounding of the printed prices:
//   - a cash dividend D gives g = 1 − D / Close_{s-1}, so D = Close_{s-1} × (1 − g);
//   - a split of q new shares per old share, in a Close that is NOT split-adjusted, gives
//     g = 1/q (and Close itself falls by about q). In a split-adjusted Close (Yahoo "Close")
//     splits leave no step, so none are reported — correctly, since the traded series has none.
// Classification of a step (|1 − g| above the noise threshold):
//   - split: q = 1/g is at least 1.25 or at most 0.8, lies within 0.2% of a ratio a:b with
//     min(a, b) ≤ 4 and max(a, b) ≤ 100 (2:1, 3:2, 1:10, ...), and Close moved like a split:
//     Close_s / Close_{s-1} is nearer 1/q than 1 (in log terms; a stock may also move a lot on
//     its ex-date, so there is no bound on how far: a split whose price also moved more than
//     ×1.5 beyond its ratio is listed for the user to check). A real split's step is exact up
//     to price rounding (IJR: 0.33333 and 0.50000), so the tolerance is tight; a special
//     dividend lands near a round ratio only by chance (SYX's $8 on 2018-12-21 is 0.75% from
//     5:4 and is read as a dividend). For splits of 3:2 or more (or 2:3 or more in reverse), a
//     step up to 2% beyond the ratio is a dividend paid on the split's ex-date (so a special
//     dividend of 33.3–34.7% of the price, on a day the price fell by a third, reads as a 3:2
//     split with a dividend; below 3:2 the two overlap too much to tell apart).
//   - dividend: otherwise, when g < 1 (distributions above 10% of the price are listed in the
//     source notes: they are usually special dividends, spin-offs or rights issues).
//   - unexplained: otherwise (g > 1 without a split: a data error); counted, not applied. A rise
//     within the noise ceiling (1e-4) is print rounding, not listed: the causal threshold is still
//     small early in a file, before its wobble has shown.
// A special dividend that matches a round split ratio to 0.2% AND moves the price by it would
// still be read as a split; telling the two apart needs an event file the sources do not have.
// Noise threshold: printed prices are rounded (4 decimals in some files, float32 in others), so
// g wobbles around 1. Steps with g > 1 cannot come from a dividend, so their spread measures
// that rounding: threshold = 3 × their 99th percentile, clamped to [1e-6, 1e-4]. It is causal:
// a step is judged by the wrong-way steps of the rows up to it, never by later rows (which would
// let data after a decision decide whether an earlier dividend was paid); before any is seen it
// is 1e-6 (prints are taken as exact until they show a wobble). On the real ETF files it settles
// between 2e-6 and 3e-5, below the smallest real distribution (BIL 2009, 2.2e-5 of the price,
// with a fine-grained AdjClose) and above the rounding wobble; on ../shared/data it reads the
// same 4,219 events as a whole-series threshold did, plus two of under $0.000001 a share.

export interface DatedValue {
  readonly day: number;
  readonly value: number;
}

export interface DerivedActions {
  /** Cash per share, in the units of Close, on the ex-date. */
  readonly dividends: DatedValue[];
  /** New shares per old share, on the ex-date. */
  readonly splits: DatedValue[];
  /** Days where the factor rose with no split to explain it; value = the step g. */
  readonly unexplained: DatedValue[];
  /** Dividends above 10% of the previous close; value = that fraction. */
  readonly large: DatedValue[];
  /** Splits applied on a day the price also moved more than ×1.5 beyond the ratio; value = that move. */
  readonly offRatio: DatedValue[];
}

const MIN_THRESHOLD = 1e-6;
const MAX_THRESHOLD = 1e-4;
const NOISE_MULTIPLE = 3;
const SPLIT_UP = 1.25;
const SPLIT_DOWN = 0.8;
const RATIO_TOLERANCE = 0.002;
const NEAREST_RATIO_WINDOW = 0.05;
const MAX_SAME_DAY_DIVIDEND = 0.02;
const LARGE_DIVIDEND = 0.1;
const MAX_SMALL_TERM = 4;
const MAX_LARGE_TERM = 100;
const PRICE_MOVE_TOLERANCE = 1.5;
const SAME_DAY_DIVIDEND_MIN_SPLIT = 1.5;

/** Steps g_s = f_{s-1} / f_s between consecutive rows; index s (0 is unused, NaN). */
function factorSteps(close: Float64Array, adjClose: Float64Array): Float64Array {
  const steps = new Float64Array(close.length);
  steps[0] = NaN;
  for (let s = 1; s < close.length; s++) steps[s] = (adjClose[s - 1] / close[s - 1]) / (adjClose[s] / close[s]);
  return steps;
}

/** The noise threshold as of a row: from the wrong-way steps (g > 1) of the rows up to it. */
class NoiseThreshold {
  /** Rises g − 1 of the wrong-way steps seen, ascending. */
  #rises = new Float64Array(64);
  #count = 0;

  /** Take in step g (after it has been judged). */
  see(g: number): void {
    const rise = g - 1;
    if (!(rise > 0 && rise < MAX_THRESHOLD * 10)) return;
    if (this.#count === this.#rises.length) {
      const grown = new Float64Array(this.#count * 2);
      grown.set(this.#rises);
      this.#rises = grown;
    }
    // Binary search for the insertion point, then shift the tail up by one.
    let lo = 0;
    let hi = this.#count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#rises[mid] <= rise) lo = mid + 1;
      else hi = mid;
    }
    this.#rises.copyWithin(lo + 1, lo, this.#count);
    this.#rises[lo] = rise;
    this.#count++;
  }

  get value(): number {
    const n = this.#count;
    if (n === 0) return MIN_THRESHOLD;
    const p99 = this.#rises[Math.min(n - 1, Math.floor(0.99 * n))];
    return Math.min(MAX_THRESHOLD, Math.max(MIN_THRESHOLD, NOISE_MULTIPLE * p99));
  }
}

/** The round ratio a:b (a new shares per b old; small terms) nearest to q, or NaN if none is within 5%. */
export function nearestSplitRatio(q: number): number {
  let best = NaN;
  let bestError = NEAREST_RATIO_WINDOW;
  for (let small = 1; small <= MAX_SMALL_TERM; small++) {
    const candidates = [
      [Math.round(q * small), small],
      [small, Math.round(small / q)],
    ];
    for (const [newShares, oldShares] of candidates) {
      if (newShares < 1 || oldShares < 1 || Math.max(newShares, oldShares) > MAX_LARGE_TERM) continue;
      const ratio = newShares / oldShares;
      const error = Math.abs(ratio / q - 1);
      if (error < bestError) {
        best = ratio;
        bestError = error;
      }
    }
  }
  return best;
}

/**
 * The split ratio a factor step g = 1/q stands for, or NaN: q within 0.2% of a round ratio, or,
 * for a split of 3:2 or more (2:3 or more in reverse), a round ratio whose remaining step is a
 * dividend of up to 2% paid on the same ex-date.
 */
export function splitRatioForStep(q: number): number {
  const ratio = nearestSplitRatio(q);
  const rest = ratio / q; // = g × ratio, the step left after the split
  if (Math.abs(rest - 1) <= RATIO_TOLERANCE) return ratio;
  const bigSplit = ratio >= SAME_DAY_DIVIDEND_MIN_SPLIT || ratio <= 1 / SAME_DAY_DIVIDEND_MIN_SPLIT;
  return bigSplit && rest < 1 && rest >= 1 - MAX_SAME_DAY_DIVIDEND ? ratio : NaN;
}

/**
 * A split ratio as printed (yfinance writes 1:3 as 0.333333): the round ratio within 0.2% of it,
 * else the value itself.
 */
export function roundSplitRatio(printed: number): number {
  const ratio = nearestSplitRatio(printed);
  return Math.abs(ratio / printed - 1) <= RATIO_TOLERANCE ? ratio : printed;
}

/**
 * True when a price change r = Close_s / Close_{s-1} looks like a split by `ratio` rather than
 * no event: r is nearer 1/ratio than 1, in log terms (the geometric midpoint decides).
 */
export function movedLikeSplit(r: number, ratio: number): boolean {
  return Math.abs(Math.log(r * ratio)) < Math.abs(Math.log(r));
}

/**
 * Record a split by `ratio` on `day` when the price change r = Close_s / Close_{s-1} moved like
 * it (movedLikeSplit), listing the move left beyond it (moveBeyondSplit); false when it did not.
 */
export function takeSplit(day: number, r: number, ratio: number, splits: DatedValue[], offRatio: DatedValue[]): boolean {
  if (!movedLikeSplit(r, ratio)) return false;
  splits.push({ day, value: ratio });
  const beyond = moveBeyondSplit(r, ratio);
  if (!Number.isNaN(beyond)) offRatio.push({ day, value: beyond });
  return true;
}

/** The price move left on a split's ex-date once the split is taken out (r × ratio), when beyond ×1.5 either way; else NaN. */
export function moveBeyondSplit(r: number, ratio: number): number {
  const rest = r * ratio;
  return Math.abs(Math.log(rest)) > Math.log(PRICE_MOVE_TOLERANCE) ? rest : NaN;
}

/** Dividends and splits implied by Close vs AdjClose on the same rows (both positive). */
export function deriveCorporateActions(days: Int32Array, close: Float64Array, adjClose: Float64Array): DerivedActions {
  const steps = factorSteps(close, adjClose);
  const noise = new NoiseThreshold();
  const result: DerivedActions = { dividends: [], splits: [], unexplained: [], large: [], offRatio: [] };
  for (let s = 1; s < steps.length; s++) {
    let g = steps[s];
    const threshold = noise.value;
    noise.see(g);
    if (Math.abs(1 - g) <= threshold) continue;
    const day = days[s];
    let previousClose = close[s - 1];
    const q = 1 / g;
    if (q >= SPLIT_UP || q <= SPLIT_DOWN) {
      const ratio = splitRatioForStep(q);
      if (!Number.isNaN(ratio) && takeSplit(day, close[s] / close[s - 1], ratio, result.splits, result.offRatio)) {
        g *= ratio;
        previousClose /= ratio;
        if (Math.abs(1 - g) <= threshold) continue;
      }
    }
    if (g >= 1) {
      if (g - 1 > MAX_THRESHOLD) result.unexplained.push({ day, value: g });
    }
    else {
      result.dividends.push({ day, value: previousClose * (1 - g) });
      if (1 - g > LARGE_DIVIDEND) result.large.push({ day, value: 1 - g });
    }
  }
  return result;
}
