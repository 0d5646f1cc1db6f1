// Stooq's and MetaStock's bar period: a <TIME> of zeros and a <PER> of D, W, M, Q or Y are a
// daily (or longer) bar's; any other value is an intraday bar, which breadth does not read.

import { DataError } from '../../errors.ts';

/** A <TIME> of a daily bar (zeros, with or without colons) and the <PER> values of daily and longer bars. */
const MIDNIGHT_TIME = /^[0:]*$/;
const DAILY_PERIOD = /^[DWMQY]?$/i;

/** Throws at `line` when a <TIME> (isTime) or <PER> field, named `column` in the file, says the bar is intraday. */
export function refuseIntradayBar(file: string, line: number, isTime: boolean, column: string, text: string): void {
  const daily = isTime ? MIDNIGHT_TIME : DAILY_PERIOD;
  if (daily.test(text)) return;
  throw new DataError(file, line, `intraday bars are not read: ${column} is ${text}`, 'breadth reads daily bars: download the daily series (Stooq: interval D, <TIME> 000000)');
}
