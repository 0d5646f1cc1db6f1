/**
 * iwm-vs-smlf — broad small caps (IWM) against quality-screened small caps (SMLF).
 *
 * Modes:
 *  - `hold-broad` / `hold-quality`: 100% in `broad` (`@smallCap`) or `quality`
 *    (`@qualitySmallCap`), rebalanced on the schedule; run both for a side-by-side comparison.
 *  - `switch`: relative strength — hold whichever had the higher total return over the last
 *    `lookback` sessions (default 6 months of the run's sessions; the one with data when the other has none yet,
 *    cash while neither has one; a caveat names each fund without a return and every decision it
 *    missed, those in cash included), decided monthly.
 *  - `spread`: long quality, short broad at the hedge ratio β (OLS beta of quality's daily
 *    returns on broad's over `betaWindow` sessions, default 12 months): short notional = β × long notional, with
 *    long + short = `gross`. Flat while β is unknown or not positive.
 * Data: prices of the two funds (ETF prices).
 */

import { z } from 'zod';
import type { MarketView } from '../../engine/decisions/view.ts';
import { defineStrategy } from '../api.ts';
import { months } from '../blocks/durations.ts';
import { grossParam, onlyWith, sessionsParam } from '../blocks/params.ts';
import { scheduleNamed, scheduleParam } from '../blocks/schedules.ts';
import { trailingBeta, trailingReturn } from '../blocks/series.ts';

const paramsSchema = z
  .object({
    mode: z.enum(['hold-broad', 'hold-quality', 'switch', 'spread']).default('switch').describe('what to hold (see the strategy notes)'),
    broad: z.string().min(1).default('@smallCap').describe('broad small-cap fund: a symbol or @role (IWM)'),
    quality: z.string().min(1).default('@qualitySmallCap').describe('quality small-cap fund: a symbol or @role (SMLF)'),
    lookback: onlyWith(sessionsParam(months(6), 'switch: trailing-return window in sessions (a fund without one is left out, said in a caveat)', 1), 'mode', ['switch']),
    betaWindow: onlyWith(sessionsParam(months(12), 'spread: sessions of returns in the hedge-ratio regression'), 'mode', ['spread']),
    gross: onlyWith(grossParam(1), 'mode', ['spread']),
    schedule: scheduleParam('month-start'),
  })
  .strict();
type IwmVsSmlfParams = z.output<typeof paramsSchema>;

export const iwmVsSmlf = defineStrategy({
  name: 'iwm-vs-smlf',
  description: 'Broad vs quality small-cap funds: hold either, switch on relative strength, or a beta-neutral spread.',
  dataNeeds: 'ETF prices',
  params: paramsSchema,
  create(p) {
    return { schedule: scheduleNamed(p.schedule), shorts: p.mode === 'spread', decide: (view) => ({ weights: fundWeights(view, p) }) };
  },
});

function fundWeights(view: MarketView, p: IwmVsSmlfParams): Record<string, number> {
  switch (p.mode) {
    case 'hold-broad':
      return { [p.broad]: 1 };
    case 'hold-quality':
      return { [p.quality]: 1 };
    case 'switch': {
      const [b, q] = [view.resolve(p.broad), view.resolve(p.quality)];
      const broad = trailingReturn(view, b, p.lookback);
      const quality = trailingReturn(view, q, p.lookback);
      // Said at every decision a fund has no return, those where neither has one (cash) included.
      for (const [i, r] of [[b, broad], [q, quality]]) {
        if (Number.isNaN(r)) view.caveat(`${view.symbols[i]}: left out of the switch until it has a return over the ${p.lookback}-session lookback`, [i], NaN, { least: 'medium' });
      }
      if (Number.isNaN(broad) && Number.isNaN(quality)) return {}; // warm-up: cash
      return { [Number.isNaN(broad) || quality > broad ? p.quality : p.broad]: 1 };
    }
    case 'spread': {
      const [q, b] = [view.resolve(p.quality), view.resolve(p.broad)];
      const beta = trailingBeta(view, q, b, p.betaWindow);
      if (!(beta > 0)) {
        // Flat, and the run says why: a hedge ratio it cannot estimate (under half the window of returns observed on each fund's own bars, blocks/series.ts) or one that would not hedge.
        const why = Number.isNaN(beta) ? `unknown (under half the ${p.betaWindow}-session window of returns observed on each fund's own bars)` : 'not positive';
        view.caveat(`spread flat: the hedge ratio β of ${view.symbols[q]} on ${view.symbols[b]} is ${why}`, [q, b], NaN, { least: 'medium' });
        return {};
      }
      const long = p.gross / (1 + beta);
      return { [p.quality]: long, [p.broad]: -beta * long };
    }
  }
}
