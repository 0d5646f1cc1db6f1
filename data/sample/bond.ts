// The sample's long Treasury fund, SYN_BOND (the sample's TLT): a constant-duration bond index on
// a long yield that is the sample's T-bill plus a term spread. The spread is an Ornstein-Uhlenbeck
// walk (mean 1.5 %, a half-life of about three months, 4 bp a day), so the fund falls when yields
// rise and earns its yield as carry: daily total return
//   r_t = y_{t−1} · days / 365 − DURATION · (y_t − y_{t−1}),
// levels from 100, volume ample (an index fund). Deterministic for a seed, like the rest.

import { Random } from '../random.ts';

export const SAMPLE_BOND = 'SYN_BOND';

/** Modified duration of the index, years (TLT's is about 17). */
const DURATION = 17;
const SPREAD_MEAN = 0.015;
const SPREAD_REVERSION = 0.008;
const SPREAD_VOLATILITY = 0.0004;
const START_LEVEL = 100;

/** Total-return levels of SYN_BOND on `dates` (epoch days), from the T-bill yield (decimal). */
export function simulateBondLevels(dates: Int32Array, tbill: Float64Array, seed: number): Float64Array {
  const rng = new Random(seed, 'bond');
  const levels = new Float64Array(dates.length);
  let spread = SPREAD_MEAN;
  let yieldBefore = tbill[0] + spread;
  levels[0] = START_LEVEL;
  for (let t = 1; t < dates.length; t++) {
    spread += SPREAD_REVERSION * (SPREAD_MEAN - spread) + SPREAD_VOLATILITY * rng.normal();
    const y = Math.max(0, tbill[t] + spread);
    const r = (yieldBefore * (dates[t] - dates[t - 1])) / 365 - DURATION * (y - yieldBefore);
    levels[t] = levels[t - 1] * (1 + r);
    yieldBefore = y;
  }
  return levels;
}
