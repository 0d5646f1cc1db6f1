/**
 * low-volatility — an example strategy to copy.
 *
 * Idea: the calmest stocks have historically delivered about the market's return with less
 * risk. Each month, measure every stock's volatility of daily returns over the last `window`
 * sessions, keep the calmest `1 / buckets` of the universe, and weight them ∝ 1/volatility.
 *
 * Use it:   copy this file anywhere in a project that depends on breadth (it imports only from
 *           'breadth', zod's `z` included) and give its path wherever a strategy name is accepted:
 *             npx breadth run --strategy ./lowVolatility.ts --param window=126
 *           or from code: await createStrategy('./lowVolatility.ts', { window: 126 })
 *
 * How a strategy file works:
 *  - Export one definition (default export, or `export const strategy`), built with
 *    `defineStrategy`: a kebab-case `name`, a one-line `description`, `dataNeeds`, a zod
 *    `params` schema where every parameter has a default and a `.describe()`, and `create`.
 *  - `create(params)` runs once per run with validated parameters and returns `schedule`
 *    (when to decide) and `decide(view, book)`. Allocate buffers here, not in `decide`.
 *  - `decide` sees the market only through `view`, clipped to the decision close: nothing it
 *    can read lies in the future. It returns target weights as `{ weights }` (a Float64Array
 *    over all symbols, or a { symbol: weight } map; names left out are sold), or undefined to
 *    keep everything.
 *  - Missing data is NaN. Skip it; never treat it as 0.
 *  - Shared building blocks (rank, zscore, winsorize, quantileBuckets, weights, neutralize,
 *    trailing returns and betas, size and liquidity filters) come from 'breadth' too.
 *  - Randomness, if you need it, comes from `init(ctx)`: `ctx.random()` is seeded per run.
 */

import { AssetClass, defineStrategy, filterMembers, inverseVol, quantileBuckets, scheduleNamed, scheduleParam, stdev, trailingReturns, z } from 'breadth';

export default defineStrategy({
  name: 'low-volatility',
  description: 'Long the calmest stocks (lowest trailing volatility), weighted by inverse volatility, monthly.',
  dataNeeds: 'stock prices',
  params: z
    .object({
      window: z.number().int().min(20).max(1_000).default(63).describe('sessions of daily returns in the volatility estimate'),
      buckets: z.number().int().min(2).max(20).default(5).describe('volatility buckets; the calmest one is held (5 = quintiles)'),
      schedule: scheduleParam('month-start'),
    })
    .strict(),
  create({ window, buckets, schedule }) {
    const returns = new Float64Array(window);
    const closes = new Float64Array(window + 1);
    return {
      schedule: scheduleNamed(schedule),
      decide(view) {
        const stocks = view.universe(AssetClass.stock);
        const volatility = new Float64Array(view.symbolCount).fill(NaN);
        // A stock needs most of the window to have a volatility worth trusting.
        for (const i of stocks) volatility[i] = stdev(trailingReturns(view, i, window, returns, closes), window * 0.8);
        const bucket = quantileBuckets(volatility, buckets);
        const calmest = filterMembers(stocks, (i) => bucket[i] === 0);
        return { weights: inverseVol(calmest, volatility) };
      },
    };
  },
});
