// Parsed price rows → one series per symbol, deciding what each file's prices mean:
//   - only AdjClose: it is the close, read as total return (priceKind totalReturn, no dividends);
//   - Close with event columns (dividends: yfinance Dividends, Tiingo divCash, Alpha Vantage
//     dividend_amount, Quandl Ex-Dividend, zipline dividend, plus yfinance Capital Gains paid as
//     cash; splits: Stock Splits, splitFactor, split_coefficient, Split Ratio, zipline split): Close is the traded price; what
//     a column states is the truth for its kind (a split is applied where Close moved by it; a
//     Close that is already split-adjusted, as yfinance prints it, has no split left to apply);
//     a kind no column states is derived from Close vs AdjClose when there is one; AdjClose steps
//     the stated events do not explain are listed (corporateActions.ts);
//   - yfinance's Dividends and Stock Splits columns with NO Adj Close (`history` with its default
//     auto_adjust=True): Close already includes the dividends, so it is read as total return and
//     the listed dividends are not paid a second time (a source note says so); any other cash
//     column beside a lone Close (zipline csvdir's dividend, Norgate's Dividend) is paid as cash;
//   - Close and AdjClose: Close is the traded price (priceKind raw); dividends and splits are
//     derived from the two (corporateActions.ts);
//   - Close alone, or with an empty AdjClose column (e.g. the kittycapital ETF files), and no
//     dividend column: the series is raw and its dividends are missing, which a source note says.
// A Volume of 0 before a symbol's first traded volume is unknown, not "no trade": Yahoo's mutual
// funds and indices write 0 on every row (read as if there were no Volume column), its older index
// rows 0 until volumes begin. Judged row by row from the start, so what a row means never depends
// on later rows (DESIGN.md's causality contract); a 0 after a traded volume stays "no trade that day".

import { deriveCorporateActions, LARGE_DIVIDEND, movedLikeSplit, nearestSplitRatio, roundSplitRatio, splitSizedMoves, takeSplit, type DatedValue, type DerivedActions, type Disagreement } from './corporateActions.ts';
import { isoDay } from '../../dates.ts';
import { DataError } from '../../errors.ts';
import { listedNote, type ListedNote, type NoteEntry } from '../../listedNotes.ts';
import { AssetClass, PriceKind } from '../../market.ts';
import { hasRole, type PriceColumns, type PriceField, type Role } from '../files/priceColumns.ts';
import { normalizeColumnName } from '../../formats/csvTable.ts';
import type { ParsedPrices } from '../files/priceRows.ts';
import { COLUMN_NAME } from '../rows/fieldKinds.ts';
import { MIN_RANGE, movedByRatio } from './dailyRange.ts';

export interface SymbolSeries {
  readonly symbol: string;
  /** File the series came from. */
  readonly source: string;
  /** Epoch days, strictly ascending. */
  readonly dates: Int32Array;
  readonly close: Float64Array;
  readonly open: Float64Array | null;
  readonly high: Float64Array | null;
  readonly low: Float64Array | null;
  /** null when the source has no volume (unknown, not zero). */
  readonly volume: Float64Array | null;
  readonly priceKind: PriceKind;
  readonly assetClass: AssetClass;
  readonly dividends: readonly DatedValue[];
  readonly splits: readonly DatedValue[];
  /**
   * Epoch day the source's snapshot ends, where known. A series that stops before the calendar's
   * last session is a delisting only when it also stops before this day. +Infinity: no known end,
   * so an early stop is where the data stops (a data-end exit), unless a delisting record says
   * otherwise.
   */
  readonly snapshotEnd: number;
}

export interface SeriesOptions {
  readonly assetClass: AssetClass;
  readonly snapshotEnd: number;
}

export interface SeriesFromFile {
  readonly series: SymbolSeries[];
  readonly notes: string[];
  /** The notes among `notes` that list symbols, with their entries (listedNotes.ts). */
  readonly listed: ListedNote[];
}

