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
// Classification of a step (|1 − g| above the noise threshold, factorNoise.ts):
//   - split: q = 1/g is at least 1.25 or at most 0.8, lies within 0.2% (or the prints' rounding of
//     the two Closes, where wider: prices printed to the cent under a few dollars — unless the rows
//     before show the Closes exact, AdjClose/Close steady between different Closes, so a step within
//     that rounding is a dividend all the same: 1:10 with $0.50 on 3.2 → 31.5 is 1.56 %) of a ratio a:b — a whole
//     number n:1 or 1:n of any size (1000:1, 1:20,000: the step of a split beyond 100 is too big
//     for a dividend that Close also moved by), or 2 ≤ min(a, b) ≤ 4 with max(a, b) ≤ 100 forward
//     (3:2, 5:4, …) or ≤ 10,000 in reverse (2:3, 3:1000) — and Close moved like a split:
//     Close_s / Close_{s-1} is nearer 1/q than 1 (in log terms; a stock may also move a lot on
//     its ex-date, so there is no bound on how far: a split whose price also moved more than
//     ×1.5 beyond its ratio is listed for the user to check). A real split's step is exact up
//     to price rounding (IJR: 0.33333 and 0.50000), so the tolerance is tight; a special
//     dividend lands near a round ratio only by chance (SYX's $8 on 2018-12-21 is 0.75% from
//     5:4 and is read as a dividend). For splits of 3:2 or more (or 2:3 or more in reverse), a
//     step beyond the ratio (g × ratio < 1; the ratio is the largest round one at most q, which
//     leaves the smallest dividend) is a dividend paid on the split's ex-date when the
//     symbol's dividends make one that size plausible: Close moves alike for a split q with a
//     dividend d and for one distribution of 1 − (1 − d)/q, so the price cannot tell the two
//     apart. Up to 2% always; with earlier dividends up to 1.5 × the largest yield they paid (past
//     5%: 2:1 with 6% where quarterly dividends were 5%); with
//     none over a year or more of file (a non-payer) 2%; with less than a year and none, 5%
//     (a 3:2 split with a 2.34% dividend was a 34.9% distribution
//     that left 33 shares unsplit). A reverse split's step rises (g > 1), which no distribution
//     does, so its remainder is a dividend up to 7.5% whatever the record (1:4 with 3%: AdjClose/Close
//     ×3.88). One above 2% is listed for the user to check. Below 3:2 the
//     two readings overlap too much to tell apart: the step is read as one distribution, and where
//     a split of 5:4 or more (4:3, 7:5) with a dividend the record allows reads it alike and Close
//     moved like that split, it is listed (smallSplitReadings): the shares held may be wrong, and a
//     split column settles it. Close's own move does not: Close × (1 − d)/q either way (5:4 with
//     $0.40 on 42 → 33.6 and $8.80 on 42 move it alike).
//     A split's step on a row whose Close repeats the previous Close exactly (a suspended day:
//     the vendor adjusts from the ex-date, the price first moves on the next traded row) is taken
//     on the next row whose Close moves, if it moves like the split; else the step is read below
//     (and where no row moves before the file ends, it is listed as unexplained, not applied).
//   - dividend: otherwise, when g < 1 (distributions above 10% of the price are listed in the
//     source notes: they are usually special dividends, spin-offs or rights issues).
//   - unexplained: otherwise (g > 1 without a split: a data error); counted, not applied. One of a
//     split's size (g ≥ 1.25) where Close moved like a split by 1/g is listed apart (unreadSplits):
//     the traded price jumps there with nothing read to explain it. A rise
//     within the observed-wobble ceiling (1e-4) is print rounding, not listed: the causal
//     threshold is still small early in a file, before its wobble has shown.
// A special dividend that matches a round split ratio to 0.2% AND moves the price by it would
// still be read as a split; telling the two apart needs an event column.
// Stated events. A vendor that prints event columns (Dividends / divCash / dividend_amount /
// Ex-Dividend, Stock Splits / splitFactor / split_coefficient / Split Ratio) states them; its
// AdjClose is computed from them. Given stated splits, a step is first divided by the split
// stated for its day (none on other days: a split-sized step there that Close also moved like is
// a split the column leaves out — both prices show it — so it is taken and listed as a
// disagreement; a stated split not applied on its day — already in Close, or moved to the next
// traded row — still explains a step by its ratio there, which is never read as a dividend, and a
// step there by another ratio that Close moved like contradicts the stated ratio ('splitRatio',
// as on a day the stated split is applied); a stated split whose day shows no step at all is one
// Close already holds — an AdjClose adjusts for every split, so a flat AdjClose/Close means Close
// is split-adjusted too, as yfinance's is — and priceSeries.ts does not apply it);
// given stated dividends, what is left must be the stated cash D (0 on other days): the step
// 1 − D / Close_{s−1}, within Close_{s−1} × the noise threshold (at least the 1e-4 below which
// a rise is not listed either: rounding of a Close the vendor derived) plus 1% of D (a vendor
// may round the amount it prints differently from the one it adjusts by). Anything else is a
// disagreement, listed with its day for the user to check; the stated events are what is paid.
// On the real ETF files the threshold settles between 2e-6 and 3e-5, below the smallest real
// distribution (BIL 2009, 2.2e-5 of the price, with a fine-grained AdjClose) and above the
// rounding wobble; on ../shared/data it reads the same 4,219 events as a whole-series threshold
// did (the two of under $0.000001 a share that a fixed cap let through, ZYXI 2016-01-05 and CCLP
// 2020-04-29, are 6-decimal rounding at $0.40, within the print resolution).

