// Trades the planner's skip rules dropped (a trade below minTradeNotional, or whose commission is
// above maxCommissionRate of its notional): the book then holds less — or, for a skipped sale,
// more — than its targets until a later plan trades them, and the run says so, sized, naming the
// rule, its setting and the symbols. The never-invested caveat (warnings.ts) says the same of a
// run whose every trade was dropped, with the same words.

import type { Market } from '../../data/market.ts';
import { isoDay } from '../../data/dates.ts';
import { type Caveat, caveat, listSymbols, pct, settingText, severityBySize } from './caveats.ts';
import type { EngineConfig } from '../config.ts';
import { SKIP_RULE_NAMES, SkipRule, type SkippedTrades } from '../result.ts';

/** A skipped share of NAV above this (on one session) is a medium caveat, above HIGH a high one: the exposure gap's thresholds. */
const MEDIUM = 0.05;
const HIGH = 0.2;

/** What a skip rule dropped, for a sentence: "below minTradeNotional 600", "whose commission was above maxCommissionRate 0.01". */
export function skipRuleText(rule: SkipRule, config: Pick<EngineConfig, 'minTradeNotional' | 'maxCommissionRate'>): string {
  return rule === SkipRule.minTradeNotional ? `below minTradeNotional ${settingText(config.minTradeNotional)}` : `whose commission was above maxCommissionRate ${config.maxCommissionRate}`;
}

/** What helps against a skip rule: more cash lifts a trade over a notional floor, never under a commission rate (500 bps is 5 % at any size). */
export function skipRuleAdvice(rule: SkipRule): string {
  return rule === SkipRule.minTradeNotional ? 'lower minTradeNotional or raise the cash' : 'raise maxCommissionRate (engine settings in a study or config file) or lower the commission';
}

/** The trades of `skipped` dropped by each rule, in SkipRule order (0 where none). */
export function skippedByRule(skipped: SkippedTrades): number[] {
  const counts = SKIP_RULE_NAMES.map(() => 0);
  for (const rule of skipped.rule) counts[rule]++;
  return counts;
}

/**
 * One caveat per skip rule that dropped a trade: "2 trades whose commission was above
 * maxCommissionRate 0.01 were skipped (DDD, BBB; largest 6.0% of NAV on 2024-01-02): the book
 * misses its targets by them until a plan trades them; raise maxCommissionRate …". Size: the
 * largest share of NAV the rule dropped on one session (Σ SkippedTrades.share there); low, medium
 * above 5 %, high above 20 %. `market` names the symbols and dates (market sessions).
 */
export function skippedTradeCaveats(skipped: SkippedTrades, market: Pick<Market, 'symbols' | 'dates'>, config: Pick<EngineConfig, 'minTradeNotional' | 'maxCommissionRate'>): Caveat[] {
  const out: Caveat[] = [];
  skippedByRule(skipped).forEach((count, rule) => {
    if (count === 0) return;
    const names = new Set<string>();
    const bySession = new Map<number, number>();
    for (let k = 0; k < skipped.rule.length; k++) {
      if (skipped.rule[k] !== rule) continue;
      names.add(market.symbols[skipped.symbol[k]]);
      bySession.set(skipped.session[k], (bySession.get(skipped.session[k]) ?? 0) + skipped.share[k]);
    }
    let [largest, on] = [0, -1];
    for (const [session, share] of bySession) if (share > largest) [largest, on] = [share, session];
    const trades = `${count.toLocaleString('en-US')} trade${count === 1 ? '' : 's'} ${skipRuleText(rule as SkipRule, config)} ${count === 1 ? 'was' : 'were'} skipped`;
    const them = count === 1 ? 'it' : 'them';
    const message = `${trades} (${listSymbols([...names])}; largest ${pct(largest)} of NAV on ${isoDay(market.dates[on])}): the book misses its targets by ${them} until a plan trades ${them}; ${skipRuleAdvice(rule as SkipRule)}`;
    out.push(caveat('skipped-trades', severityBySize(largest, HIGH, MEDIUM), message, { value: largest, unit: 'nav-share' }, [...names]));
  });
  return out;
}