/** Every ticker of a parsed file as a SymbolSeries, with notes (and their listings) for the file's SourceInfo. */
export function seriesFromParsed(parsed: ParsedPrices, optionsFor: (symbol: string) => SeriesOptions): SeriesFromFile {
  const { fields } = parsed;
  const series: SymbolSeries[] = [];
  const summary: DerivationSummary = { derived: 0, explicit: 0, withoutAdjClose: [], zeroVolume: [], leadingZeroVolume: [], earlyEmptyRange: [], dividends: 0, capitalGains: 0, dividendsInClose: 0, splits: 0, adjustedSplits: [], adjustedByAdjClose: [], adjustedByLayout: [], adjustedInLayoutApplied: [], layoutRawDividends: [], wideRangeSplits: [], firstRowSplits: [], deferredSplits: [], unexplained: [], unreadSplits: [], unreadCloseMoves: [], large: [], offRatio: [], splitDividends: [], smallSplitReadings: [], reverseSplitDividends: [], disagreements: [], splitRatioDisagreements: [], unstatedSplits: [], shiftedSplits: [] };
  const statesCash = hasRole(parsed.columns, 'dividend') || hasRole(parsed.columns, 'capitalGain');
  const dividendsInClose = closeHoldsDividends(parsed.columns);
  parsed.tickers.forEach((symbol, k) => {
    const from = parsed.rowStart[k];
    const to = parsed.rowStart[k + 1];
    const rows = to - from;
    // A column empty on every row of this ticker (filled for others) is absent for it.
    const absent = parsed.emptyFor.get(symbol) ?? [];
    const column = (field: PriceField): Float64Array | undefined => (absent.includes(field) ? undefined : fields[field]);
    const slice = (values: Float64Array | undefined): Float64Array | null => (values ? values.subarray(from, to) : null);
    // With no Close, AdjClose is the price and the adjusted bar (if any) its bar (priceColumns.ts made
    // the raw columns it stands in for ignored); with a Close, the raw bar is traded.
    const bar = column('close')
      ? { open: column('open'), high: column('high'), low: column('low'), volume: column('volume') }
      : { open: column('adjOpen') ?? column('open'), high: column('adjHigh') ?? column('high'), low: column('adjLow') ?? column('low'), volume: column('adjVolume') ?? column('volume') };
    const adjClose = slice(fields.adjClose);
    const blanks = adjClose ? parsed.blankAdjCloseRows[k] : rows;
    const tradedClose = slice(column('close'));
    if (adjClose && blanks > 0 && (tradedClose === null || blanks < rows)) {
      const why = tradedClose === null ? 'it is the only price column' : `it is filled on other rows of ${symbol}`;
      const name = (role: PriceField): string => parsed.columns.header[parsed.columns.roles.indexOf(role)];
      throw new DataError(parsed.file, parsed.firstBlankAdjCloseLine[k], `${name('adjClose')} is empty but ${why}`, `fill it in, or leave ${name('adjClose')} empty on every row of the symbol when only ${name('close') ?? 'Close'} is known`);
    }
    const dates = parsed.day.subarray(from, to);
    let volume = slice(bar.volume);
    const zeros = volume ? leadingZeros(volume) : { rows: 0, last: -1, traded: true };
    if (volume && zeros.rows > 0 && !zeros.traded) {
      summary.zeroVolume.push({ symbol, text: symbol });
      volume = null;
    } else if (volume && zeros.rows > 0) {
      volume = Float64Array.from(volume, (v, k) => (k <= zeros.last && v === 0 ? NaN : v));
      summary.leadingZeroVolume.push({ symbol, text: `${symbol} (${zeros.rows} row${zeros.rows === 1 ? '' : 's'} to ${isoDay(dates[zeros.last])})` });
    }
    const early = parsed.emptyBefore.get(symbol);
    if (early) {
      const rows = Math.max(...early.map((e) => e.rows));
      summary.earlyEmptyRange.push({ symbol, text: `${symbol} (${early.map((e) => COLUMN_NAME[e.field]).join(', ')}; ${rows} row${rows === 1 ? '' : 's'} to ${isoDay(dates[rows - 1])})` });
    }
    const base = { symbol, source: parsed.file, dates, open: slice(bar.open), high: slice(bar.high), low: slice(bar.low), volume, ...optionsFor(symbol) };
    if (tradedClose === null) {
      series.push({ ...base, close: adjClose!, priceKind: PriceKind.totalReturn, dividends: [], splits: [] });
      return;
    }
    const splitColumn = slice(fields.splitRatio);
    const stated = statesCash || splitColumn ? statedActions(dates, tradedClose, volume, slice(fields.dividend), slice(fields.capitalGain), splitColumn, dividendsInClose) : null;
    if (stated) {
      summary.explicit++;
      summary.capitalGains += stated.capitalGains;
    }
    let dividends = statesCash ? stated!.dividends : [];
    let { splits, alreadyAdjusted, deferred }: StatedSplits = stated ?? { splits: [], alreadyAdjusted: [], deferred: [] };
    if (adjClose === null || blanks === rows) {
      if (!statesCash) summary.withoutAdjClose.push({ symbol, text: symbol });
      // A split-sized move nothing explains: with a split column, on a day it applies no split (a zipline file's 1.0 every row, a split stated a day off).
      const explained = new Set([...splits.map((e) => e.day), ...alreadyAdjusted.map((u) => u.day), ...deferred.map((d) => d.appliedOn)]);
      for (const m of splitSizedMoves(dates, tradedClose)) {
        if (!explained.has(m.day)) summary.unreadCloseMoves.push({ symbol, text: `${symbol} ${isoDay(m.day)} (×${Number(m.value.toPrecision(4))}, like a ${splitName(simplestSplitNear(1 / m.value))} split)` });
      }
    } else {
      const deferredOn = new Set(deferred.map((d) => d.appliedOn));
      const derived = deriveCorporateActions(dates, tradedClose, adjClose, {
        splits: splitColumn ? new Map(splits.filter((e) => !deferredOn.has(e.day)).map((e) => [e.day, e.value])) : null,
        unappliedSplits: new Map([...alreadyAdjusted, ...deferred.flatMap((d) => [d, { day: d.appliedOn, ratio: d.ratio }])].map((e) => [e.day, e.ratio])),
        dividends: statesCash ? new Map(dividends.map((e) => [e.day, e.value])) : null,
      });
      summary.derived++;
      if (!statesCash) dividends = derived.dividends;
      if (splitColumn) ({ splits, alreadyAdjusted, deferred } = splitsTheAdjustmentShows({ splits, alreadyAdjusted, deferred }, derived, { dates, close: tradedClose, adjClose }));
      else splits = derived.splits;
      for (const step of derived.unexplained) summary.unexplained.push({ symbol, text: `${symbol} ${isoDay(step.day)} (×${step.value.toFixed(4)})` });
      for (const step of derived.unreadSplits) summary.unreadSplits.push({ symbol, text: `${symbol} ${isoDay(step.day)} (×${Number(step.value.toPrecision(5))})` });
      summary.large.push(...largeEntries(symbol, derived.large));
      summary.offRatio.push(...splitMoves(symbol, derived.offRatio));
      for (const e of derived.splitDividends) {
        const entry = `${symbol} ${isoDay(e.day)} (${splitName(e.ratio)} and ${percent(e.dividend)}`;
        if (Number.isNaN(e.distribution)) summary.reverseSplitDividends.push({ symbol, text: `${entry})` });
        else summary.splitDividends.push({ symbol, text: `${entry}, or one distribution of ${percent(e.distribution)})` });
      }
      for (const e of derived.smallSplitReadings) summary.smallSplitReadings.push({ symbol, text: `${symbol} ${isoDay(e.day)} (${percent(e.distribution)}, or ${splitName(e.ratio)} and ${percent(e.dividend)})` });
      for (const d of derived.disagreements) {
        if (d.kind === 'unadjusted' && alreadyAdjusted.some((u) => u.day === d.day)) continue; // said as a split already in Close (splitsTheAdjustmentShows)
        summary[d.kind === 'splitRatio' && !inverted(d) ? 'splitRatioDisagreements' : d.kind === 'split' || d.kind === 'splitRatio' ? 'unstatedSplits' : 'disagreements'].push(disagreementEntry(symbol, d));
      }
    }
    for (const { day, appliedOn, ratio, shifted } of deferred) {
      if (shifted) summary.shiftedSplits.push({ symbol, text: `${symbol} ${isoDay(day)} → ${isoDay(appliedOn)} (${splitName(ratio)})` });
      else summary.deferredSplits.push({ symbol, text: `${symbol} ${isoDay(day)} → ${isoDay(appliedOn)}` });
    }
    summary.offRatio.push(...splitMoves(symbol, stated?.offRatio.filter((m) => splits.some((e) => e.day === m.day)) ?? []));
    // Sized once the splits applied are known: a distribution on a split's ex-date is paid per new share.
    if (statesCash) summary.large.push(...largeEntries(symbol, largeDistributions(dates, tradedClose, stated!.dividends, splits)));
    // On the first row there is no earlier Close to show the split, nor a share held before it.
    for (const u of alreadyAdjusted) {
      if (u.day === dates[0]) summary.firstRowSplits.push({ symbol, text: `${symbol} ${isoDay(u.day)}` });
      else if (u.evidence === 'noMove') summary.adjustedSplits.push({ symbol, text: `${symbol} ${isoDay(u.day)}` });
      else summary[u.evidence === 'adjClose' ? 'adjustedByAdjClose' : 'adjustedByLayout'].push({ symbol, text: `${symbol} ${isoDay(u.day)} (${splitName(u.ratio)}${Number.isNaN(u.move) ? '' : `; Close ×${Number(u.move.toPrecision(4))}`})` });
    }
    summary[dividendsInClose ? 'dividendsInClose' : 'dividends'] += dividends.length;
    summary.splits += splits.length;
    if (dividendsInClose) for (const e of splits) layoutSplitApplied(summary, symbol, e, dates, tradedClose, deferred);
    // A Close that shows a stated split unadjusted is not auto_adjust=True's there: its dividends may not be in it either (probe r71a F3).
    if (dividendsInClose && splits.length > 0 && dividends.length > 0) summary.layoutRawDividends.push({ symbol, text: `${symbol} (${dividends.length} dividend${dividends.length === 1 ? '' : 's'} not paid)` });
    series.push({ ...base, close: tradedClose, priceKind: dividendsInClose ? PriceKind.totalReturn : PriceKind.raw, dividends: dividendsInClose ? [] : dividends, splits });
  });
  return { series, ...fileNotes(parsed, summary) };
}