import { FactorNoise, MAX_OBSERVED_WOBBLE, printScale } from './factorNoise.ts';

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
  /**
   * The unexplained rises of a split's size (g ≥ 1.25) where Close moved like a split by 1/g: the
   * traded price jumps there with nothing read to explain it; value = g. Not in `unexplained`.
   */
  readonly unreadSplits: DatedValue[];
  /** Dividends above 10% of the previous close; value = that fraction. */
  readonly large: DatedValue[];
  /** Splits applied on a day the price also moved more than ×1.5 beyond the ratio; value = that move. */
  readonly offRatio: DatedValue[];
  /**
   * Splits read with a same-day dividend above SAME_DAY_DIVIDEND_FLOOR of the post-split price,
   * which the same step of a forward split also reads as one distribution (both move Close alike): for the user to check.
   */
  readonly splitDividends: SplitDividend[];
  /**
   * Distributions read where a split below 3:2 (5:4, 4:3, 7:5) with a same-day dividend the
   * symbol's record allows reads the step alike, and Close moved like that split: the prices cannot
   * tell the two apart (Close × (1 − d)/q either way), so the shares held may be wrong; a split
   * column settles it. `ratio` the split, `dividend` its dividend and `distribution` the whole step
   * 1 − g read, as fractions of the price. Only without a split column.
   */
  readonly smallSplitReadings: SplitDividend[];
  /** Steps that disagree with the stated events (empty when none are stated). */
  readonly disagreements: Disagreement[];
}

/**
 * A split read with a dividend on its ex-date: `ratio` new shares per old, `dividend` a fraction of
 * the post-split price, `distribution` the fraction 1 − g the whole step would be as one
 * distribution (NaN for a reverse split: its step g > 1 is no distribution).
 */
export interface SplitDividend {
  readonly day: number;
  readonly ratio: number;
  readonly dividend: number;
  readonly distribution: number;
}

/**
 * Events a vendor's columns state, to read Close vs AdjClose against. null: the file has no such
 * column, so those events are derived from the step instead.
 */
export interface StatedActions {
  /** Ex-day (epoch days) → new shares per old, for each split applied (Close moved by it). */
  readonly splits: ReadonlyMap<number, number> | null;
  /** Ex-day (epoch days) → cash per share, in the units of Close. */
  readonly dividends: ReadonlyMap<number, number> | null;
  /**
   * Day → new shares per old of stated splits not applied that day (already in Close, or applied
   * on the next traded row, which is listed too): a step by the ratio there is the split, never a
   * dividend.
   */
  readonly unappliedSplits?: ReadonlyMap<number, number>;
}

