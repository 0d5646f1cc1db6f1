/**
 * quality-long-short — quality dispersion inside small caps.
 *
 * Idea: among small, liquid stocks, long the most profitable, cash-generative, lightly and
 * cleanly financed companies; short the cohort that is BOTH highly levered AND weak in free
 * cash flow (the names that need refinancing and cannot fund themselves). The book is dollar-
 * or beta-neutral, so what is left is the quality spread, not the small-cap market.
 *
 * Universe at each decision: stocks trading at the close, minus the `excludeLargest` largest by
 * point-in-time market cap, with average dollar volume over `liquidityWindow` sessions (default 3
 * months of the run's sessions) of
 * at least `minDollarVolume`. Scores: see qualityScore.ts (winsorized at `winsorize` per tail,
 * z-scored across the universe or, with `sectorNeutral`, within sectors).
 * Long: top of `qualityBuckets` quality buckets. Short: top leverage ∩ bottom FCF of
 * `cohortBuckets` buckets (never a name that is also long). Equal weight within each side,
 * then scaled to `gross` dollar-neutral, or beta-neutral against `benchmark` with trailing OLS
 * betas over `betaWindow` sessions (default 12 months). Fewer than `minNamesPerSide` on a side → flat.
 * Data: stocks with fundamentals (SimFin fields), and the benchmark's prices for beta-neutral.
 */

import { z } from 'zod';
import { AssetClass } from '../../data/market.ts';
import type { MarketView } from '../../engine/decisions/view.ts';
import { defineStrategy } from '../api.ts';
import { sectorsOf } from '../blocks/groups.ts';
import { betaNeutral, dollarNeutral } from '../blocks/neutralize.ts';
import { months } from '../blocks/durations.ts';
import { grossParam, onlyWith, sessionsParam } from '../blocks/params.ts';
import { quantileBuckets } from '../blocks/quantileBuckets.ts';
import { scheduleNamed, scheduleParam } from '../blocks/schedules.ts';
import { trailingBetas } from '../blocks/series.ts';
import { capRankBand, filterMembers, liquidMembers, requireFundamentals, tradedOnLastBar, withoutRevertingMoves } from '../blocks/universe.ts';
import { membersWithCaps, noteUnscored } from '../blocks/missingFundamentals.ts';
import { noteStaleHoldings } from '../blocks/staleHoldings.ts';
import { qualityRatios, qualityScores, ratiosByName } from './qualityScore.ts';

const paramsSchema = z
  .object({
    excludeLargest: z.number().int().min(0).default(200).describe('drop this many of the largest stocks by market cap (what is left is the small-cap universe)'),
    minDollarVolume: z.number().min(0).default(1_000_000).describe('liquidity floor: average daily dollar volume'),
    liquidityWindow: sessionsParam(months(3), 'sessions over which dollar volume is averaged', 1),
    winsorize: z.number().min(0).lt(0.5).default(0.025).describe('share of each tail clamped before z-scoring a ratio'),
    sectorNeutral: z.boolean().default(false).describe('z-score each ratio within its sector instead of across the universe'),
    qualityBuckets: z.number().int().min(2).max(100).default(5).describe('quality buckets; the top one is held long'),
    cohortBuckets: z.number().int().min(2).max(100).default(3).describe('leverage and FCF buckets; short = top leverage ∩ bottom FCF'),
    neutral: z.enum(['dollar', 'beta']).default('dollar').describe('dollar-neutral (long = short notional) or beta-neutral against benchmark'),
    benchmark: onlyWith(z.string().min(1).default('@smallCap').describe('symbol or @role the betas are measured against (beta-neutral)'), 'neutral', ['beta']),
    betaWindow: onlyWith(sessionsParam(months(12), 'beta-neutral: sessions of returns in the trailing beta regression'), 'neutral', ['beta']),
    gross: grossParam(1),
    minNamesPerSide: z.number().int().min(1).default(5).describe('hold nothing unless each side has at least this many names'),
    schedule: scheduleParam('month-start'),
  })
  .strict();
export type QualityLongShortParams = z.output<typeof paramsSchema>;

