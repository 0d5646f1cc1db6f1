// Stale-mark lint: a held position whose last price is older than N sessions is valued at a
// price the market no longer confirms (a suspension, a gap in the data). Each such episode is
// recorded — symbol, first stale session, how many sessions, value — and the value marked stale
// each session goes into the daily `staleValue` column, so reports give its peak and mean share
// of NAV. Work per session follows the held positions and open episodes only.

import type { Portfolio } from '../accounting/portfolio.ts';

/** A run of sessions over which one position was marked at a stale price. */
export interface StaleMarkEpisode {
  readonly symbol: number;
  /** First session (market index) on which the mark was older than the threshold. */
  readonly firstSession: number;
  /** Sessions it stayed stale. */
  sessions: number;
  /** Position value at its mark on the first stale session (signed). */
  readonly value: number;
  /** Largest |value| / NAV over the episode. */
  peakShare: number;
}

export class StaleMarks {
  readonly #threshold: number;
  /** Per symbol: index into #episodes of its open episode, or −1. */
  readonly #open: Int32Array;
  readonly #openList: number[] = [];
  readonly episodes: StaleMarkEpisode[] = [];
  /** Σ|value| of the positions marked stale at the last observed close. */
  staleValue = 0;

  constructor(symbolCount: number, thresholdSessions: number) {
    this.#threshold = thresholdSessions;
    this.#open = new Int32Array(symbolCount).fill(-1);
  }

  /** Look at the book after the close of session t has marked it. */
  observe(t: number, portfolio: Portfolio): void {
    this.staleValue = 0;
    // Every held mark is fresh and no episode is open: nothing to look at (most sessions).
    if (this.#openList.length === 0 && portfolio.oldestPricedAt >= 0 && t - portfolio.oldestPricedAt <= this.#threshold) return;
    const nav = portfolio.nav;
    for (let k = 0; k < portfolio.heldCount; k++) {
      const i = portfolio.heldAt(k);
      const pricedAt = portfolio.pricedAt[i];
      if (pricedAt >= 0 && t - pricedAt <= this.#threshold) continue;
      const value = portfolio.shares[i] * portfolio.mark[i];
      this.staleValue += Math.abs(value);
      const share = nav > 0 ? Math.abs(value) / nav : Infinity;
      const e = this.#open[i];
      if (e >= 0) {
        const episode = this.episodes[e];
        episode.sessions++;
        episode.peakShare = Math.max(episode.peakShare, share);
      } else {
        this.#open[i] = this.episodes.length;
        this.#openList.push(i);
        this.episodes.push({ symbol: i, firstSession: t, sessions: 1, value, peakShare: share });
      }
    }
    // Close the episodes of positions that were priced again or closed this session.
    let kept = 0;
    for (const i of this.#openList) {
      const episode = this.episodes[this.#open[i]];
      if (episode.firstSession + episode.sessions - 1 === t) this.#openList[kept++] = i;
      else this.#open[i] = -1;
    }
    this.#openList.length = kept;
  }
}