/** A factor step the stated events do not explain. */
export interface Disagreement {
  readonly day: number;
  /**
   * 'split': the step is a split of `value` new shares per old that Close moved like and no split
   * column row states (it is in `splits` all the same);
   * 'unadjusted': AdjClose/Close does not step on a stated split's day (`value` new shares per old):
   * Close already holds that split (priceSeries.ts does not apply it); 'splitRatio': AdjClose steps and Close moves by a split of `value`
   * where a split of `stated` is stated (whether or not Close moved like the stated one); 'dividend': the step implies `value` cash a share where
   * `stated` is stated.
   */
  readonly kind: 'split' | 'unadjusted' | 'splitRatio' | 'dividend';
  readonly value: number;
  /** The stated cash a share that day (0 when none), or the stated split ('splitRatio'); NaN for a split or 'unadjusted'. */
  readonly stated: number;
}

/** A step is tried as a split from 5:4 (or 4:5) on, less the ratio tolerance or the step's print rounding: printed prices leave a 5:4 step at ×1.24992, a 4:5 one at ×0.8000000000000002. */
export const SPLIT_UP = 1.25;
const SPLIT_DOWN = 0.8;
export const RATIO_TOLERANCE = 0.002;
const NEAREST_RATIO_WINDOW = 0.05;
/** A same-day dividend up to this fraction of the price is read with a split whatever the symbol's record: special distributions rarely land within it of a round ratio. */
export const SAME_DAY_DIVIDEND_FLOOR = 0.02;
/** With a dividend record, a split's same-day dividend may reach this multiple of the largest yield paid before it. */
const DIVIDEND_RECORD_MARGIN = 1.5;
/** A file that shows this many days before a row with no dividend shows a non-payer (every payer pays at least yearly). */
const DIVIDEND_RECORD_DAYS = 366;
/** A distribution above this fraction of the previous close is listed (a special dividend, spin-off or rights issue, or a misprint). */
export const LARGE_DIVIDEND = 0.1;
/**
 * A reverse split's same-day dividend is read up to this fraction of the post-split price: its
 * step (AdjClose/Close rising) has no distribution reading to tell it from, so no record bounds it.
 * A sanity bound only: 1.5 × the 5% ratio window (as a record's 1.5 × its largest yield); a larger
 * remainder is more likely a misprint (Close 10 → 13.7 beside a flat AdjClose would read 2:3 with 8.7%).
 */
const REVERSE_SPLIT_DIVIDEND = 0.075;
const MAX_SMALL_TERM = 4;
/** A split a:b read with a same-day dividend, both terms above 1, has both at most this (5:4, 3:2, 10:3 …; n:1 and 1:n of any size). */
const MAX_DIVIDEND_SPLIT_TERM = 10;
/** A split a:b with 2 ≤ min(a, b) ≤ 4 is read up to this larger term forward (n:1 splits have no bound). */
const MAX_LARGE_TERM = 100;
/** … and up to this in reverse (1:n has no bound: penny stocks consolidate by hundreds and thousands). */
const MAX_REVERSE_TERM = 10_000;
/** A stated dividend agrees with AdjClose to this fraction of it, beyond the noise. */
const STATED_DIVIDEND_TOLERANCE = 0.01;
const PRICE_MOVE_TOLERANCE = 1.5;
const SAME_DAY_DIVIDEND_MIN_SPLIT = 1.5;

/** Steps g_s = f_{s-1} / f_s between consecutive rows; index s (0 is unused, NaN). */
function factorSteps(close: Float64Array, adjClose: Float64Array): Float64Array {
  const steps = new Float64Array(close.length);
  steps[0] = NaN;
  for (let s = 1; s < close.length; s++) steps[s] = (adjClose[s - 1] / close[s - 1]) / (adjClose[s] / close[s]);
  return steps;
}

