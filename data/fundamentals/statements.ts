// Filed statements → point-in-time fundamental rows. Shared by the SimFin loader and the sample
// generator so both produce fundamentals by one rule.
//
// Rules (documented in the README's data section):
// - A filing is public from availableAt = its publish date; when a publish date precedes the
//   period end, or follows it by fewer than MIN_PUBLISH_LAG_DAYS (no 10-Q or 10-K is out that
//   fast: SimFin's LFVN quarters "published" the day after their end, DHI's FY2022 too), it is
//   taken to be public on the SEC's latest filing deadline instead (publishGuardDays): 45 days
//   after a Q1–Q3 quarter's end (Form 10-Q), 90 after a fiscal year's (Form 10-K, which also
//   reports Q4) — the deadlines of a non-accelerated filer, the latest any company has, so a
//   guarded filing is never read before the company could have had to file it.
// - Filings are not published in period order (a late quarter can come out after the next one).
//   So each row is a snapshot: what the public filings say at the end of one publish day, built
//   from those filings alone — a filing published later never reaches an earlier row.
// - Stock fields (assets, debt, equity, cash, shares) are those of the newest public period.
// - Flow fields are the newest trailing twelve months whose filings are all public: the sum of
//   four consecutive public quarters, or a public annual (FY) filing, whichever ends later. A
//   quarter not yet public inside the newest window leaves the previous complete TTM in force
//   (it is what an analyst on that day could compute), so flows may end a period or more before
//   the stock figures. On the day, a quarter never filed cannot be told from one filed late, so
//   a gap in the quarterly filings is bridged the same way (by the last complete TTM or an FY
//   filing). NaN when no complete TTM is public, or when a filing of that TTM lacks the field.
// - The debt fields follow one missing-value rule (debtFields): a blank side (short- or long-term
//   debt) is 0 when the other side is reported, both blank stay unknown (NaN); totalDebt is their
//   sum. The rows carry the rule's values, so every ratio reads a blank the same way.

import { FUNDAMENTAL_FIELDS, type FundamentalField, type FundamentalRow } from '../fundamentals.ts';

/**
 * Days after its period end at which a filing whose publish date is implausible
 * (publishDateImplausible) is taken to be public: the SEC's deadline for a non-accelerated filer
 * (17 CFR 240.13a-13 and Form 10-Q General Instruction A: 45 days after a quarter; Form 10-K
 * General Instruction A: 90 days after the fiscal year, whose filing also reports Q4). Larger
 * filers' deadlines (40 and 60–75 days) are earlier, so these are the latest any filing is due.
 */
export const PUBLISH_GUARD_DAYS = { quarter: 45, year: 90 } as const;

/** Days after `fiscalPeriod`'s end at which its filing is due at the latest: 90 for Q4 and FY (the 10-K), 45 for Q1–Q3 (the 10-Q). */
export const publishGuardDays = (fiscalPeriod: FiscalPeriod): number => (fiscalPeriod === 'Q4' || fiscalPeriod === 'FY' ? PUBLISH_GUARD_DAYS.year : PUBLISH_GUARD_DAYS.quarter);
/**
 * Fewest days from period end to a plausible publish date. SimFin's lags below it (0–9 days: 47
 * quarterly income rows, 82 annual balance rows) are no filing's; from 10 days on (60 rows at
 * 10–14 days, mostly banks) companies do report that fast.
 */
export const MIN_PUBLISH_LAG_DAYS = 10;

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

/** True when a filing's publish date cannot be when it came out: before its period end, or fewer than MIN_PUBLISH_LAG_DAYS after it. */
export function publishDateImplausible(s: Pick<Statement, 'periodEnd' | 'published'>): boolean {
  return !(s.published - s.periodEnd >= MIN_PUBLISH_LAG_DAYS);
}

/** The epoch day a filing is public from: its publish date, or its filing deadline (publishGuardDays after its period end) where that date is implausible. */
export function availableAt(s: Pick<Statement, 'periodEnd' | 'published' | 'fiscalPeriod'>): number {
  return publishDateImplausible(s) ? s.periodEnd + publishGuardDays(s.fiscalPeriod) : s.published;
}

/**
 * Point-in-time rows of `statements` (any symbols, any order): per symbol, one row per distinct
 * availableAt day, with periodEnd = the newest public period end and the figures public at the
 * end of that day (rules in the header). Money in the statements' units; NaN where unknown.
 */
