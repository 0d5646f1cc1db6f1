// Where the NAV change came from, from the simulation's own ledger: price P&L of the long and the
// short book, income lines and cost lines, summed over the run's daily columns. The engine books
// ΔNAV = long P&L + short P&L + income − costs exactly, so the lines reconcile to the NAV change;
// `residual` reports any difference rather than hiding it.
import { COST_LINES, type DailyColumn, INCOME_LINES, type Result, snakeCase } from '../../engine/result.ts';

export interface DecompositionLine {
  /** snake_case: long_book, short_book, dividends, interest_received, …, commission, … */
  line: string;
  kind: 'pnl' | 'income' | 'cost';
  /** Currency, signed as it moved the NAV (costs negative). */
  amount: number;
  /** amount / starting NAV: the line's contribution to the simple total return. */
  share: number;
}

export interface ReturnDecomposition {
  /** The initial cash: NAV before the first session's trades and costs. */
  startNav: number;
  endNav: number;
  navChange: number;
  lines: DecompositionLine[];
  /** navChange − Σ amounts (zero up to rounding). */
  residual: number;
}

function total(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

export function returnDecomposition(result: Result): ReturnDecomposition {
  const d = result.daily;
  const startNav = result.manifest.config.initialCash;
  const endNav = d.nav.length > 0 ? d.nav[d.nav.length - 1] : startNav;
  const line = (name: string, kind: DecompositionLine['kind'], column: DailyColumn, sign: 1 | -1): DecompositionLine => {
    const amount = sign === 1 ? total(d[column]) : 0 - total(d[column]); // 0 − x: never −0
    return { line: name, kind, amount, share: amount / startNav };
  };
  const lines = [
    line('long_book', 'pnl', 'longPnl', 1),
    line('short_book', 'pnl', 'shortPnl', 1),
    ...INCOME_LINES.map((c) => line(snakeCase(c), 'income', c, 1)),
    ...COST_LINES.map((c) => line(snakeCase(c), 'cost', c, -1)),
  ];
  const navChange = endNav - startNav;
  return { startNav, endNav, navChange, lines, residual: navChange - lines.reduce((s, l) => s + l.amount, 0) };
}