/**
 * The round ratios a:b (a new shares per b old: n:1 or 1:n of any size, or 2 ≤ min(a, b) ≤ 4 with
 * max(a, b) ≤ 100 forward and ≤ 10,000 in reverse) by each smaller term 1–4 near q: the larger term
 * rounded by `forward` (q × b → a) or `reverse` (a / q → b).
 */
function roundRatiosNear(q: number, forward: (x: number) => number, reverse: (x: number) => number): number[] {
  const ratios: number[] = [];
  for (let small = 1; small <= MAX_SMALL_TERM; small++) {
    for (const [newShares, oldShares] of [[forward(q * small), small], [small, reverse(small / q)]]) {
      if (newShares < 1 || oldShares < 1 || (small > 1 && Math.max(newShares, oldShares) > (newShares < oldShares ? MAX_REVERSE_TERM : MAX_LARGE_TERM))) continue;
      ratios.push(newShares / oldShares);
    }
  }
  return ratios;
}

/** The round ratio (roundRatiosNear) nearest to q, or NaN if none is within 5%. */
export function nearestSplitRatio(q: number): number {
  let best = NaN;
  let bestError = NEAREST_RATIO_WINDOW;
  for (const ratio of roundRatiosNear(q, Math.round, Math.round)) {
    const error = Math.abs(ratio / q - 1);
    if (error < bestError) {
      best = ratio;
      bestError = error;
    }
  }
  return best;
}

/**
 * The largest common ratio at most q — n:1 or 1:n of any size, or a:b with both terms up to
 * MAX_DIVIDEND_SPLIT_TERM (3:2, 5:4, 2:3 …) — the split that leaves the smallest same-day dividend
 * 1 − ratio / q; −Infinity when none is. A step beyond a rarer ratio (43:4, 5:48) is not read as a
 * split with a dividend: the real universe's special dividends sit near such ratios (RENN's $27.56
 * of 2018-06-22 is 43:4 and 1.96 %; next to 10:1 it would be 8.8 %, beyond any bound).
 */
const largestSplitRatioBelow = (q: number): number => Math.max(...roundRatiosNear(q, Math.floor, Math.ceil).filter((ratio) => ratio <= q && isCommonRatio(ratio)));

/**
 * The split below 3:2 (from 5:4, less the prints' `rounding`) that a distribution's step 1/q also
 * reads as, with a same-day dividend 1 − ratio / q up to `maxDividend` (Infinity: the 5 % window),
 * where Close moved like it (price change `r`); NaN when none. splitRatioForStep does not read these
 * (below 3:2 a split with a dividend and one distribution overlap too much): they are listed.
 */
function smallSplitBelow(q: number, r: number, rounding: number, maxDividend: number): number {
  if (!(q > 1)) return NaN;
  const ratio = largestSplitRatioBelow(q);
  const limit = maxDividend === Infinity ? NEAREST_RATIO_WINDOW : maxDividend;
  const small = ratio >= SPLIT_UP / (1 + rounding) && ratio < SAME_DAY_DIVIDEND_MIN_SPLIT;
  return small && 1 - ratio / q <= limit && movedLikeSplit(r, ratio) ? ratio : NaN;
}

/** n:1, 1:n, or a:b with both terms up to MAX_DIVIDEND_SPLIT_TERM (3:2, 5:4, 7:5, 2:3 …). */
const isCommonRatio = (ratio: number): boolean => smallTerm(ratio) === 1 || Math.max(ratio, 1 / ratio) * smallTerm(ratio) <= MAX_DIVIDEND_SPLIT_TERM;

/** The smaller term of a round ratio a:b (a, b ≤ MAX_SMALL_TERM apart from n:1 and 1:n): the b of a:b forward, the a of it in reverse. */
function smallTerm(ratio: number): number {
  const r = Math.max(ratio, 1 / ratio);
  for (let b = 1; b <= MAX_SMALL_TERM; b++) if (Math.abs(r * b - Math.round(r * b)) < 1e-9) return b;
  return Infinity;
}