export function statementsToRows(statements: readonly Statement[]): FundamentalRow[] {
  const bySymbol = new Map<number, Statement[]>();
  for (const s of statements) {
    const list = bySymbol.get(s.symbol) ?? [];
    list.push(s);
    bySymbol.set(s.symbol, list);
  }
  const rows: FundamentalRow[] = [];
  for (const list of bySymbol.values()) {
    const byDay = list.sort((a, b) => availableAt(a) - availableAt(b) || a.periodEnd - b.periodEnd || quarterLast(a) - quarterLast(b));
    const known: Statement[] = []; // public so far, by period end, then publish order
    for (let k = 0; k < byDay.length; k++) {
      const day = availableAt(byDay[k]);
      insertByPeriodEnd(known, byDay[k]);
      if (k + 1 < byDay.length && availableAt(byDay[k + 1]) === day) continue;
      rows.push(snapshot(known, day));
    }
  }
  return rows;
}

/** The row public on `day`, given every statement public by then (`known`, sorted by period end). */
function snapshot(known: readonly Statement[], day: number): FundamentalRow {
  const newest = known[known.length - 1];
  const ttm = newestTrailingYear(known);
  const values: Partial<Record<FundamentalField, number>> = {};
  for (const field of FUNDAMENTAL_FIELDS) values[field] = FLOW_FIELDS.has(field) ? sumOf(ttm, field) : (newest.values[field] ?? NaN);
  Object.assign(values, debtFields(newest.values.shortTermDebt ?? NaN, newest.values.longTermDebt ?? NaN));
  return { symbol: newest.symbol, periodEnd: newest.periodEnd, availableAt: day, values };
}

/**
 * Of an FY and a Q4 filing of one period out on one day, the quarter counts as later: its stock
 * figures hold (SimFin's shares are a period's weighted average, and the quarter's is the nearer
 * to the period end); either is a complete twelve months of flows.
 */
const quarterLast = (s: Statement): number => (s.fiscalPeriod === 'FY' ? 0 : 1);

/** Inserts `s` after every statement with a period end ≤ its own (so the last published of a period is last). */
function insertByPeriodEnd(known: Statement[], s: Statement): void {
  let at = known.length;
  while (at > 0 && known[at - 1].periodEnd > s.periodEnd) at--;
  known.splice(at, 0, s);
}

/**
 * The filings of the newest complete twelve months among `known` (sorted by period end): an FY
 * filing, or four quarters spaced QUARTER_GAP_MIN..QUARTER_GAP_MAX days apart; [] if none.
 */
function newestTrailingYear(known: readonly Statement[]): Statement[] {
  const quarters = known.filter((s) => s.fiscalPeriod !== 'FY');
  for (let at = known.length - 1; at >= 0; at--) {
    const s = known[at];
    if (s.fiscalPeriod === 'FY') return [s];
    const window = trailingQuarters(quarters, quarters.indexOf(s));
    if (window.length > 0) return window;
  }
  return [];
}

/** quarters[at] and the three before it, when they are consecutive; [] otherwise. */
function trailingQuarters(quarters: readonly Statement[], at: number): Statement[] {
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

/** A balance sheet's debt figures (currency) under the rules' one missing-value rule. */
export interface DebtFields {
  readonly shortTermDebt: number;
  readonly longTermDebt: number;
  readonly totalDebt: number;
}

/**
 * The debt figures of a filing reporting `shortTerm` and `longTerm` debt (NaN: blank): a blank side
 * is 0 when the other side is reported (SimFin leaves the line of a debt a company does not have
 * blank), so short-term debt / total debt and debt / equity read the same filing alike; both blank
 * leave all three unknown (NaN): nothing says whether the company has debt.
 */
export function debtFields(shortTerm: number, longTerm: number): DebtFields {
  if (Number.isNaN(shortTerm) && Number.isNaN(longTerm)) return { shortTermDebt: NaN, longTermDebt: NaN, totalDebt: NaN };
  const [st, lt] = [Number.isNaN(shortTerm) ? 0 : shortTerm, Number.isNaN(longTerm) ? 0 : longTerm];
  return { shortTermDebt: st, longTermDebt: lt, totalDebt: st + lt };
}
