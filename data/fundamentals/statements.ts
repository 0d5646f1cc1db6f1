// Filed statements → point-in-time fundamental rows. Shared by the SimFin loader and the sample
// generator so both produce fundamentals by one rule.
//
// Rules (documented in the README's data section):
// - availableAt = publish date; when a publish date precedes the period end (a known SimFin
//   defect) the row is taken to be known PUBLISH_GUARD_DAYS after the period end instead.
// - Flow fields become trailing-twelve-month sums over four consecutive quarters (NaN if any
//   of the four is missing); annual (FY) filings are already twelve months.
// - totalDebt = shortTermDebt + longTermDebt, a blank side counting as 0 when the other is
//   reported; NaN when both are blank.

import { FUNDAMENTAL_FIELDS, type FundamentalField, type FundamentalRow } from '../fundamentals.ts';

export const PUBLISH_GUARD_DAYS = 45;

export const FLOW_FIELDS: ReadonlySet<FundamentalField> = new Set([
  'revenue',
  'grossProfit',
  'operatingIncome',
  'netIncome',
  'interestExpense',
  'operatingCashFlow',
  'capex',
]);

export type FiscalPeriod = 'Q1' | 'Q2' | 'Q3' | 'Q4' | 'FY';

/** One filing as reported: flow fields cover the fiscal period itself (a quarter or a year). */
export interface Statement {
  readonly symbol: number;
  readonly fiscalYear: number;
  readonly fiscalPeriod: FiscalPeriod;
  readonly periodEnd: number;
  readonly published: number;
  readonly values: Readonly<Partial<Record<FundamentalField, number>>>;
}

const QUARTER_GAP_MIN = 80;
const QUARTER_GAP_MAX = 100;

export function availableAt(s: Pick<Statement, 'periodEnd' | 'published'>): number {
  return s.published >= s.periodEnd ? s.published : s.periodEnd + PUBLISH_GUARD_DAYS;
}

export function statementsToRows(statements: readonly Statement[]): FundamentalRow[] {
  const bySymbol = new Map<number, Statement[]>();
  for (const s of statements) {
    const list = bySymbol.get(s.symbol) ?? [];
    list.push(s);
    bySymbol.set(s.symbol, list);
  }
  const rows: FundamentalRow[] = [];
  for (const list of bySymbol.values()) {
    const quarters = list.filter((s) => s.fiscalPeriod !== 'FY').sort((a, b) => a.periodEnd - b.periodEnd);
    for (const s of list) {
      const values: Partial<Record<FundamentalField, number>> = {};
      const window = s.fiscalPeriod === 'FY' ? [s] : trailingQuarters(quarters, s);
      for (const field of FUNDAMENTAL_FIELDS) {
        if (field === 'totalDebt') continue;
        values[field] = FLOW_FIELDS.has(field) ? sumOf(window, field) : (s.values[field] ?? NaN);
      }
      values.totalDebt = totalDebt(s.values.shortTermDebt ?? NaN, s.values.longTermDebt ?? NaN);
      rows.push({ symbol: s.symbol, periodEnd: s.periodEnd, availableAt: availableAt(s), values });
    }
  }
  return rows;
}

/** The quarter `s` and the three before it, when they are consecutive; [] otherwise. */
function trailingQuarters(quarters: readonly Statement[], s: Statement): Statement[] {
  const at = quarters.indexOf(s);
  if (at < 3) return [];
  const window = quarters.slice(at - 3, at + 1);
  for (let k = 1; k < 4; k++) {
    const gap = window[k].periodEnd - window[k - 1].periodEnd;
    if (gap < QUARTER_GAP_MIN || gap > QUARTER_GAP_MAX) return [];
  }
  return window;
}

function sumOf(window: readonly Statement[], field: FundamentalField): number {
  if (window.length === 0) return NaN;
  let sum = 0;
  for (const s of window) sum += s.values[field] ?? NaN;
  return sum;
}

function totalDebt(shortTerm: number, longTerm: number): number {
  if (Number.isNaN(shortTerm) && Number.isNaN(longTerm)) return NaN;
  return (Number.isNaN(shortTerm) ? 0 : shortTerm) + (Number.isNaN(longTerm) ? 0 : longTerm);
}