/**
 * List a stated split applied in yfinance's auto_adjust=True layout (Close moved by its ratio within
 * its daily range, dailyRange.ts): apart (`wideRangeSplits`), with what not applying it would
 * mean, where the move left beyond the ratio, Close_applied / Close_{stated − 1} × ratio, is more
 * than MIN_RANGE (3 %) off — only the symbol's wide daily range admitted it, and a real price move
 * of that size reads as well (probe r30a: 3:2 on a −28 % day of a Close moving 4.4 % a day).
 */
function layoutSplitApplied(summary: DerivationSummary, symbol: string, e: DatedValue, dates: Int32Array, close: Float64Array, deferred: readonly DeferredSplit[]): void {
  const stated = deferred.find((d) => d.appliedOn === e.day)?.day ?? e.day;
  const move = close[dates.indexOf(e.day)] / close[dates.indexOf(stated) - 1];
  const entry = `${symbol} ${isoDay(e.day)} (${splitName(e.value)}`;
  if (Math.abs(Math.log(move * e.value)) <= MIN_RANGE) summary.adjustedInLayoutApplied.push({ symbol, text: `${entry})` });
  else summary.wideRangeSplits.push({ symbol, text: `${entry}: Close ×${Number(move.toPrecision(4))}, ×${Number((move * e.value).toPrecision(4))} beyond the ratio; not applied, that is a ${percent(move - 1)} price move, and a holding's shares and value from then on are ×${Number((1 / e.value).toPrecision(4))} of what applying it gives)` });
}

/**
 * True for yfinance's default auto_adjust=True layout: its `Dividends` and `Stock Splits` columns
 * (yfinance's `history` writes both) and no Adj Close, so Close already holds the dividends (and
 * capital gains). Any other cash column beside a lone Close — zipline csvdir's `dividend`, Norgate's
 * `Dividend`, Tiingo's divCash — is cash per share paid on the ex-date beside a traded Close.
 */
function closeHoldsDividends(columns: PriceColumns): boolean {
  const named = (role: Role, name: string): boolean => columns.roles.some((r, k) => r === role && normalizeColumnName(columns.header[k]) === name);
  return named('dividend', 'dividends') && named('splitRatio', 'stocksplits') && !columns.roles.includes('adjClose');
}

/**
 * Stated splits (`splits` applied, `alreadyAdjusted` not) with what Close vs AdjClose showed
 * (corporateActions.ts): a split both show that no row states is added; a stated split Close did
 * not move like, where both show another ratio ('splitRatio'), is applied at the stated ratio, as
 * where Close moved like it — the column states the ratio, the disagreement is said at high
 * severity. A stated split applied where Close moved like it but AdjClose/Close does not step
 * ('unadjusted'; for one applied on another row than stated, the factor across the two rows does
 * not step like the split) is already in Close: an AdjClose adjusts for every split, so a flat AdjClose/Close
 * means Close holds the split too (yfinance's Close is split-adjusted in both auto_adjust modes),
 * and Close's move there is a price move (probe r27c: a real −20.8 % on a 3:2 ex-date multiplied
 * the shares a second time, NAV 14,100 for 9,400). Days ascending.
 */
function splitsTheAdjustmentShows(stated: StatedSplits, derived: DerivedActions, prices: { readonly dates: Int32Array; readonly close: Float64Array; readonly adjClose: Float64Array }): StatedSplits {
  const { dates, close, adjClose } = prices;
  /** Rows of days `from`, `to` in order. */
  const rows = (from: number, to: number): [number, number] => [Math.min(dates.indexOf(from), dates.indexOf(to)), Math.max(dates.indexOf(from), dates.indexOf(to))];
  /** AdjClose/Close's step from the row before the earlier of two days to the later, and Close's move over them. */
  const across = (from: number, to: number) => {
    const [lo, hi] = rows(from, to);
    return { step: adjClose[lo - 1] / close[lo - 1] / (adjClose[hi] / close[hi]), move: close[hi] / close[lo - 1] };
  };
  // Unless Close moved by the ratio within its daily range: then the prices were not adjusted for it (dailyRange.ts), and it stays applied.
  const unadjustedPrices = (from: number, to: number, ratio: number): boolean => movedByRatio(close, ...rows(from, to), ratio);
  const flat = new Set(derived.disagreements.filter((d) => d.kind === 'unadjusted' && !unadjustedPrices(d.day, d.day, d.value)).map((d) => d.day));
  const flatDeferred = stated.deferred.filter((d) => !movedLikeSplit(across(d.day, d.appliedOn).step, d.ratio) && !unadjustedPrices(d.day, d.appliedOn, d.ratio));
  const inClose = [
    ...stated.splits.filter((e) => flat.has(e.day)).map((e): SplitInClose => ({ day: e.day, ratio: e.value, evidence: 'adjClose', move: across(e.day, e.day).move })),
    ...flatDeferred.map((d): SplitInClose => ({ day: d.day, ratio: d.ratio, evidence: 'adjClose', move: across(d.day, d.appliedOn).move })),
  ];
  const notApplied = new Set([...flat, ...flatDeferred.map((d) => d.appliedOn)]);
  const splits = stated.splits.filter((e) => !notApplied.has(e.day));
  const alreadyAdjusted = [...stated.alreadyAdjusted, ...inClose].sort((a, b) => a.day - b.day);
  const contradicted = new Map(derived.disagreements.filter((d) => d.kind === 'splitRatio').map((d) => [d.day, d]));
  // The stated ratio, unless it points the other way from the split both prices show (10 stated for a 1:10 reverse split: an inverted convention): then the prices'.
  const taken = alreadyAdjusted.flatMap((u) => {
    const d = contradicted.get(u.day);
    return d === undefined ? [] : [{ day: u.day, value: inverted(d) ? d.value : u.ratio }];
  });
  return {
    splits: [...splits, ...taken, ...derived.splits].sort((a, b) => a.day - b.day),
    alreadyAdjusted: alreadyAdjusted.filter((u) => !contradicted.has(u.day)),
    deferred: stated.deferred.filter((d) => !flatDeferred.includes(d)),
  };
}

