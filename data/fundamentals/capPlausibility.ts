// A market cap that cannot be true. Shares × price is a market cap only when the share count is
// in the prices' split units and both are right; SimFin's counts are as reported at the time and
// the prices adjusted for every split since (data README §4a), so a reverse split the count
// predates, a count typed in thousands (OPRT, FUBO, RENT: a quarter of 2023 ×1000) or a filing's
// money in thousands makes a cap off by up to 10⁷ (CETX 1.4 T$ on 2023-03-01, ranked above GOOG;
// probe r56b). A cap is judged against its own filing: the larger of its total assets and its
// trailing revenue (a company without the one has the other; a filing in thousands of one alone
// is judged by the other).
//
// The threshold is measured (the caps of every present stock at the month-start decisions
// 2016-01 → 2026-07 on ../shared/data, after the share-vintage reconciliation: 230,617 caps): cap /
// max(total assets, revenue) has median 0.99, 99th percentile 33 and 99.5th 209, with no gap in
// its tail. Sound filings of real companies stay below 100 (NVDA 49 in 2024, PLTR, APP, ARM), and
// a balance sheet from before an IPO's or a hype's raise below 350 (CODX 233 in 2020, ABCL 344 on
// 2021-02-01). A count typed in thousands multiplies the ratio by 1,000: the quarters of 2023
// typed so land from 566 (INSW) up (PLUG 616, WPC 625, NEOG 700, MIR 769, MARA 3e3, OPRT 8e4) —
// caught above 500 wherever the company is worth half its filing's scale or more. Above 500 are
// 847 caps of 89 tickers: nearly all shares in other units than the prices (CETX up to 1e5×,
// JAGX, ADIL, PTN, BNGO, TCRT, MBIO and those quarters), the rest filings whose money is in
// thousands beside a count in units (DAVA, HNI, VHC: such a cap cannot be squared with its filing
// either way) and two shells with next to no assets (HGEN 889 and 1,090 in 2020, ENSC about 600
// in 2021). Left out: an absolute ceiling ("more than any company is worth") would be in the
// data's currency (a cap in won is 1,300 times one in dollars); and a floor, since a filing in a
// weaker currency than the price makes a true cap tiny beside it (HMC, filing in yen, 0.002 of
// its assets) — so caps too small (a count in thousands: MCD 2e5 in 2018) are not caught, nor a
// count typed in thousands of a company worth less than half its scale (AMC 142–229× in 2023).

/** A market cap above this multiple of its filing's scale (filingScale) cannot be true. Unitless. */
export const IMPLAUSIBLE_CAP_MULTIPLE = 500;

/**
 * What a market cap is judged against: the larger of the filing's total assets and its trailing
 * revenue, each counted only when positive; NaN when neither is (nothing to judge by). Unit: the
 * filing's currency.
 */
export function filingScale(totalAssets: number, revenue: number): number {
  const scale = Math.max(totalAssets > 0 ? totalAssets : 0, revenue > 0 ? revenue : 0);
  return scale > 0 ? scale : NaN;
}

/** True when `cap` (currency) exceeds IMPLAUSIBLE_CAP_MULTIPLE × filingScale(totalAssets, revenue); false where the scale is unknown. */
export function implausibleCap(cap: number, totalAssets: number, revenue: number): boolean {
  return cap > IMPLAUSIBLE_CAP_MULTIPLE * filingScale(totalAssets, revenue);
}

/** A cap, a multiple or a filing scale for a message: in scientific notation from a trillion (5.2e16), else whole and grouped (67,330,614). */
export function largeNumberText(x: number): string {
  return x >= 1e12 ? x.toExponential(1).replace('e+', 'e') : Math.round(x).toLocaleString('en-US');
}
