// Per-symbol contribution to the NAV change: price P&L + income (dividends, borrow rebate) −
// costs charged to the symbol (commission, slippage, borrow fee, short dividends). Cash interest
// belongs to no symbol, so Σ total = NAV change − net cash interest.
import type { Result } from '../../engine/result.ts';

export interface SymbolContribution {
  symbol: string;
  pricePnl: number;
  income: number;
  cost: number;
  /** pricePnl + income − cost. */
  total: number;
}

/** Every symbol with any P&L, income or cost, largest total first. */
export function symbolContributions(result: Result): SymbolContribution[] {
  const out: SymbolContribution[] = [];
  for (let i = 0; i < result.symbols.length; i++) {
    const pricePnl = result.pnlBySymbol[i];
    const income = result.incomeBySymbol[i];
    const cost = result.costBySymbol[i];
    if (pricePnl === 0 && income === 0 && cost === 0) continue;
    out.push({ symbol: result.symbols[i], pricePnl, income, cost, total: pricePnl + income - cost });
  }
  // Ties by name, so the order does not depend on the symbols' index order.
  return out.sort((a, b) => b.total - a.total || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
}

/** The `count` largest positive totals and the `count` most negative ones (worst first). */
export function topContributors(
  contributions: readonly SymbolContribution[],
  count = 10,
): { contributors: SymbolContribution[]; detractors: SymbolContribution[] } {
  return {
    contributors: contributions.filter((c) => c.total > 0).slice(0, count),
    detractors: contributions
      .filter((c) => c.total < 0)
      .reverse()
      .slice(0, count),
  };
}