/**
 * The split ratio a factor step g = 1/q stands for, or NaN: q within 0.2% of a round ratio (or
 * within `rounding`, the step's print-rounding threshold, where that is wider: prices printed to
 * the cent under $1), or, for a split of 3:2 or more (2:3 or more in reverse), the largest round
 * ratio at most q, whose remaining step 1 − ratio / q = 1 − g × ratio is a dividend paid on the same
 * ex-date (a fraction of the post-split price). A forward split's dividend may reach `maxDividend`
 * (Infinity: the 5% window of nearestSplitRatio): beyond the ratio, its step reads as one
 * distribution as well. A reverse split's (q < 1: AdjClose/Close rose, which no distribution does)
 * may reach REVERSE_SPLIT_DIVIDEND whatever `maxDividend`, a sanity bound only. The ratio q
 * matches within 0.2 % wins only when it is common (isCommonRatio); a rare one it matches (3:89)
 * yields to the largest common ratio with a plausible dividend (1:30 with 1 %), else stands.
 */
export function splitRatioForStep(q: number, rounding = 0, maxDividend = SAME_DAY_DIVIDEND_FLOOR): number {
  const nearest = nearestSplitRatio(q);
  const exact = Math.abs(nearest / q - 1) <= Math.max(RATIO_TOLERANCE, rounding);
  if (exact && isCommonRatio(nearest)) return nearest;
  const ratio = largestSplitRatioBelow(q);
  const bigSplit = ratio >= SAME_DAY_DIVIDEND_MIN_SPLIT || ratio <= 1 / SAME_DAY_DIVIDEND_MIN_SPLIT;
  const limit = q < 1 ? REVERSE_SPLIT_DIVIDEND : maxDividend === Infinity ? NEAREST_RATIO_WINDOW : maxDividend;
  // A rare ratio the step matches (3:89 reverse ratios are dense) yields to a common one with a plausible same-day dividend (1:30 with 1 %: probe r33a).
  if (bigSplit && 1 - ratio / q <= limit) return ratio;
  return exact ? nearest : NaN;
}

/**
 * A split ratio as printed (yfinance writes 1:3 as 0.333333): the round ratio within 0.2% of it,
 * else the value itself.
 */
export function roundSplitRatio(printed: number): number {
  return isRoundSplitRatio(printed) ? nearestSplitRatio(printed) : printed;
}

/** True when `x` (new shares per old, either way round) lies within 0.2% of a round split ratio. */
export function isRoundSplitRatio(x: number): boolean {
  const ratio = nearestSplitRatio(x);
  return Math.abs(ratio / x - 1) <= RATIO_TOLERANCE;
}

/**
 * True when a price change r = Close_s / Close_{s-1} looks like a split by `ratio` rather than
 * no event: r is nearer 1/ratio than 1, in log terms (the geometric midpoint decides).
 */
export function movedLikeSplit(r: number, ratio: number): boolean {
  return Math.abs(Math.log(r * ratio)) < Math.abs(Math.log(r));
}

/** A one-session move this close to a round split ratio (in ratio terms) looks like one (splitSizedMoves). */
const SPLIT_LIKE_TOLERANCE = 0.03;
/** … and at least this far from no move: a halving, a doubling, a third … (3:2's ×0.667 is a crash as often as a split). */
const SPLIT_LIKE_MIN = 1.9;

/**
 * One-session moves of a Close that states no corporate actions (no AdjClose, no split column)
 * that look like a split: Close_{r-1} / Close_r within 3 % of a round ratio of 2:1 or more, or
 * 1:2 or more in reverse (×0.495 is 2.02:1). Such a file cannot tell a split from a crash, so a
 * run would book a split as a price move; these are listed for the user to check. value = the move Close_r / Close_{r-1}.
 */
