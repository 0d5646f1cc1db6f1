/**
 * sma-crossover — trend following on one symbol: invested while the fast moving average of
 * adjusted closes is above the slow one, in cash otherwise.
 *
 * Parameters: `symbol` (default `@smallCap`), `fast` and `slow` windows in sessions (defaults 50
 * and 200 trading days of the run's sessions: 50/200 daily, 10/41 weekly, 2/10 monthly),
 * `exposure` (0.95: the target weight when invested; the rest is a cash buffer for costs).
 * Data: prices of the one symbol.
 * It checks every session but trades only when the signal flips. On a symbol whose own bars are
 * coarser than the run's sessions (blocks/ownWindows.ts) the windows are counted in its bars; where
 * fast is then not shorter than slow the rule cannot apply: it stays in (or goes to) cash, and the run says why.
 */

import { z } from 'zod';
import { everySession } from '../../engine/calendar/schedule.ts';
import type { MarketView } from '../../engine/decisions/view.ts';
import { defineStrategy } from '../api.ts';
import { tradingDays } from '../blocks/durations.ts';
import { sessionsParam, unresolved } from '../blocks/params.ts';
import { ownWindowsOrdered } from '../blocks/ownWindows.ts';
import { movingAverage } from '../blocks/series.ts';

export const smaCrossover = defineStrategy({
  name: 'sma-crossover',
  description: 'Hold one symbol while its fast moving average is above the slow one; cash otherwise.',
  dataNeeds: 'ETF prices',
  params: z
    .object({
      symbol: z.string().min(1).default('@smallCap').describe('symbol or @role to trade'),
      fast: sessionsParam(tradingDays(50), 'fast moving-average window in sessions', 1),
      slow: sessionsParam(tradingDays(200), 'slow moving-average window in sessions'),
      exposure: z.number().gt(0).max(1).default(0.95).describe('target weight while the trend is up'),
    })
    .strict()
    .refine((p) => unresolved(p.fast, p.slow) || p.fast < p.slow, { message: 'must be shorter than slow', path: ['fast'] }),
  create({ symbol, fast, slow, exposure }) {
    const fastScratch = new Float64Array(fast);
    const slowScratch = new Float64Array(slow);
    let invested: boolean | undefined;
    /** Fast average above the slow one; undefined until both have their full windows. */
    const fastAbove = (view: MarketView, i: number): boolean | undefined => {
      const fastAverage = movingAverage(view, i, fast, fastScratch);
      const slowAverage = movingAverage(view, i, slow, slowScratch);
      return Number.isNaN(fastAverage) || Number.isNaN(slowAverage) ? undefined : fastAverage > slowAverage;
    };
    return {
      schedule: everySession,
      init() {
        invested = undefined;
      },
      decide(view) {
        const i = view.resolve(symbol);
        // Without a price now (a month-end symbol between its bars, a halt) a target could not trade and would be
        // dropped while the state below moved on: decide when the symbol is present.
        if (!view.present(i)) return undefined;
        // Where the rule cannot apply (fast not shorter than slow in the symbol's own bars) it is out: in cash.
        const up = ownWindowsOrdered(view, i, 'sma-crossover', { name: 'fast', sessions: fast, least: 1 }, { name: 'slow', sessions: slow, least: 1 }, 'held in cash') && fastAbove(view, i);
        if (up === undefined || up === invested) return undefined;
        invested = up;
        return { weights: { [symbol]: up ? exposure : 0 } };
      },
    };
  },
});
