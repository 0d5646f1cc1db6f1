// Corporate actions on a row with no price: yfinance writes a dividend or split that falls on a
// day with no trade (a weekend ex-date after its time-zone shift) as a row whose prices are NaN.
// The action is kept, on the ticker's next session with a bar (a holder at that open is the first
// one the price can show it to), and said; with no later bar it would be lost, which is refused.

import { isoDay } from '../../dates.ts';
import { DataError } from '../../errors.ts';
import type { PriceField } from '../files/priceColumns.ts';

/** The event fields a row may hold (cash per share, or new shares per old). */
export type EventField = Extract<PriceField, 'dividend' | 'capitalGain' | 'splitRatio'>;

/** One row with events but no price, as read: its ticker, day and line. */
export interface EventRow {
  readonly ticker: string;
  readonly day: number;
  readonly line: number;
  readonly events: readonly (readonly [EventField, number])[];
}

/** Rows grouped by ticker as ../priceRows.ts hands them on (dates ascending within a ticker). */
export interface GroupedRows {
  readonly file: string;
  readonly tickers: readonly string[];
  readonly rowStart: Int32Array;
  readonly day: Int32Array;
  readonly fields: Readonly<Partial<Record<PriceField, Float64Array>>>;
}

/** Event values that mean "none" in a file: 0 (or blank) cash, a split ratio of 0 or 1. */
export const isEvent = (field: EventField, value: number): boolean => value > 0 && !(field === 'splitRatio' && value === 1);

/**
 * Adds each row's events, in place, to its ticker's first later row with a price: cash per share
 * adds up, split ratios multiply. Returns one note naming the moves ("DNB 2024-01-06 → 2024-01-08"),
 * or none. Throws a DataError at the row's line when its ticker has no later bar.
 */
export function moveEventsToNextBar(rows: GroupedRows, eventRows: readonly EventRow[]): string[] {
  const moves: string[] = [];
  for (const row of eventRows) {
    // The row's ticker is among the parsed ones: a kept ticker got its day from the row.
    const k = rows.tickers.indexOf(row.ticker);
    const to = rows.rowStart[k + 1];
    let r = rows.rowStart[k];
    while (r < to && rows.day[r] <= row.day) r++;
    const [field, value] = row.events[0];
    if (r >= to) {
      throw new DataError(rows.file, row.line, `a ${field === 'splitRatio' ? 'split' : 'dividend'} of ${value} on ${isoDay(row.day)} sits on a row with no price, and ${row.ticker} has no later bar to pay it on: it would be lost`, "add the bar of the ex-date (or of the next session) with its prices, or move the event onto that row");
    }
    for (const [name, v] of row.events) {
      const column = rows.fields[name]!;
      column[r] = name === 'splitRatio' ? (isEvent(name, column[r]) ? column[r] : 1) * v : column[r] + v;
    }
    moves.push(`${row.ticker} ${isoDay(row.day)} → ${isoDay(rows.day[r])}`);
  }
  if (moves.length === 0) return [];
  const listed = `${moves.slice(0, 5).join(', ')}${moves.length > 5 ? ', …' : ''}`;
  return [`${moves.length} dividend or split row${moves.length === 1 ? '' : 's'} with no price (yfinance writes an action on a day with no trade as a row of empty prices) moved to the next session with a bar: ${listed}`];
}