export function splitSizedMoves(days: Int32Array, close: Float64Array): DatedValue[] {
  const moves: DatedValue[] = [];
  for (let r = 1; r < close.length; r++) {
    const q = close[r - 1] / close[r];
    if (!(q >= SPLIT_LIKE_MIN || q <= 1 / SPLIT_LIKE_MIN)) continue;
    const ratio = nearestSplitRatio(q);
    if (Math.abs(q / ratio - 1) <= SPLIT_LIKE_TOLERANCE) moves.push({ day: days[r], value: 1 / q });
  }
  return moves;
}

/** 1/q of a step lies within `rounding` of 5:4 or beyond it, either way: worth trying as a split. */
const splitSized = (q: number, rounding: number): boolean => q >= SPLIT_UP / (1 + rounding) || q <= SPLIT_DOWN * (1 + rounding);
/** A step between two Closes is evidence on whether they round AdjClose/Close (closeExact) when their prints could move it by over this multiple of its noise threshold. */
const CLOSE_EVIDENCE = 10;
/** printRounding(x) is at most this over x (a print with a decimal is at least to a tenth). */
const PRINT_BOUND = 0.05;

/** Half a unit in the last decimal `x` shows, over `x`: how far its print may be from the value; 0 for a whole number (taken as exact: 20 is 20.00). */
const printRounding = (x: number): number => (Number.isInteger(x) ? 0 : 0.5 / printScale(x) / x);

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

/**
 * Dividends and splits implied by Close vs AdjClose on the same rows (both positive, dates
 * ascending), read against the stated events where the file has event columns (see the header):
 * with stated dividends none are derived and `dividends` stays empty; with stated splits, `splits`
 * holds only the splits Close and AdjClose both show that no row states (each also a 'split'
 * disagreement).
 */