/** `n` and `word`, plural unless one: "1 dividend", "0 splits". */
const counted = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Stated splits: applied (`splits`), already in Close, and applied on another row than stated (statedActions). */
interface StatedSplits {
  readonly splits: readonly DatedValue[];
  readonly alreadyAdjusted: readonly SplitInClose[];
  readonly deferred: readonly DeferredSplit[];
}

/** A stated split ratio on the other side of 1 from the ratio Close and AdjClose both show (a forward split stated for a reverse one). */
function inverted(d: Disagreement): boolean {
  return d.kind === 'splitRatio' && (d.value - 1) * (d.stated - 1) < 0;
}

/** A disagreement as listed in the notes: "SYM 2024-01-11 (AdjClose implies 9.29 a share, stated 0)"; a split none states, its ratio: "SYM 2024-01-08 (1:10)". */
function disagreementEntry(symbol: string, d: Disagreement): NoteEntry {
  const what =
    d.kind === 'split' ? splitName(d.value)
    : inverted(d) ? `${splitName(d.value)}; the column states ${splitName(d.stated)}, the other way`
    : d.kind === 'splitRatio' ? `Close and AdjClose step by a ${splitName(d.value)} split, stated ${splitName(d.stated)}`
    : d.kind === 'unadjusted' ? `Close moved by the stated ${splitName(d.value)} split within its daily range, but AdjClose/Close does not step there: the prices are not adjusted for it, so it is applied (Yahoo sometimes fails to adjust a split; yfinance's repair=True fixes such rows)`
    : d.value >= 0 ? `AdjClose implies a dividend of ${d.value.toPrecision(4)}, stated ${d.stated}`
    : `AdjClose rises by ${(-d.value).toPrecision(4)} a share, which no dividend does; stated ${d.stated}`;
  return { symbol, text: `${symbol} ${isoDay(d.day)} (${what})` };
}

/** The simplest split ratio a move looks like: n:1 or 1:n within 3 % (×10.2 reads 1:10, not 4:41), else the nearest round one. */
function simplestSplitNear(ratio: number): number {
  const n = Math.round(ratio >= 1 ? ratio : 1 / ratio);
  const whole = ratio >= 1 ? n : 1 / n;
  return n >= 2 && Math.abs(ratio / whole - 1) <= 0.03 ? whole : nearestSplitRatio(ratio);
}

/** A split ratio as people write it: 2 → "2:1", 0.1 → "1:10", 1.25 → "5:4", 2/3 → "2:3" (whole terms where the smaller is at most 4). */
export function splitName(ratio: number): string {
  for (let small = 1; small <= 4; small++) {
    const large = (ratio >= 1 ? ratio : 1 / ratio) * small;
    if (Math.abs(large - Math.round(large)) < 1e-6 * large) return ratio >= 1 ? `${Math.round(large)}:${small}` : `${small}:${Math.round(large)}`;
  }
  return ratio >= 1 ? `${Number(ratio.toPrecision(6))}:1` : `1:${Number((1 / ratio).toPrecision(6))}`;
}

/** The notes' entries for distributions above LARGE_DIVIDEND of the previous close (a fraction): "SYM 2024-01-10 (25.6%)". */
const largeEntries = (symbol: string, large: readonly DatedValue[]): NoteEntry[] => large.map((big) => ({ symbol, text: `${symbol} ${isoDay(big.day)} (${(big.value * 100).toFixed(1)}%)` }));

/** A fraction as a percent to two decimals: 0.0234375 → "2.34%". */
const percent = (fraction: number): string => `${(fraction * 100).toFixed(2)}%`;

/** The notes' entries for splits applied against a price move beyond ×1.5: "SYM 2024-01-05 (×0.60)". */
const splitMoves = (symbol: string, moves: readonly DatedValue[]): NoteEntry[] => moves.map((m) => ({ symbol, text: `${symbol} ${isoDay(m.day)} (×${m.value.toFixed(2)})` }));

/**
 * Rows of 0 volume before the first positive one (blank rows are unknown, not zero), the last of
 * them at `last`, and whether a positive one comes (`traded`: false, every known volume is 0).
 */
function leadingZeros(volume: Float64Array): { rows: number; last: number; traded: boolean } {
  let rows = 0;
  let last = -1;
  for (let k = 0; k < volume.length; k++) {
    if (volume[k] > 0) return { rows, last, traded: true };
    if (volume[k] === 0) {
      rows++;
      last = k;
    }
  }
  return { rows, last, traded: false };
}

/** How near a move must come to a stated ratio on a neighbouring row to be that split stated a row away. */
const SHIFT_TOLERANCE = 0.03;

/** A stated split not applied on its own row: `day` as printed, `ratio` new shares per old. */
interface UnappliedSplit {
  readonly day: number;
  readonly ratio: number;
}

/** A stated split applied on another row: the next traded one (`shifted` false: the stated row had no trade) or a row away where Close moved by the ratio (`shifted`). */
interface DeferredSplit extends UnappliedSplit {
  readonly appliedOn: number;
  readonly shifted: boolean;
}

/**
 * A stated split not applied because Close already holds it, and the evidence: 'noMove' (Close did
 * not move like it), 'adjClose' (AdjClose/Close does not step there) or 'layout' (yfinance's
 * auto_adjust=True Close, split-adjusted by definition); `move` = Close_s / Close_{s−1} where Close
 * moved like the split all the same (a price move), else NaN.
 */
