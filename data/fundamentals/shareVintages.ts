// SimFin's annual and quarterly files are different vintages of the same share counts. The
// quarterly file restates `Shares (Basic)` for every split up to its download; the annual file
// only up to its own (NVDA FY2021: 2,504,000,000 annual beside 25,040,000,000 for Q4 FY2021,
// which includes the 2024 10:1 split; AVGO FY2021 402,000,000 beside 4,020,000,000). The prices
// beside them are adjusted for every split up to their snapshot (data README, "Shares are as
// reported …"), so shares × price is a market cap only in the newest share units: an annual count
// in older units made NVDA a 13 B$ "small cap" in 2018 (true size about 140 B$) and a reverse
// split's annual count (87 fiscal years in the shared data read 10× the quarterly count) made a
// micro cap ten times larger. A fiscal year reported in both files tells the two vintages' ratio:
// where it is a split's ratio, the annual counts are put in the quarterly file's units.
//
// This reads a later filing's units to restate an earlier one, as the quarterly file itself
// already does: a units conversion that the split-adjusted prices require, not information about
// the company (the loader's source notes say so).

import type { FundamentalField } from '../fundamentals.ts';
import type { FiscalPeriod } from './statements.ts';

/** What the reconciliation reads and rewrites of a merged filing. */
export interface ShareFiling {
  readonly symbol: number;
  readonly fiscalYear: number;
  readonly fiscalPeriod: FiscalPeriod;
  readonly values: Partial<Record<FundamentalField, number>>;
}

/** Ratios closer to 1 are the gap between a year's weighted average and its fourth quarter's (up to ±30 % in the shared data), never a split. */
const MIN_SPLIT_RATIO = 1.45;
/** How near (relative) a ratio must be to a split's n or n/2 (3:2, 5:2) to be one. */
const SPLIT_TOLERANCE = 0.02;

/**
 * The split ratio `quarterly / annual` is, or null where it is none: x = the ratio or its inverse,
 * at least MIN_SPLIT_RATIO and within SPLIT_TOLERANCE of a whole number or a half (2, 3, 10, 35;
 * 1.5, 2.5); returned exact, in the ratio's direction (10 for a forward 10:1, 0.1 for a 1:10
 * reverse split). ABNB's 2020 IPO year (2.3: a weighted average over part of the year) is none.
 */
export function splitRatio(quarterly: number, annual: number): number | null {
  if (!(quarterly > 0 && annual > 0)) return null;
  const r = quarterly / annual;
  const x = r >= 1 ? r : 1 / r;
  if (x < MIN_SPLIT_RATIO) return null;
  const nearest = Math.round(x * 2) / 2;
  if (Math.abs(x / nearest - 1) > SPLIT_TOLERANCE) return null;
  return r >= 1 ? nearest : 1 / nearest;
}

/**
 * Put every annual (FY) `sharesOutstanding` of `filings` in the quarterly file's units, in place:
 * per symbol, each FY count takes the split ratio (splitRatio) of the nearest fiscal year at or
 * after it reported in both files (FY and Q4), else of the nearest before it; a year whose two
 * counts differ by no split's ratio leaves the FY counts it governs as they are. Returns the
 * symbols restated.
 */
export function reconcileShareVintages(filings: Iterable<ShareFiling>): Set<number> {
  const bySymbol = new Map<number, ShareFiling[]>();
  for (const f of filings) {
    if (f.values.sharesOutstanding === undefined) continue;
    const list = bySymbol.get(f.symbol) ?? [];
    list.push(f);
    bySymbol.set(f.symbol, list);
  }
  const restated = new Set<number>();
  for (const [symbol, list] of bySymbol) {
    const fourth = new Map(list.filter((f) => f.fiscalPeriod === 'Q4').map((f) => [f.fiscalYear, f.values.sharesOutstanding!]));
    const annual = list.filter((f) => f.fiscalPeriod === 'FY');
    // The fiscal years in both files, ascending, each with its ratio (null: no split between the vintages).
    const matched = annual
      .filter((f) => fourth.has(f.fiscalYear))
      .map((f) => ({ year: f.fiscalYear, ratio: splitRatio(fourth.get(f.fiscalYear)!, f.values.sharesOutstanding!) }))
      .sort((a, b) => a.year - b.year);
    if (matched.length === 0) continue;
    for (const f of annual) {
      const governing = matched.find((m) => m.year >= f.fiscalYear) ?? matched[matched.length - 1];
      if (governing.ratio === null) continue;
      f.values.sharesOutstanding = f.values.sharesOutstanding! * governing.ratio;
      restated.add(symbol);
    }
  }
  return restated;
}