/** Without these the universe (market caps) and the quality and cohort scores cannot be formed at all. */
const NEEDED_FUNDAMENTALS = ['sharesOutstanding', 'totalAssets', 'totalDebt', 'revenue'] as const;

export const qualityLongShort = defineStrategy({
  name: 'quality-long-short',
  description: 'Small caps: long high quality, short the levered low-free-cash-flow cohort; dollar- or beta-neutral.',
  dataNeeds: 'stocks with fundamentals',
  params: paramsSchema,
  create(params) {
    return {
      schedule: scheduleNamed(params.schedule),
      shorts: true,
      decide(view, book) {
        requireFundamentals(view, NEEDED_FUNDAMENTALS, 'quality-long-short', 'choose a strategy on prices alone');
        noteStaleHoldings(view, book, 'the universe');
        return { weights: qualityBook(view, params) };
      },
    };
  },
});

/**
 * Small, liquid stocks whose last bar traded (names with a recent reverting move screened out), by
 * `caps` (view.marketCap() at the decision); stocks without a market cap are left out, and said
 * (membersWithCaps).
 */
export function smallCapUniverse(view: MarketView, p: QualityLongShortParams, caps = view.marketCap()): Int32Array {
  const stocks = tradedOnLastBar(view, withoutRevertingMoves(view, view.universe(AssetClass.stock)));
  const small = capRankBand(membersWithCaps(view, stocks, caps, 'the small-cap universe'), caps, p.excludeLargest);
  return liquidMembers(view, small, p.liquidityWindow, p.minDollarVolume, 'minDollarVolume');
}

/** What the run says of the small caps a missing ratio keeps out of the scores (noteUnscored). */
const UNSCORED = 'quality score: small caps lacking a ratio (an input unknown in their public filings) left out of the scores and the book';

/** The neutral long/short weights at this decision (all zero when a side is too thin). */
export function qualityBook(view: MarketView, p: QualityLongShortParams): Float64Array {
  const caps = view.marketCap();
  const universe = smallCapUniverse(view, p, caps);
  const ratios = qualityRatios(view);
  const scores = qualityScores(ratios, universe, p.winsorize, p.sectorNeutral ? sectorsOf(view) : undefined);
  noteUnscored(view, UNSCORED, universe, scores.scored, ratiosByName(ratios), caps);
  const qualityBucket = quantileBuckets(scores.quality, p.qualityBuckets);
  const leverageBucket = quantileBuckets(scores.leverage, p.cohortBuckets);
  const fcfBucket = quantileBuckets(scores.fcf, p.cohortBuckets);
  const longs = filterMembers(universe, (i) => qualityBucket[i] === p.qualityBuckets - 1);
  const shorts = filterMembers(universe, (i) => leverageBucket[i] === p.cohortBuckets - 1 && fcfBucket[i] === 0 && qualityBucket[i] !== p.qualityBuckets - 1);
  const book = new Float64Array(view.symbolCount);
  if (longs.length < p.minNamesPerSide || shorts.length < p.minNamesPerSide) return book;
  for (const i of longs) book[i] = 1 / longs.length;
  for (const i of shorts) book[i] = -1 / shorts.length;
  if (p.neutral === 'dollar') return dollarNeutral(book, p.gross);
  const named = [...longs, ...shorts];
  const betas = trailingBetas(view, named, view.resolve(p.benchmark), p.betaWindow);
  const unknown = named.filter((i) => Number.isNaN(betas[i]));
  // Every name left out leaves the book flat for want of betas: at least medium (a few left out stay low, sized by their weight).
  const flat = unknown.length === named.length;
  view.caveat(`beta-neutral: names without a trailing beta (under half the ${p.betaWindow}-session window of returns observed on their own bars, or the benchmark's) left out of the book`, unknown, named.length, flat ? { least: 'medium' } : undefined);
  betaNeutral(book, betas, p.gross);
  return sideCount(book, 1) < p.minNamesPerSide || sideCount(book, -1) < p.minNamesPerSide ? book.fill(0) : book;
}

function sideCount(book: Float64Array, sign: 1 | -1): number {
  let count = 0;
  for (let i = 0; i < book.length; i++) if (Math.sign(book[i]) === sign) count++;
  return count;
}
