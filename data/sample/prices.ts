// The session loop of the sample universe: daily factor-model returns become raw OHLCV with
// splits, dividends, no-trade days and delistings. All state lives in typed arrays indexed by
// stock; the loop allocates only when an event happens.

import type { FactorPaths } from './factors.ts';
import type { SampleTraits } from './traits.ts';
import { Random } from '../random.ts';

export interface RawEvent {
  readonly session: number;
  readonly symbol: number;
  readonly value: number;
}

export const DelistKind = { none: 0, bankruptcy: 1, acquisition: 2 } as const;

/** Session-major price columns shared with the Market; stocks fill symbols 0..N-1. */
export interface PriceColumns {
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  /** Symbols per session (stocks plus funds). */
  readonly stride: number;
}

export interface PriceSimulation {
  readonly splits: RawEvent[];
  readonly dividends: RawEvent[];
  readonly delistedAfter: Int32Array;
  readonly delistReturn: Float64Array;
  readonly delistKind: Uint8Array;
  /** Per quarter q and stock i (`q * N + i`), at the quarter's last session; NaN when not listed. */
  readonly quarterLogReturnIndex: Float64Array;
  readonly quarterCap: Float64Array;
  readonly quarterShares: Float64Array;
}

const DIVIDEND_INTERVAL = 63; // sessions, about a quarter
const DIVIDEND_STOP_FALL = 2; // payers at half their peak total-return value suspend dividends
const SPLIT_ABOVE = 150;
const THREE_FOR_ONE_SHARE = 0.3;
const SPLIT_CHANCE = 0.02; // per session above the threshold: boards take a few weeks
const REVERSE_SPLIT_BELOW = 1; // listing rules push sub-$1 names into 1:10 reverse splits
const REVERSE_SPLIT_CHANCE = 0.05;
const REVERSE_SPLIT_RATIO = 0.1;
const DISTRESS_DRIFT = -0.008; // per session between the default and the delisting
const DISTRESS_MIN_SESSIONS = 20;
const DISTRESS_EXTRA_SESSIONS = 60;
const DRAWDOWN_HAZARD_FROM = 5; // peak / value (a −80% drawdown) beyond which bankruptcy risk climbs…
const DRAWDOWN_HAZARD_POWER = 1.5; // …as (peak / value / 5)^1.5
const JUMP_VOL = 0.12;
const OVERNIGHT_SHARE = 0.35; // part of the day's move that shows in the open
const WORST_DAY = -0.8;

const WAITING = 0;
const ALIVE = 1;
const GONE = 2;

/** Quoted prices: cents from $1, hundredths of a cent below (sub-dollar quoting). */
export function roundPrice(x: number): number {
  return x >= 1 ? Math.round(x * 100) / 100 : Math.max(0.0001, Math.round(x * 1e4) / 1e4);
}

const roundDividend = (x: number): number => Math.round(x * 1e4) / 1e4;

/** Whole shares after a split of `ratio` new shares per old one (fractions are cashed out). */
export const sharesAfterSplit = (shares: number, ratio: number): number => Math.round(shares * ratio);

/** Chance that a stock of this market cap does not trade at all on a session. */
function noTradeChance(cap: number): number {
  return cap < 5e7 ? 0.15 : cap < 2e8 ? 0.03 : 0;
}

