// Stretches of a series whose value repeats from one value to the next: thin trading (SMLF in
// 2015 repeats its close on 79 of its 170 sessions), a stale price, or a market that did not move
// (a T-bill fund at zero rates). Every return inside one is 0 %, which an estimate over those
// returns (beta, volatility, correlation, covariance) reads as a flat market. One detector for
// the caveat of a benchmark (reports/benchmark/benchmarkCoverage.ts) and of the prices a run held
// (engine/caveats/flatPriceCaveats.ts).

/** A value repeated this many times in a row (four 0 % returns: a trading week) makes a stretch worth saying of a benchmark; as many 0 % returns, of a price a run held. */
export const FLAT_VALUES = 5;
/** From this share of a series' returns at 0 %, estimates over them read a materially flat market: a tenth. */
export const FLAT_SHARE = 0.1;

/** Rows `from` … `to` of a series holding `values` equal values in a row (rows without a value between them included). */
export interface FlatStretch {
  readonly from: number;
  readonly to: number;
  readonly values: number;
}

/** A series' stretches of repeated values, in row order, and how many returns it has (values after its first). */
export interface FlatStretches {
  readonly stretches: readonly FlatStretch[];
  readonly returns: number;
}

/**
 * The stretches of `least` (≥ 2) or more equal consecutive values of `levels` (NaN: no value on
 * that row; such rows do not break a stretch, since the interval across them is 0 % too). A
 * stretch of v values holds v − 1 zero returns; with `least` 2 the stretches hold every one.
 */
export function flatStretches(levels: ArrayLike<number>, least: number): FlatStretches {
  const stretches: FlatStretch[] = [];
  let returns = 0;
  let previous = -1;
  let from = -1;
  let values = 0;
  const close = (): void => {
    if (values >= least) stretches.push({ from, to: previous, values });
  };
  for (let k = 0; k < levels.length; k++) {
    if (Number.isNaN(levels[k])) continue;
    if (previous >= 0) returns++;
    if (previous >= 0 && levels[k] === levels[previous]) values++;
    else {
      close();
      from = k;
      values = 1;
    }
    previous = k;
  }
  close();
  return { stretches, returns };
}
