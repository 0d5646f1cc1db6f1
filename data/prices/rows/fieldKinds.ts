// What each header column is to the row scanner (priceRows.ts): one small integer kind per role,
// so the per-row dispatch stays monomorphic, and each price field's usual name.

import type { PriceField, Role } from '../files/priceColumns.ts';

// Field kinds.
export const TICKER = 0;
export const DATE = 1;
export const PRICE = 2;
export const ADJ_CLOSE = 3;
export const VOLUME = 4;
export const IGNORED = 5;
export const EVENT = 6; // dividends, capital gains and split ratios: blank or 0 = none
export const BAR_PERIOD = 7; // Stooq's <TIME> and <PER>: a daily bar's, or refused (barPeriod.ts)

const KIND_OF_ROLE: Readonly<Record<Role, number>> = {
  ticker: TICKER,
  date: DATE,
  open: PRICE,
  high: PRICE,
  low: PRICE,
  close: PRICE,
  adjClose: ADJ_CLOSE,
  volume: VOLUME,
  dividend: EVENT,
  capitalGain: EVENT,
  splitRatio: EVENT,
  adjOpen: PRICE,
  adjHigh: PRICE,
  adjLow: PRICE,
  adjVolume: VOLUME,
  time: BAR_PERIOD,
  period: BAR_PERIOD,
};

/** Each field's name where no header names it (notes about a file; a row's messages use the header's own names). */
export const COLUMN_NAME: Readonly<Record<PriceField, string>> = {
  open: 'Open',
  high: 'High',
  low: 'Low',
  close: 'Close',
  adjClose: 'AdjClose',
  volume: 'Volume',
  dividend: 'Dividends',
  capitalGain: 'Capital Gains',
  splitRatio: 'Stock Splits',
  adjOpen: 'AdjOpen',
  adjHigh: 'AdjHigh',
  adjLow: 'AdjLow',
  adjVolume: 'AdjVolume',
};

type Roles = readonly (Role | null)[];

/** Each header column's kind (IGNORED where it has no role). */
export const fieldKinds = (roles: Roles): number[] => roles.map((role) => (role === null ? IGNORED : KIND_OF_ROLE[role]));

/** The fields of the columns read into a typed column (prices, volumes, events), in header order. */
export const valueFields = (roles: Roles): PriceField[] =>
  roles.filter((role): role is PriceField => role !== null && KIND_OF_ROLE[role] > DATE && KIND_OF_ROLE[role] !== BAR_PERIOD);
