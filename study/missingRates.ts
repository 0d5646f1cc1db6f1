// A rate series a study names that its data lacks (riskFree: tbill3m, cash: { rate: tbill3m } on
// data without it): rather than stop the study, its runs go on at 0 — cash earns no interest,
// metrics use rf = 0 — and each run says so in a caveat stored with it (the terminal, the store
// and its tear sheet), naming any file of the data's rates/ not read (data/folder/rateFiles.ts).

import { noRateSeries } from '../data/folder/rateFiles.ts';
import type { Market } from '../data/market.ts';
import { backtest, type BacktestOptions } from '../engine/backtest.ts';
import { type Caveat, caveat, rankCaveats } from '../engine/caveats/caveats.ts';
import type { EngineConfig } from '../engine/config.ts';
import type { Result } from '../engine/result.ts';
import type { Strategy } from '../engine/strategy.ts';

/** True when `name` is not a rate series of `market`. */
const lacks = (market: Market, name: string): boolean => !Object.hasOwn(market.rates, name);

/**
 * The high caveat of a cash rate series the market lacks (it changes the NAV: cash earned
 * nothing), or none when `engine` names no series or the market has it.
 */
function missingCashRateCaveats(engine: EngineConfig, market: Market): Caveat[] {
  const rate = engine.cash?.rate;
  if (typeof rate !== 'string' || !lacks(market, rate)) return [];
  return [caveat('missing-rate', 'high', `cash rate "${rate}" was asked for and not applied: ${noRateSeries(market, rate)}; cash earned no interest`)];
}

/**
 * The medium caveat of a risk-free series the market lacks (runMetrics measured against rf = 0),
 * or none when `riskFree` is a number or a series the market has.
 */
export function missingRiskFreeCaveats(riskFree: number | string, market: Market): Caveat[] {
  if (typeof riskFree !== 'string' || !lacks(market, riskFree)) return [];
  return [caveat('missing-rate', 'medium', `risk-free "${riskFree}" was asked for and not applied: ${noRateSeries(market, riskFree)}; metrics use rf = 0`)];
}

/**
 * backtest() of a study's run: a cash rate series `engine` names and the market lacks is run as
 * no rate (engine/models/cash, which would refuse it), and its caveat (missingCashRateCaveats)
 * is ranked among the result's. Study runs, sweep trials and walk-forwards all run so.
 */
export function backtestStudyRun(market: Market, strategy: Strategy, engine: EngineConfig, options: BacktestOptions = {}): Result {
  const missing = missingCashRateCaveats(engine, market);
  if (missing.length === 0) return backtest(market, strategy, engine, options);
  const result = backtest(market, strategy, { ...engine, cash: { ...engine.cash!, rate: null } }, options);
  return { ...result, caveats: rankCaveats([...result.caveats, ...missing]) };
}
