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
// Where no year tells, two years still can (probe r56b): a ratio the two latest years both files
// report measure alike (within a split's tolerance) is a change of units whatever made it — a
// spin-off the quarterly file restates like a split (ARMK 1.385, WDC 1.327: Vestis, Sandisk), a
// reverse split of a ratio not listed (DEA 1:2.5), a run of them (FCEL 1:12 and 1:30, 1:26.5 with
// the year's issuance) — and restates the annual counts (a year copied into the next measures
// nothing twice: RKLB's and SGTX's repeated rows are left as they are);
// two years that measure different ratios (XXII ×9.6e-8 and ×8.6e-8: the quarterly counts are
// rounded to whole shares, 12 and 15, after reverse splits of 1:10⁷) leave the annual file's units
// unknown, and its counts are dropped (NaN): shares × price from them was 5.2e16 USD for XXII on
// 2019-06-03. A product of splits is never taken for the ratio: within 3 % one of two or three
// splits matches 89 % of all ratios from 10 to 100 and every one from 100 to 10,000 — PAHC's
// typo ×1000 is 10 × 100, DT's 46.8 is 2 × 24 — and the two years of XXII, APVO, WKHS or WATT
// match different products or none.
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
 * layer's nearestSplitRatio (data/prices/series/corporateActions.ts): that takes n:1 of any size, right
 * for a price step a split explains, wrong here, where 1000:1 is a typo far more often than a split.
 */
const SPLITS = [1.5, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 16, 20, 24, 25, 30, 35, 40, 50, 60, 75, 80, 100];
/**
 * How near (relative) a ratio must be to a split's to be one: a year's weighted average drifts a
 * few per cent from its fourth quarter's (ORLY FY2020 14.66 for 15). Two years' ratios that agree
 * this closely measure one change of units.
 */
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

/** One fiscal year both files report: its year and its two counts' ratio `quarterly (Q4) / annual (FY)`. */
export interface VintageYear {
  readonly fiscalYear: number;
  readonly quarterly: number;
  readonly annual: number;
  readonly ratio: number;
}

/**
 * True when two years are two measurements of the vintages' ratio: each file's counts differ
 * between them (a count repeated in the next year is a copied row — RKLB's FY2020 and FY2021 are
 * 469,768,797 annual and 209,895,135 quarterly both times — and tells no more than one year), and
 * both ratios are finite and positive.
 */
function measuresApart(latest: VintageYear, before: VintageYear): boolean {
  if (latest.quarterly === before.quarterly || latest.annual === before.annual) return false;
  return [latest.ratio, before.ratio].every((r) => r > 0 && Number.isFinite(r));
}

/**
 * What reconcileShareVintages did, by symbol: `split` — annual counts × a real split's ratio;
 * `measured` — × the ratio the two latest years both files report agree on (no split's), with
 * those two years; `unknown` — annual counts dropped, the two latest years measuring ratios more
 * than SPLIT_TOLERANCE apart (those two years, newest first).
 */
export interface VintageReconciliation {
  readonly split: ReadonlyMap<number, number>;
  readonly measured: ReadonlyMap<number, readonly [VintageYear, VintageYear]>;
  readonly unknown: ReadonlyMap<number, readonly [VintageYear, VintageYear]>;
}

/**
 * Put every annual (FY) `sharesOutstanding` of `filings` in the quarterly file's units, in place.
 * The annual file is one vintage, so one ratio serves all of a symbol's FY counts: that of the
 * latest fiscal year both files report (FY and Q4) whose counts tell it — 'same' units or a
 * split (vintageRatio) —, a year whose ratio tells nothing (one file's typo: PAHC FY2020 40,454
 * beside 40,454,000) passed over for the one before. Where no year tells, the two latest years
 * decide when they are two measurements (measuresApart): ratios within SPLIT_TOLERANCE of each
 * other restate by the latest's; ratios further apart leave the units unknown, and the FY counts
 * are deleted. One year alone that tells nothing (an IPO year, DT's typo), or a copy of it, leaves
 * the counts as they are.
 */
export function reconcileShareVintages(filings: Iterable<ShareFiling>): VintageReconciliation {
  const bySymbol = new Map<number, ShareFiling[]>();
  for (const f of filings) {
    if (f.values.sharesOutstanding === undefined) continue;
    const list = bySymbol.get(f.symbol) ?? [];
    list.push(f);
    bySymbol.set(f.symbol, list);
  }
  const split = new Map<number, number>();
  const measured = new Map<number, readonly [VintageYear, VintageYear]>();
  const unknown = new Map<number, readonly [VintageYear, VintageYear]>();
  for (const [symbol, list] of bySymbol) {
    const fourth = new Map(list.filter((f) => f.fiscalPeriod === 'Q4').map((f) => [f.fiscalYear, f.values.sharesOutstanding!]));
    const annual = list.filter((f) => f.fiscalPeriod === 'FY');
    const years: VintageYear[] = annual
      .filter((f) => fourth.has(f.fiscalYear))
      .sort((a, b) => b.fiscalYear - a.fiscalYear)
      .map((f) => {
        const [quarterly, annual] = [fourth.get(f.fiscalYear)!, f.values.sharesOutstanding!];
        return { fiscalYear: f.fiscalYear, quarterly, annual, ratio: quarterly / annual };
      });
    const told = years.map((y) => vintageRatio(y.quarterly, y.annual)).find((ratio) => ratio !== null);
    if (told === 'same') continue;
    if (told !== undefined) {
      for (const f of annual) f.values.sharesOutstanding = f.values.sharesOutstanding! * told;
      split.set(symbol, told);
      continue;
    }
    const [latest, before] = years;
    if (before === undefined || !measuresApart(latest, before)) continue;
    if (Math.abs(latest.ratio / before.ratio - 1) <= SPLIT_TOLERANCE) {
      for (const f of annual) f.values.sharesOutstanding = f.values.sharesOutstanding! * latest.ratio;
      measured.set(symbol, [latest, before]);
    } else {
      for (const f of annual) delete f.values.sharesOutstanding;
      unknown.set(symbol, [latest, before]);
    }
  }
  return { split, measured, unknown };
}