interface SplitInClose extends UnappliedSplit {
  readonly evidence: 'noMove' | 'adjClose' | 'layout';
  readonly move: number;
}

/**
 * Corporate actions a file's event columns state (blank or 0 = none; a split ratio of 1 = none):
 * cash per share = Dividends + Capital Gains (yfinance pays a fund's capital-gain distribution
 * in cash like a dividend, and its Adj Close reflects both). A printed ratio is read as the round
 * ratio it rounds (0.333333 is 1:3, 0.005 is 1:200). A split is applied where Close moved nearer
 * its ratio than no move (movedLikeSplit). On a row with no trade (Volume 0, or without a Volume
 * an unchanged Close: a suspended day's stale price) the move shows on the next traded row, and
 * the split is applied there (`deferred`). Otherwise it is already in the prices (a
 * split-adjusted Close), and applying it would multiply the shares a second time — unless an
 * AdjClose shows the Close moved by another split ratio (splitsTheAdjustmentShows). With
 * `closeSplitAdjusted` (yfinance's auto_adjust=True layout, closeHoldsDividends) a stated split is
 * applied only where Close moved by the ratio within its daily range (a split Yahoo did not adjust
 * for, dailyRange.ts): that Close is split-adjusted by definition, and another move is a price move.
 */
function statedActions(dates: Int32Array, close: Float64Array, volume: Float64Array | null, dividend: Float64Array | null, capitalGain: Float64Array | null, split: Float64Array | null, closeSplitAdjusted: boolean) {
  const dividends: DatedValue[] = [];
  const splits: DatedValue[] = [];
  const alreadyAdjusted: SplitInClose[] = [];
  const deferred: DeferredSplit[] = [];
  const offRatio: DatedValue[] = [];
  let capitalGains = 0;
  const untraded = (r: number): boolean => (volume && !Number.isNaN(volume[r]) ? volume[r] === 0 : close[r] === close[r - 1]);
  for (let r = 0; r < dates.length; r++) {
    const gain = capitalGain ? capitalGain[r] : 0;
    if (gain > 0) capitalGains++;
    const cash = (dividend ? dividend[r] : 0) + gain;
    if (cash > 0) dividends.push({ day: dates[r], value: cash });
    const printed = split ? split[r] : 0;
    if (!(printed > 0 && printed !== 1)) continue;
    const ratio = roundSplitRatio(printed);
    // The next traded row from r (r itself when traded): where a split stated on a row with no trade first moves the price.
    let next = r;
    while (r > 0 && next < dates.length && untraded(next)) next++;
    // Yahoo sometimes fails to adjust a split: a Close that moved by the ratio within its daily range (by the next traded row, from a suspended one) is one the prices were not adjusted for, read below.
    if (closeSplitAdjusted && !(r > 0 && next < dates.length && movedByRatio(close, r, next, ratio))) {
      alreadyAdjusted.push({ day: dates[r], ratio, evidence: 'layout', move: r > 0 && movedLikeSplit(close[r] / close[r - 1], ratio) ? close[r] / close[r - 1] : NaN });
      continue;
    }
    if (r > 0 && takeSplit(dates[r], close[r] / close[r - 1], ratio, splits, offRatio)) continue;
    if (next > r && next < dates.length && takeSplit(dates[next], close[next] / close[r - 1], ratio, splits, offRatio)) {
      deferred.push({ day: dates[r], ratio, appliedOn: dates[next], shifted: false });
      continue;
    }
    // Stated a row away from the move: the next traded row after it, or the row before, where Close moved by the ratio (within 3 %) and no split of its own is stated.
    let after = r + 1;
    while (after < dates.length && untraded(after)) after++;
    // The move must stay: a print that reverts the next row (100, 50, 100 beside a stated 2:1 already in Close) is no split.
    const stays = (k: number): boolean => k + 1 >= dates.length || Math.abs(Math.log(close[k + 1] / close[k - 1])) >= Math.abs(Math.log(ratio)) / 2;
    const away = [after, r - 1].find((k) => k >= 1 && k < dates.length && !(split![k] > 0 && split![k] !== 1) && !splits.some((e) => e.day === dates[k]) && Math.abs((close[k] / close[k - 1]) * ratio - 1) <= SHIFT_TOLERANCE && stays(k));
    if (away !== undefined && takeSplit(dates[away], close[away] / close[away - 1], ratio, splits, offRatio)) deferred.push({ day: dates[r], ratio, appliedOn: dates[away], shifted: true });
    else alreadyAdjusted.push({ day: dates[r], ratio, evidence: 'noMove', move: NaN });
  }
  splits.sort((a, b) => a.day - b.day);
  return { dividends, splits, alreadyAdjusted, deferred, offRatio, capitalGains };
}

/**
 * The stated cash distributions (`dividends`, days of `dates`) above LARGE_DIVIDEND of the close
 * before them, as fractions, in the units the cash is paid in: on the ex-date of a split applied
 * that day (`splits`, new shares per old) it is paid per new share, so the close before it is
 * taken in new shares, ÷ the ratio — 1.2 on a 1:4 ex-date after a close of 10 is
 * 1.2 / (10 / 0.25) = 3.0 %, not 12 %; 10 % on a 2:1 ex-date is not 5 %. None on the first row.
 * `dividends` ascend by day, each a day of `dates`.
 */
function largeDistributions(dates: Int32Array, close: Float64Array, dividends: readonly DatedValue[], splits: readonly DatedValue[]): DatedValue[] {
  const large: DatedValue[] = [];
  // Both in date order: one walk of the rows finds each dividend's.
  let r = 0;
  for (const { day, value } of dividends) {
    while (dates[r] < day) r++;
    if (r === 0) continue;
    const previous = splits.reduce((price, e) => (e.day === day ? price / e.value : price), close[r - 1]);
    if (value / previous > LARGE_DIVIDEND) large.push({ day, value: value / previous });
  }
  return large;
}