export function simulatePrices(
  traits: SampleTraits,
  factors: FactorPaths,
  sectorCount: number,
  quarterSessions: readonly number[],
  out: PriceColumns,
  seed: number,
): PriceSimulation {
  const rng = new Random(seed, 'prices');
  const n = traits.count;
  const sessions = factors.mkt.length;
  const quarters = quarterSessions.length;
  const sim: PriceSimulation = {
    splits: [],
    dividends: [],
    delistedAfter: new Int32Array(n).fill(-1),
    delistReturn: new Float64Array(n).fill(NaN),
    delistKind: new Uint8Array(n),
    quarterLogReturnIndex: new Float64Array(quarters * n).fill(NaN),
    quarterCap: new Float64Array(quarters * n).fill(NaN),
    quarterShares: new Float64Array(quarters * n).fill(NaN),
  };
  const state = new Uint8Array(n);
  const latent = new Float64Array(n); // the unrounded price; quotes are rounded from it
  const shares = new Float64Array(n);
  const lastQuote = new Float64Array(n);
  const returnIndex = new Float64Array(n).fill(1); // total-return value of 1 at listing
  const peak = new Float64Array(n).fill(1);
  const distressLeft = new Int32Array(n).fill(-1);
  const dividendPerShare = new Float64Array(n);
  const dividendsPaid = new Int32Array(n);
  const nextDividend = Int32Array.from(traits.dividendPhase);
  let nextQuarter = 0;

  const delist = (i: number, t: number, kind: number, ret: number): void => {
    state[i] = GONE;
    sim.delistedAfter[i] = t;
    sim.delistKind[i] = kind;
    sim.delistReturn[i] = ret;
  };

  for (let t = 0; t < sessions; t++) {
    const mkt = factors.mkt[t], smb = factors.smb[t], qmj = factors.qmj[t], lev = factors.lev[t];
    const row = t * out.stride;
    for (let i = 0; i < n; i++) {
      const at = row + i;
      if (state[i] === WAITING && t === traits.listedFrom[i]) {
        state[i] = ALIVE;
        latent[i] = lastQuote[i] = traits.priceAtListing[i];
        shares[i] = traits.sharesAtListing[i];
      }
      if (state[i] !== ALIVE) {
        out.open[at] = out.high[at] = out.low[at] = out.close[at] = out.volume[at] = NaN;
        continue;
      }
      const before = latent[i];
      const fall = peak[i] / returnIndex[i];

      // Corporate actions known at today's open: at most one per session.
      let dividend = 0;
      let ratio = 1;
      if (t === nextDividend[i] && traits.dividendYield[i] > 0) {
        nextDividend[i] += DIVIDEND_INTERVAL;
        if (dividendsPaid[i] % 4 === 0) dividendPerShare[i] = roundDividend((traits.dividendYield[i] / 4) * before);
        if (fall < DIVIDEND_STOP_FALL && distressLeft[i] < 0) {
          dividend = Math.min(dividendPerShare[i], roundDividend(0.1 * before));
          if (dividend > 0) dividendsPaid[i]++;
        }
      } else if (before > SPLIT_ABOVE && rng.chance(SPLIT_CHANCE)) {
        ratio = rng.chance(THREE_FOR_ONE_SHARE) ? 3 : 2;
      } else if (before < REVERSE_SPLIT_BELOW && rng.chance(REVERSE_SPLIT_CHANCE)) {
        ratio = REVERSE_SPLIT_RATIO;
      }

      // r = β·MKT + s·SMB + q·QMJ + l·LEV + sector + ε (+ jumps, + distress drift); α = 0.
      const idio = traits.idioVol[i];
      const systematic =
        traits.beta[i] * mkt + traits.smbLoading[i] * smb + traits.qmjLoading[i] * qmj + traits.levLoading[i] * lev +
        factors.sector[t * sectorCount + traits.sector[i]];
      let r = systematic + idio * rng.normal();
      if (rng.chance(traits.jumpChance[i])) r += JUMP_VOL * rng.normal();
      if (distressLeft[i] >= 0) r += DISTRESS_DRIFT;
      r = Math.max(WORST_DAY, r);
      const gap = Math.max(WORST_DAY, OVERNIGHT_SHARE * r + OVERNIGHT_SHARE * idio * rng.normal());
      // Total return r = (close·ratio + dividend) / previous close − 1: the price drops by the dividend.
      const closeLatent = (before * (1 + r) - dividend) / ratio;
      const openLatent = (before * (1 + gap) - dividend) / ratio;

      if (dividend === 0 && ratio === 1 && rng.chance(noTradeChance(shares[i] * before))) {
        out.open[at] = out.high[at] = out.low[at] = out.close[at] = lastQuote[i];
        out.volume[at] = 0;
      } else {
        const range = 0.8 * idio * rng.uniform(); // intraday range beyond the open–close span
        const open = roundPrice(openLatent);
        const close = roundPrice(closeLatent);
        out.open[at] = open;
        out.close[at] = close;
        // roundPrice is monotone, so rounding the widened extremes keeps low ≤ open, close ≤ high.
        out.high[at] = roundPrice(Math.max(openLatent, closeLatent) * (1 + range));
        out.low[at] = roundPrice(Math.min(openLatent, closeLatent) * (1 - Math.min(0.5, range)));
        const activity = 1 + Math.min(5, Math.abs(r) / idio);
        const noise = 0.5 + rng.uniform();
        out.volume[at] = Math.max(1, Math.round(shares[i] * ratio * traits.turnover[i] * activity * noise));
        lastQuote[i] = close;
      }
      if (dividend > 0) sim.dividends.push({ session: t, symbol: i, value: dividend });
      if (ratio !== 1) {
        sim.splits.push({ session: t, symbol: i, value: ratio });
        shares[i] = sharesAfterSplit(shares[i], ratio);
        dividendPerShare[i] = roundDividend(dividendPerShare[i] / ratio);
      }
      latent[i] = closeLatent;
      returnIndex[i] *= 1 + r;
      peak[i] = Math.max(peak[i], returnIndex[i]);

      if (t === sessions - 1) continue; // nobody leaves on the last session
      if (distressLeft[i] > 0) {
        if (--distressLeft[i] === 0) delist(i, t, DelistKind.bankruptcy, rng.between(-1, -0.3));
        continue;
      }
      const deepFall = peak[i] / returnIndex[i] / DRAWDOWN_HAZARD_FROM;
      const bankruptcy =
        traits.bankruptcyHazard[i] * factors.distress[t] * (deepFall > 1 ? deepFall ** DRAWDOWN_HAZARD_POWER : 1);
      const u = rng.uniform();
      if (u < bankruptcy) distressLeft[i] = DISTRESS_MIN_SESSIONS + rng.int(DISTRESS_EXTRA_SESSIONS);
      else if (u < bankruptcy + traits.acquisitionHazard[i]) delist(i, t, DelistKind.acquisition, rng.between(0.15, 0.5));
    }

    // Quarters that ended before the sample all snapshot the first session.
    while (nextQuarter < quarters && t === quarterSessions[nextQuarter]) {
      for (let i = 0; i < n; i++) {
        if (state[i] !== ALIVE) continue;
        const k = nextQuarter * n + i;
        sim.quarterLogReturnIndex[k] = Math.log(returnIndex[i]);
        sim.quarterCap[k] = shares[i] * latent[i];
        sim.quarterShares[k] = shares[i];
      }
      nextQuarter++;
    }
  }
  return sim;
}
