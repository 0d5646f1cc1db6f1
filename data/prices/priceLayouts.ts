// The price-file layouts the loaders accept, and what each column means. Column names match
// case-, space- and punctuation-insensitively ("Adj Close" = "AdjClose").

import type { ColumnLayout } from '../formats/csvTable.ts';

export type PriceField = 'open' | 'high' | 'low' | 'close' | 'adjClose' | 'volume';
export type Role = 'ticker' | 'date' | PriceField;

export interface PriceLayout extends ColumnLayout {
  readonly roles: readonly Role[];
}

function layout(name: string, columns: readonly string[], roles: readonly Role[]): PriceLayout {
  return { name, columns, roles };
}

export const PER_SYMBOL_LAYOUTS: readonly PriceLayout[] = [
  layout('adjusted close', ['Date', 'AdjClose'], ['date', 'adjClose']),
  layout('OHLCV', ['Date', 'Open', 'High', 'Low', 'Close', 'AdjClose', 'Volume'], ['date', 'open', 'high', 'low', 'close', 'adjClose', 'volume']),
];

export const LONG_LAYOUTS: readonly PriceLayout[] = [
  layout('long adjusted close', ['Ticker', 'Date', 'AdjClose'], ['ticker', 'date', 'adjClose']),
  layout('long close/adjclose/volume', ['Ticker', 'Date', 'Close', 'AdjClose', 'Volume'], ['ticker', 'date', 'close', 'adjClose', 'volume']),
  layout('long OHLCV', ['Ticker', 'Date', 'Open', 'High', 'Low', 'Close', 'AdjClose', 'Volume'], ['ticker', 'date', 'open', 'high', 'low', 'close', 'adjClose', 'volume']),
];