interface DerivationSummary {
  /** Symbols whose actions were derived from Close vs AdjClose, or read from event columns. */
  derived: number;
  explicit: number;
  readonly withoutAdjClose: NoteEntry[];
  readonly zeroVolume: NoteEntry[];
  /** Symbols whose volume is 0 on rows before their first traded volume (read as unknown there). */
  readonly leadingZeroVolume: NoteEntry[];
  /** Open, High or Low empty on a symbol's earliest rows only (rows/emptyColumns.ts). */
  readonly earlyEmptyRange: NoteEntry[];
  dividends: number;
  /** Rows with a capital-gain distribution (paid with the dividends, as cash). */
  capitalGains: number;
  /** Dividends of a Dividends column that the Close already includes (no Adj Close beside it): not paid. */
  dividendsInClose: number;
  splits: number;
  readonly adjustedSplits: NoteEntry[];
  /** Stated splits Close moved like where AdjClose/Close does not step: already in Close, the move a price move. */
  readonly adjustedByAdjClose: NoteEntry[];
  /** Stated splits of yfinance's auto_adjust=True layout, whose Close is split-adjusted: not applied. */
  readonly adjustedByLayout: NoteEntry[];
  /** … and those applied all the same: Close moved by the ratio within its daily range (dailyRange.ts). */
  readonly adjustedInLayoutApplied: NoteEntry[];
  /** Symbols of that layout with a stated split applied and stated dividends taken as in Close: "SYM (1 dividend not paid)". */
  readonly layoutRawDividends: NoteEntry[];
  /** … of which those whose move beyond the ratio is more than 3 %: admitted by a wide daily range only (layoutSplitApplied). */
  readonly wideRangeSplits: NoteEntry[];
  /** Stated splits that Close and AdjClose show one row away: applied on the day the prices show (stated day → that day). */
  readonly shiftedSplits: NoteEntry[];
  /** Stated splits on a symbol's first row: nothing before them to split. */
  readonly firstRowSplits: NoteEntry[];
  /** Stated splits on a row with no trade, applied on the next traded row: "SYM 2024-01-05 → 2024-01-08". */
  readonly deferredSplits: NoteEntry[];
  readonly unexplained: NoteEntry[];
  /** Split-sized AdjClose/Close steps no split ratio explains, where the traded Close jumped by them (DerivedActions.unreadSplits). */
  readonly unreadSplits: NoteEntry[];
  /** Split-sized one-session moves of Close on a symbol without an AdjClose (none in the file, or empty for it) that no stated split explains (splitSizedMoves). */
  readonly unreadCloseMoves: NoteEntry[];
  readonly large: NoteEntry[];
  readonly offRatio: NoteEntry[];
  /** Splits read with a same-day dividend above 2 % that the step also reads as one distribution (DerivedActions.splitDividends). */
  readonly splitDividends: NoteEntry[];
  /** Distributions a split below 3:2 with a small same-day dividend reads alike (DerivedActions.smallSplitReadings): "SYM 2024-01-05 (21.0%, or 5:4 and 1.2%)". */
  readonly smallSplitReadings: NoteEntry[];
  /** Reverse splits read with a same-day dividend above 2 % (DerivedActions.splitDividends with no distribution reading). */
  readonly reverseSplitDividends: NoteEntry[];
  /** Steps of AdjClose the event columns do not explain (corporateActions.ts Disagreement). */
  readonly disagreements: NoteEntry[];
  /** Stated splits whose ratio the prices contradict (corporateActions.ts Disagreement 'splitRatio'). */
  readonly splitRatioDisagreements: NoteEntry[];
  /** Splits Close and AdjClose both show that the split column does not state: applied (Disagreement 'split'). */
  readonly unstatedSplits: NoteEntry[];
}

const who = (symbols: readonly string[]): string => (symbols.length <= 5 ? symbols.join(', ') : `${symbols.length} symbols`);

/**
 * Long files' columns empty for some tickers only, one note per set of columns:
 * "Close is empty on every row of BBB: AdjClose is its price (total return, no separate dividend events)".
 */
function emptyForNotes(emptyFor: ReadonlyMap<string, readonly PriceField[]>): string[] {
  const byColumns = new Map<string, string[]>();
  for (const [symbol, fields] of emptyFor) {
    for (const group of [fields.filter((f) => f === 'close'), fields.filter((f) => f !== 'close')]) {
      if (group.length === 0) continue;
      const key = group.map((f) => COLUMN_NAME[f]).join(', ');
      byColumns.set(key, [...(byColumns.get(key) ?? []), symbol]);
    }
  }
  return [...byColumns].map(([columns, symbols]) => {
    const them = symbols.length === 1 ? 'it' : 'them';
    const what = columns === 'Close' ? `AdjClose is ${symbols.length === 1 ? 'its' : 'their'} price (total return, no separate dividend events)` : `read as absent for ${them}`;
    return `${columns} ${columns.includes(',') ? 'are' : 'is'} empty on every row of ${who(symbols)} (filled for other symbols): ${what}`;
  });
}

