// Parsed price rows → one series per symbol, deciding what each file's prices mean:
//   - only AdjClose: it is the close, read as total return (priceKind totalReturn, no dividends);
//   - Close and AdjClose: Close is the traded price (priceKind raw); dividends and splits are
//     derived from the two (corporateActions.ts);
//   - Close with an empty AdjClose column (e.g. the kittycapital ETF files): Close is
//     split-adjusted but not dividend-adjusted, so the series is raw and its dividends are
//     missing, which a source note says.

import { deriveCorporateActions, type DatedValue } from './corporateActions.ts';
import { isoDay } from '../dates.ts';
import { DataError } from '../errors.ts';
import { AssetClass, PriceKind } from '../market.ts';
import type { ParsedPrices } from './priceRows.ts';

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
   * Epoch day the source's snapshot ends. A series that stops before the calendar's last
   * session is a delisting only when it also stops before this day. +Infinity: the source
   * runs to the calendar's end.
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
}

/** Every ticker of a parsed file as a SymbolSeries, with notes for the file's SourceInfo. */
export function seriesFromParsed(parsed: ParsedPrices, optionsFor: (symbol: string) => SeriesOptions): SeriesFromFile {
  const { fields } = parsed;
  const series: SymbolSeries[] = [];
  const withoutAdjClose: string[] = [];
  const unexplained: string[] = [];
  const large: string[] = [];
  let dividendCount = 0;
  let splitCount = 0;
  parsed.tickers.forEach((symbol, k) => {
    const from = parsed.rowStart[k];
    const to = parsed.rowStart[k + 1];
    const rows = to - from;
    const slice = (column: Float64Array | undefined): Float64Array | null => (column ? column.subarray(from, to) : null);
    const adjClose = slice(fields.adjClose)!;
    const blanks = parsed.blankAdjCloseRows[k];
    const tradedClose = slice(fields.close);
    if (blanks > 0 && (tradedClose === null || blanks < rows)) {
      const why = tradedClose === null ? 'it is the only price column' : `it is filled on other rows of ${symbol}`;
      throw new DataError(parsed.file, parsed.firstBlankAdjCloseLine[k], `AdjClose is empty but ${why}`, 'fill it in, or leave AdjClose empty on every row of the symbol when only Close is known');
    }
    const dates = parsed.day.subarray(from, to);
    const base = { symbol, source: parsed.file, dates, open: slice(fields.open), high: slice(fields.high), low: slice(fields.low), volume: slice(fields.volume), ...optionsFor(symbol) };
    if (tradedClose === null) {
      series.push({ ...base, close: adjClose, priceKind: PriceKind.totalReturn, dividends: [], splits: [] });
      return;
    }
    if (blanks === rows) {
      withoutAdjClose.push(symbol);
      series.push({ ...base, close: tradedClose, priceKind: PriceKind.raw, dividends: [], splits: [] });
      return;
    }
    const actions = deriveCorporateActions(dates, tradedClose, adjClose);
    dividendCount += actions.dividends.length;
    splitCount += actions.splits.length;
    for (const step of actions.unexplained) unexplained.push(`${symbol} ${isoDay(step.day)} (×${step.value.toFixed(4)})`);
    for (const big of actions.large) large.push(`${symbol} ${isoDay(big.day)} (${(big.value * 100).toFixed(1)}%)`);
    series.push({ ...base, close: tradedClose, priceKind: PriceKind.raw, dividends: actions.dividends, splits: actions.splits });
  });
  return { series, notes: fileNotes(parsed, { derived: series.length - withoutAdjClose.length, withoutAdjClose, dividends: dividendCount, splits: splitCount, unexplained, large }) };
}

interface DerivationSummary {
  readonly derived: number;
  readonly withoutAdjClose: readonly string[];
  readonly dividends: number;
  readonly splits: number;
  readonly unexplained: readonly string[];
  readonly large: readonly string[];
}

const listed = (items: readonly string[]): string => `${items.slice(0, 5).join(', ')}${items.length > 5 ? ', …' : ''}`;

function fileNotes(parsed: ParsedPrices, summary: DerivationSummary): string[] {
  const notes: string[] = [];
  const hasClose = parsed.fields.close !== undefined;
  const { withoutAdjClose, unexplained, large } = summary;
  if (!hasClose) notes.push('AdjClose only: prices are total-return (dividends reinvested), no separate dividend events; open/high/low unknown');
  if (hasClose && summary.derived > 0) notes.push(`Close is the traded price; ${summary.dividends} dividends and ${summary.splits} splits derived from Close vs AdjClose`);
  if (withoutAdjClose.length > 0) {
    const who = withoutAdjClose.length <= 5 ? withoutAdjClose.join(', ') : `${withoutAdjClose.length} symbols`;
    notes.push(`AdjClose is empty for ${who}: Close is split-adjusted but not dividend-adjusted, and dividends are MISSING (returns understate the total return)`);
  }
  if (parsed.fields.volume === undefined) notes.push('no volume: participation limits cannot apply');
  if (large.length > 0) notes.push(`${large.length} distributions above 10% of the price (special dividends, spin-offs or rights issues as AdjClose reflects them): ${listed(large)}`);
  if (unexplained.length > 0) notes.push(`${unexplained.length} AdjClose/Close steps with no split to explain them were ignored: ${listed(unexplained)}`);
  return notes;
}
