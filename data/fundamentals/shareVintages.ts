// SimFin's annual and quarterly files are different vintages of the same share counts. The
// quarterly file restates `Shares (Basic)` for every split up to its download; the annual file
// only up to its own (NVDA FY2021: 2,504,000,000 annual beside 25,040,000,000 for Q4 FY2021,
// which includes the 2024 10:1 split; AVGO FY2021 402,000,000 beside 4,020,000,000). The prices
// beside them are adjusted for every split up to their snapshot (data README, "Shares are as
// reported …"), so shares × price is a market cap only in the newest share units: an annual count
// in older units made NVDA a 13 B$ "small cap" in 2018 (true size about 140 B$) and a reverse
// split's annual count (87 fiscal years in the shared data read 10× the quarterly count) made a
// micro cap ten times larger. The latest fiscal year reported in both files that tells the two
// vintages' ratio decides it: where it is a real split's, the annual counts are put in the
// quarterly file's units; a typo in one file (×1000) tells nothing and is passed over.
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

/**
 * The share ratios of real splits, forward (n new shares for 1) or reverse (1 for n). A ratio
 * between the two files outside these — 1000 (a count typed in thousands), 47, 2.3 (an IPO year's
 * partial average) — is a typo or a weighted average, never a split to restate by. Not the price
 * layer's nearestSplitRatio (data/prices/corporateActions.ts): that takes n:1 of any size, right
 * for a price step a split explains, wrong here, where 1000:1 is a typo far more often than a split.
 */
const SPLITS = [1.5, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 16, 20, 24, 25, 30, 35, 40, 50, 60, 75, 80, 100];
/** How near (relative) a ratio must be to a split's to be one: a year's weighted average drifts a few per cent from its fourth quarter's (ORLY FY2020 14.66 for 15). */
const SPLIT_TOLERANCE = 0.03;
/** Within this factor of 1 the two counts agree: no split between the vintages (a weighted average against a quarter's). */
const SAME_UNITS = 1.3;

/**
 * What a fiscal year's two counts say of the vintages: 'same' units (ratio within SAME_UNITS of
 * 1), the split ratio `quarterly / annual` is (a SPLITS ratio within SPLIT_TOLERANCE, in its
 * direction: 10 for a forward 10:1, 0.1 for a 1:10 reverse split), or null — a typo or a drift
 * that tells nothing.
 */
export function vintageRatio(quarterly: number, annual: number): number | 'same' | null {
  if (!(quarterly > 0 && annual > 0)) return null;
  const r = quarterly / annual;
  const x = r >= 1 ? r : 1 / r;
  if (x < SAME_UNITS) return 'same';
  const split = SPLITS.find((s) => Math.abs(x / s - 1) <= SPLIT_TOLERANCE);
  if (split === undefined) return null;
  return r >= 1 ? split : 1 / split;
}

/**
 * Put every annual (FY) `sharesOutstanding` of `filings` in the quarterly file's units, in place.
 * The annual file is one vintage, so one ratio serves all of a symbol's FY counts: that of the
 * latest fiscal year both files report (FY and Q4) whose counts tell it — 'same' units or a
 * split (vintageRatio) —, a year whose ratio tells nothing (one file's typo: PAHC FY2020 40,454
 * beside 40,454,000) passed over for the one before. Returns the symbols restated.
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
    const told = annual
      .filter((f) => fourth.has(f.fiscalYear))
      .sort((a, b) => b.fiscalYear - a.fiscalYear)
      .map((f) => vintageRatio(fourth.get(f.fiscalYear)!, f.values.sharesOutstanding!))
      .find((ratio) => ratio !== null);
    if (told === undefined || told === 'same') continue;
    for (const f of annual) f.values.sharesOutstanding = f.values.sharesOutstanding! * told;
    restated.add(symbol);
  }
  return restated;
}