export function deriveCorporateActions(days: Int32Array, close: Float64Array, adjClose: Float64Array, stated: StatedActions = { splits: null, dividends: null }): DerivedActions {
  const steps = factorSteps(close, adjClose);
  const noise = new FactorNoise();
  if (adjClose.length > 0) noise.seePrint(adjClose[0]);
  const result: DerivedActions = { dividends: [], splits: [], unexplained: [], unreadSplits: [], large: [], offRatio: [], splitDividends: [], smallSplitReadings: [], disagreements: [] };
  /** The largest dividend read or stated so far, as a fraction of the close before it: the symbol's dividend record. */
  let largestYield = 0;
  /**
   * How large a dividend paid on a split's ex-date (row s) can be. Close moves alike for a split q
   * with a dividend d and for one distribution of 1 − (1 − d)/q (both: Close × (1 − d)/q), so the
   * price cannot tell them apart; the symbol's dividends can. A stated dividend that day: as far
   * as the ratio's window reaches (the column states it, and what is left is checked against it).
   * A record: up to 1.5 × its largest regular yield (at least the 2 % floor; a special dividend above
   * LARGE_DIVIDEND is no record of regular ones); ALEX's 35.4 % distribution of
   * 2017-11-28 is 3:2 and 3.0 % where it had paid 0.2 % a quarter. A year or more of file with no
   * dividend (a non-payer): the floor. Less than a year and none: nothing to judge by, the window.
   */
  function maxSameDayDividend(s: number): number {
    if ((stated.dividends?.get(days[s]) ?? 0) > 0) return Infinity;
    if (largestYield > 0) return Math.max(SAME_DAY_DIVIDEND_FLOOR, DIVIDEND_RECORD_MARGIN * largestYield);
    return days[s] - days[0] >= DIVIDEND_RECORD_DAYS ? SAME_DAY_DIVIDEND_FLOOR : Infinity;
  }
  /** What a step g left on row s (after any split taken out of it) is: a dividend, a disagreement with the stated cash, an unexplained rise, or noise. */
  function settle(s: number, g: number, previousClose: number, threshold: number): void {
    const day = days[s];
    if (stated.dividends) {
      const cash = stated.dividends.get(day) ?? 0;
      if (cash / previousClose <= LARGE_DIVIDEND) largestYield = Math.max(largestYield, cash / previousClose);
      const implied = previousClose * (1 - g);
      const allowed = previousClose * Math.max(threshold, MAX_OBSERVED_WOBBLE);
      if (Math.abs(implied - cash) > allowed + STATED_DIVIDEND_TOLERANCE * cash) result.disagreements.push({ day, kind: 'dividend', value: implied, stated: cash });
      return;
    }
    if (Math.abs(1 - g) <= threshold) return;
    if (g >= 1) {
      const jumped = g >= SPLIT_UP && movedLikeSplit(close[s] / close[s - 1], 1 / g);
      if (g - 1 > MAX_OBSERVED_WOBBLE) result[jumped ? 'unreadSplits' : 'unexplained'].push({ day, value: g });
    } else {
      result.dividends.push({ day, value: previousClose * (1 - g) });
      // The record is the regular dividends': a special one (above LARGE_DIVIDEND) says nothing of what a split's same-day dividend may be (NLOK: Symantec's $4 of 2016 let its $12 of 2020 read as 5:3 with 3.7 %).
      if (1 - g <= LARGE_DIVIDEND) largestYield = Math.max(largestYield, 1 - g);
      if (1 - g > LARGE_DIVIDEND) result.large.push({ day, value: 1 - g });
    }
  }
  /**
   * How far the prints can move row s's step: the larger of its noise `threshold`, half a unit in
   * the last decimal of each Close over it (Close 0.51 → 0.64 printed to the cent: 1.8 %; a 4:5
   * split there reads ×0.8095) and the 0.2 % ratio tolerance. Asked only of split-sized steps.
   */
  const splitRounding = (s: number, threshold: number): number => Math.max(RATIO_TOLERANCE, threshold, closeExact() ? 0 : printRounding(close[s - 1]) + printRounding(close[s]));
  /**
   * Whether the Closes are the very prices AdjClose was computed from, as far as the rows so far
   * show: a step between two different Closes whose prints could move it by over
   * CLOSE_EVIDENCE × its noise threshold, yet which stayed within that threshold, shows that the
   * Close prints do not round the factor (a Close rounded after AdjClose was computed would move
   * AdjClose/Close by its rounding); a rise beyond the threshold within such rounding shows they
   * do. The digits of one Close (3.2, 3.20) say nothing of this: an exporter drops trailing zeros.
   */
  let closeAgreed = 0;
  let closeRounded = 0;
  const closeExact = (): boolean => closeAgreed > 0 && closeRounded === 0;
  /** Count row s's step g as evidence for or against exact Closes (closeExact). */
  function seeCloseEvidence(s: number, g: number, threshold: number): void {
    if (close[s] === close[s - 1]) return;
    const rounding = printRounding(close[s - 1]) + printRounding(close[s]);
    if (rounding <= CLOSE_EVIDENCE * threshold) return;
    if (Math.abs(1 - g) <= threshold) closeAgreed++;
    else if (g > 1 && g - 1 <= rounding) closeRounded++;
  }
  // A split's step on a row whose Close repeats the previous one (a suspended day: the vendor
  // adjusted from the ex-date, the price moves on the next traded row) waits for the next row
  // whose Close moves: taken there if it moves like the split, else the step is read as before.
  let waiting: { s: number; ratio: number; g: number; threshold: number; rounding: number } | null = null;
  /**
   * Take a split by `ratio` on row s where Close moved like it (takeSplit), its step g read on row
   * `from` (s, or the suspended ex-date before it): what g leaves beyond the ratio is a dividend on
   * row s unless within the prints' `rounding`, listed above the 2 % floor; false when Close did not move like it.
   */
  function splitOn(s: number, from: number, g: number, ratio: number, rounding: number): boolean {
    if (!takeSplit(days[s], close[s] / close[s - 1], ratio, result.splits, result.offRatio)) return false;
    // With a split column stating none that day, a split Close and AdjClose both show is applied all the same, and said.
    if (stated.splits) result.disagreements.push({ day: days[s], kind: 'split', value: ratio, stated: NaN });
    if (1 - g * ratio > SAME_DAY_DIVIDEND_FLOOR) result.splitDividends.push({ day: days[s], ratio, dividend: 1 - g * ratio, distribution: g < 1 ? 1 - g : NaN });
    settle(s, g * ratio, close[from - 1] / ratio, rounding);
    return true;
  }
  for (let s = 1; s < steps.length; s++) {
    if (waiting !== null && close[s] !== close[s - 1]) {
      const w = waiting;
      waiting = null;
      if (!splitOn(s, w.s, w.g, w.ratio, w.rounding)) settle(w.s, w.g, close[w.s - 1], w.threshold);
    }
    let g = steps[s];
    noise.seePrint(adjClose[s]);
    const threshold = noise.threshold(adjClose[s - 1], adjClose[s], close[s - 1], close[s]);
    let rounding = NaN;
    noise.seeStep(g);
    seeCloseEvidence(s, g, threshold);
    const day = days[s];
    let previousClose = close[s - 1];
    const statedSplit = stated.splits?.get(day);
    const unapplied = stated.unappliedSplits?.get(day);
    if (statedSplit !== undefined) {
      if (Math.abs(1 - g) <= Math.max(threshold, MAX_OBSERVED_WOBBLE)) {
        result.disagreements.push({ day, kind: 'unadjusted', value: statedSplit, stated: NaN });
        continue;
      }
      // AdjClose steps by another round ratio, and Close moved like that one rather than the stated:
      // the prices say 1:10 where the column says 1:25. The stated split is what is applied; the
      // step is that other split's, not a dividend of 15 times the price.
      const printed = splitRounding(s, threshold);
      const read = splitSized(1 / g, printed) ? splitRatioForStep(1 / g, printed, maxSameDayDividend(s)) : NaN;
      const r = close[s] / close[s - 1];
      if (!Number.isNaN(read) && Math.abs(Math.log(read / statedSplit)) > RATIO_TOLERANCE && Math.abs(Math.log(r * read)) < Math.abs(Math.log(r * statedSplit))) {
        result.disagreements.push({ day, kind: 'splitRatio', value: read, stated: statedSplit });
        continue;
      }
      g *= statedSplit;
      previousClose /= statedSplit;
    } else if (unapplied !== undefined && movedLikeSplit(g, unapplied)) {
      g *= unapplied;
      previousClose /= unapplied;
    } else if (splitSized(1 / g, Math.max(RATIO_TOLERANCE, threshold, PRINT_BOUND / close[s - 1] + PRINT_BOUND / close[s])) && splitSized(1 / g, (rounding = splitRounding(s, threshold)))) {
      // (The first test bounds the second's rounding from above, so most rows never count decimals.)
      const ratio = splitRatioForStep(1 / g, rounding, maxSameDayDividend(s));
      const r = close[s] / close[s - 1];
      // A stated split Close did not move like, where Close and AdjClose agree on this other ratio:
      // the prices contradict the stated ratio, as above (priceSeries.ts applies the stated one).
      if (!Number.isNaN(ratio) && unapplied !== undefined && stated.splits && movedLikeSplit(r, ratio)) {
        result.disagreements.push({ day, kind: 'splitRatio', value: ratio, stated: unapplied });
        continue;
      }
      if (!Number.isNaN(ratio) && !stated.splits && r === 1 && waiting === null) {
        waiting = { s, ratio, g, threshold, rounding };
        continue;
      }
      if (!Number.isNaN(ratio) && splitOn(s, s, g, ratio, rounding)) continue;
      if (Number.isNaN(ratio) && !stated.splits) {
        const small = smallSplitBelow(1 / g, r, rounding, maxSameDayDividend(s));
        if (!Number.isNaN(small)) result.smallSplitReadings.push({ day, ratio: small, dividend: 1 - g * small, distribution: 1 - g });
      }
    }
    settle(s, g, previousClose, threshold);
  }
  // Suspended to the end: the split never reached the price, and no trade could be paid a dividend; the step is listed, not applied.
  if (waiting !== null) result.unexplained.push({ day: days[waiting.s], value: waiting.g });
  return result;
}