/** The notes of a file, and (listed) those of them that list symbols' entries, restated per run (listedNotes.ts). */
function fileNotes(parsed: ParsedPrices, summary: DerivationSummary): Omit<SeriesFromFile, 'series'> {
  const notes: string[] = [];
  const listed: ListedNote[] = [];
  /** A listing note when it has entries: `one` / `many` with {n} and {list} (listedNotes.ts). */
  const list = (entries: readonly NoteEntry[], one: string, many: string, style?: ListedNote['list']): void => {
    if (entries.length === 0) return;
    const note = listedNote(one, many, entries, style);
    listed.push(note);
    notes.push(note.note);
  };
  const has = (role: Parameters<typeof hasRole>[1]): boolean => hasRole(parsed.columns, role);
  const { withoutAdjClose, unexplained, large, adjustedSplits, offRatio } = summary;
  if (!has('close')) notes.push('AdjClose only: prices are total-return (dividends reinvested), no separate dividend events');
  notes.push(...parsed.columns.readAs, ...parsed.readNotes);
  const named = (roles: readonly Role[]): string => {
    const names = roles.filter(has).map((role) => parsed.columns.header[parsed.columns.roles.indexOf(role)]);
    return `${names.join(' and ')} column${names.length > 1 ? 's' : ''}`;
  };
  const cashColumns = named(['dividend', 'capitalGain']);
  const withGains = summary.capitalGains > 0 ? ` (${summary.capitalGains} with a capital-gain distribution, paid as cash like a dividend)` : '';
  if (closeHoldsDividends(parsed.columns)) {
    const n = summary.dividendsInClose;
    // Not paid, gains included: the capital gains are in the adjusted Close too (probe r66a F4: "paid as cash like a dividend" said beside "not paid again").
    const gains = summary.capitalGains > 0 ? ` (${summary.capitalGains} with a capital-gain distribution, likewise in Close)` : '';
    const listedCash = n === 0 ? '' : `; the ${n === 1 ? '1 dividend listed is' : `${n} dividends listed are`} not paid again${gains}`;
    notes.push(
      `Close is adjusted for dividends and splits (yfinance's Dividends and Stock Splits columns with no Adj Close: its default auto_adjust=True layout), so prices are total-return${listedCash} — export with auto_adjust=False (which adds Adj Close) to receive dividends as cash beside a Close that is split-adjusted only (yfinance's Close is split-adjusted in both modes)`,
    );
  } else if (has('close') && (summary.explicit > 0 || summary.derived > 0)) {
    const fromAdjustment = 'derived from Close vs AdjClose';
    const dividendSource = has('dividend') || has('capitalGain') ? `read from the ${cashColumns}` : summary.derived > 0 ? fromAdjustment : '';
    const splitSource = has('splitRatio') ? `read from the ${named(['splitRatio'])}` : summary.derived > 0 ? fromAdjustment : '';
    const dividends = `${counted(summary.dividends, 'dividend')}${withGains}`;
    // Stated splits not applied (already in Close, on a first row) are listed below: the count here says it is of those applied.
    const unapplied = adjustedSplits.length + summary.adjustedByAdjClose.length + summary.adjustedByLayout.length + summary.firstRowSplits.length;
    const stated = has('splitRatio') && unapplied > 0;
    const splits = counted(summary.splits + (stated ? unapplied : 0), 'split');
    const applied = stated ? `, ${summary.splits} applied (${unapplied} not: below)` : '';
    const events = dividendSource === splitSource ? `${dividends} and ${splits} ${splitSource}${applied}` : [dividendSource && `${dividends} ${dividendSource}`, splitSource && `${splits} ${splitSource}${applied}`].filter(Boolean).join(' and ');
    const checked = summary.explicit > 0 && summary.derived > 0 ? ', checked against AdjClose' : '';
    notes.push(`Close is the traded price; ${events}${checked}${dividendSource.startsWith('read') ? ' (Close is read as not dividend-adjusted)' : ''}`);
  }
  const splitColumn = named(['splitRatio']);
  const fixRatio = `(the stated ratio is applied to positions; if the prices are right, correct the ratio in the file): {list}`;
  list(summary.splitRatioDisagreements, `{n} stated split of the ${splitColumn} disagrees with the prices' split ratio ${fixRatio}`, `{n} stated splits of the ${splitColumn} disagree with the prices' split ratio ${fixRatio}`);
  const unstated = 'if there was none, correct the prices; if there was, add it to the column';
  list(summary.unstatedSplits, `{n} split the ${splitColumn} does not state is applied: Close and AdjClose both step by it (${unstated}): {list}`, `{n} splits the ${splitColumn} does not state are applied: Close and AdjClose both step by them (${unstated}): {list}`);
  const eventColumns = named(['dividend', 'capitalGain', 'splitRatio']);
  list(summary.disagreements, `{n} AdjClose step disagrees with the ${eventColumns} (the events as stated are applied; check the file's row on this date): {list}`, `{n} AdjClose steps disagree with the ${eventColumns} (the events as stated are applied; check the file's rows on these dates): {list}`);
  list(summary.firstRowSplits, `{n} split of the ${splitColumn} on a symbol's first row, not applied: there is no earlier bar, so no share was held before it: {list}`, `{n} splits of the ${splitColumn} on a symbol's first row, not applied: there is no earlier bar, so no share was held before them: {list}`);
  // Without an AdjClose only Close shows the split: a mis-dated split cannot be told from a crash beside a split already in Close.
  const shifted = has('adjClose')
    ? 'stated a row away from the day Close and AdjClose both show it, applied on that day (check the date): {list}'
    : 'stated a row away from the day Close moves by its ratio, applied on that day — with no AdjClose, Close alone cannot tell a mis-dated split from a crash next to a split Close had already taken (check the date): {list}';
  list(summary.shiftedSplits, `{n} split of the ${splitColumn} ${shifted}`, `{n} splits of the ${splitColumn} ${shifted}`);
  list(adjustedSplits, `{n} split of the ${splitColumn} is already in Close (no price move by the ratio), not applied again: {list}`, `{n} splits of the ${splitColumn} are already in Close (no price move by the ratio), not applied again: {list}`);
  const flat = 'AdjClose/Close does not step there, as it would beside a Close that is not split-adjusted (yfinance\'s Close is split-adjusted in both auto_adjust modes); any move of Close that day is a price move (check the company\'s record): {list}';
  list(summary.adjustedByAdjClose, `{n} split of the ${splitColumn} is already in Close, not applied again: ${flat}`, `{n} splits of the ${splitColumn} are already in Close, not applied again: ${flat}`);
  const layout = 'yfinance\'s auto_adjust=True Close is split-adjusted, so any move of Close that day is a price move: {list}';
  list(summary.adjustedByLayout, `{n} split of the ${splitColumn} is already in Close, not applied again: ${layout}`, `{n} splits of the ${splitColumn} are already in Close, not applied again: ${layout}`);
  const notAdjusted = 'Close moved by the ratio within its daily range, as where Yahoo did not adjust its prices for a split (yfinance\'s repair=True fixes such rows; check the company\'s record): {list}';
  list(summary.adjustedInLayoutApplied, `{n} split of the ${splitColumn} is applied although yfinance's auto_adjust=True Close is split-adjusted: ${notAdjusted}`, `{n} splits of the ${splitColumn} are applied although yfinance's auto_adjust=True Close is split-adjusted: ${notAdjusted}`);
  const raw = `so its Close is not auto_adjust=True's there, and the dividends the ${named(['dividend'])} states may not be in Close either: they are taken as in Close and not paid, so returns understate the total return if Close is the traded price (then name the columns Dividend and Split Ratio, or export with auto_adjust=False): {list}`;
  list(summary.layoutRawDividends, `{n} symbol of yfinance's auto_adjust=True layout has a stated split applied (Close moved by its ratio), ${raw}`, `{n} symbols of yfinance's auto_adjust=True layout have stated splits applied (Close moved by their ratios), ${raw}`);
  const wide = `Close moved by the ratio only within its wide daily range (more than 3% beyond it), so the move may as well be a price move of a split-adjusted Close; if it is, the split multiplies positions wrongly (check the company's record): {list}`;
  list(summary.wideRangeSplits, `{n} split of the ${splitColumn} is applied although yfinance's auto_adjust=True Close is split-adjusted: ${wide}`, `{n} splits of the ${splitColumn} are applied although yfinance's auto_adjust=True Close is split-adjusted: ${wide}`);
  list(summary.deferredSplits, `{n} split of the ${splitColumn} falls on a row with no trade (stale Close), so it is applied on the next traded row, where the price moved by the ratio: {list}`, `{n} splits of the ${splitColumn} fall on a row with no trade (stale Close), so they are applied on the next traded row, where the price moved by the ratio: {list}`);
  if (withoutAdjClose.length > 0) {
    const missing = ': Close is the traded price, and dividends are MISSING (returns understate the total return unless Close already includes them)';
    if (has('adjClose') && parsed.columns.long) list(withoutAdjClose, `AdjClose is empty for {list}${missing}`, `AdjClose is empty for {list}${missing}`, 'symbols');
    else notes.push(`${has('adjClose') ? 'AdjClose is empty' : `Close only (no AdjClose${has('splitRatio') ? ' and no dividend column' : ''})`}${missing}`);
  }
  for (const column of parsed.emptyColumns) notes.push(`${column} is empty on every row: read as absent`);
  notes.push(...emptyForNotes(parsed.emptyFor));
  list(summary.zeroVolume, 'volume is 0 on every row of {list}: read as unknown', 'volume is 0 on every row of {list}: read as unknown', 'symbols');
  const before = 'before its first traded volume: read as unknown there (no participation limit, not a session without trades)';
  list(summary.leadingZeroVolume, `volume is 0 on the first rows of {list}, ${before}`, `volume is 0 on the first rows of {list}, each ${before}`);
  const early = 'empty on the first rows only: unknown there (a next-open fill uses that session\'s close; limit and stop orders see only the open and the close)';
  list(summary.earlyEmptyRange, `opening or range prices ${early}: {list}`, `opening or range prices ${early}: {list}`);
  // With a Close, only a raw Open is traded (an adjusted one is checked against AdjClose only).
  if (!has('open') && !(has('adjOpen') && !has('close'))) notes.push('no opening prices: next-open fills use that session\'s close');
  if (!has('close') && has('adjOpen') ? !(has('adjHigh') && has('adjLow')) : has('open') && !(has('high') && has('low'))) notes.push('no high/low: limit and stop orders see only the open and the close');
  if (!has('volume') && !has('adjVolume')) notes.push('no volume: participation limits cannot apply');
  if (parsed.descending.length > 0) notes.push(`rows run newest first${parsed.columns.long ? ` for ${who(parsed.descending)}` : ''}: read in date order`);
  if (parsed.pricelessRows.size > 0) {
    const rows = [...parsed.pricelessRows.values()].reduce((a, b) => a + b, 0);
    notes.push(`${counted(rows, 'row')} with a ticker and a date but no price (as yfinance's stacked download writes them where a ticker has no trade) skipped: ${who([...parsed.pricelessRows.keys()])}`);
  }
  if (parsed.blankRows > 0) notes.push(`${parsed.blankRows} blank rows (every field empty) skipped`);
  const distributions = `(special dividends, spin-offs or rights issues as ${has('dividend') || has('capitalGain') ? `the ${cashColumns} state${cashColumns.endsWith('columns') ? '' : 's'} them` : 'AdjClose reflects them'}): {list}`;
  list(large, `{n} distribution above 10% of the price ${distributions}`, `{n} distributions above 10% of the price ${distributions}`);
  const beyond = 'applied on an ex-date where the price also moved more than ×1.5 beyond the ratio (check them against the company\'s record): {list}';
  list(offRatio, `{n} split ${beyond}`, `{n} splits ${beyond}`);
  const sameDay = `with a same-day dividend above 2% of the price, which AdjClose's step also reads as one distribution (Close moves alike for both; the symbol's earlier dividends do not rule the dividend out): check the company's record: {list}`;
  list(summary.splitDividends, `{n} split read ${sameDay}`, `{n} splits read ${sameDay}`);
  const smallSplit = `read as one distribution where a split below 3:2 with a small same-day dividend is equally possible (AdjClose's step and Close's move read alike for both, so the shares held may be wrong; a split column settles it): check the company's record: {list}`;
  list(summary.smallSplitReadings, `{n} AdjClose step ${smallSplit}`, `{n} AdjClose steps ${smallSplit}`);
  const reverseSameDay = `with a same-day dividend above 2% of the price: AdjClose/Close rose by less than the ratio, and what it left is read as the dividend (check the company's record): {list}`;
  list(summary.reverseSplitDividends, `{n} reverse split read ${reverseSameDay}`, `{n} reverse splits read ${reverseSameDay}`);
  // A price that jumps by a split's size with nothing read to explain it: what was read there, and what would explain it.
  // Worded by what the symbol has: an AdjClose that steps with Close, or Close alone (no AdjClose
  // column, or one empty for it: probe r73b F3, where the AdjClose wording named a step there is none of).
  const jumps = 'so the traded Close — and any position\'s value — jumps there by that factor';
  const unread = 'AdjClose/Close step the size of a split, which Close moved by too, matches no split ratio (with any same-day dividend) and was ignored';
  const unreadMany = 'AdjClose/Close steps the size of a split, which Close moved by too, match no split ratio (with any same-day dividend) and were ignored';
  list(summary.unreadSplits, `{n} ${unread}, ${jumps} (check the company's record; if there was a split, add it to a split column): {list}`, `{n} ${unreadMany}, ${jumps} (check the company's record; if there was a split, add it to a split column): {list}`);
  const noActions = has('adjClose')
    ? ['its AdjClose is empty and the file has no split column', 'their AdjClose is empty and the file has no split column', 'a split needs a split column or a filled AdjClose']
    : ['the file states no corporate actions (no AdjClose or split column)', 'the file states no corporate actions (no AdjClose or split column)', 'a split needs a split column or an AdjClose'];
  const [moved, movedMany, fix] = has('splitRatio')
    ? ['one-session move of Close the size of a split, on a day the split column states none, is read as a price move', 'one-session moves of Close the size of a split, on days the split column states none, are read as price moves', 'if there was a split, add it to the split column']
    : [`one-session move of Close the size of a split is read as a price move: ${noActions[0]}`, `one-session moves of Close the size of a split are read as price moves: ${noActions[1]}`, noActions[2]];
  list(summary.unreadCloseMoves, `{n} ${moved}, ${jumps} (check the company's record; ${fix}): {list}`, `{n} ${movedMany}, ${jumps} (check the company's record; ${fix}): {list}`);
  list(unexplained, '{n} AdjClose/Close step with no split to explain it was ignored: {list}', '{n} AdjClose/Close steps with no split to explain them were ignored: {list}');
  return { notes, listed };
}
