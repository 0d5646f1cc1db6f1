// Recording what a strategy decided at each session of a real engine run, as symbol-index →
// weight maps (undefined = "keep everything"), so tests compare decisions, not holdings.

import type { Market } from '../../data/market.ts';
import { backtest } from '../../engine/backtest.ts';
import type { EngineConfigInput } from '../../engine/config.ts';
import type { Result } from '../../engine/result.ts';
import type { Decision, Strategy } from '../../engine/strategy.ts';
import type { MarketView } from '../../engine/decisions/view.ts';
import { accountFor } from './runs.ts';

export type WeightMap = Map<number, number>;

export interface RecordedRun {
  readonly result: Result;
  /** Decision per market session; undefined where the strategy kept everything as is. */
  readonly decisions: Map<number, WeightMap | undefined>;
}

export function runAndRecord(market: Market, strategy: Strategy, config: EngineConfigInput = { shares: 'fractional' }): RecordedRun {
  const decisions = new Map<number, WeightMap | undefined>();
  const recording: Strategy = {
    ...strategy,
    decide(view, book) {
      const decision = strategy.decide(view, book);
      decisions.set(view.session, weightMap(decision, view));
      return decision;
    },
  };
  return { result: backtest(market, recording, { ...accountFor(strategy), ...config }), decisions };
}

/** Target weights by symbol index; array targets list their non-zero entries. */
export function weightMap(decision: Decision, view: MarketView): WeightMap | undefined {
  if (!decision) return undefined;
  if (Array.isArray(decision) || !('weights' in decision)) throw new Error('these tests expect weight targets');
  const { weights } = decision;
  const out: WeightMap = new Map();
  if (weights instanceof Float64Array) weights.forEach((w, i) => w !== 0 && out.set(i, w));
  else for (const [symbol, w] of Object.entries(weights)) out.set(view.resolve(symbol), w);
  return out;
}
