// Market caps that cannot be true (data/fundamentals/capPlausibility.ts), which MarketView.marketCap
// serves as unknown (NaN), gathered over a run into one caveat: which names, at how many of the
// decisions that read market caps, and the decision where they mattered most — their share of the
// sum of the caps served there, the weight they would have had in a cap-weighted book of every
// name (XXII took 99.95 % of size-tilt's top-100 book on 2019-06-03, probe r56b) — with the
// largest one's numbers.

import { isoDay } from '../../data/dates.ts';
import type { Market } from '../../data/market.ts';
import { IMPLAUSIBLE_CAP_MULTIPLE, largeNumberText } from '../../data/fundamentals/capPlausibility.ts';
import { type Caveat, caveat, listSymbols, pct, priceText, severityBySize, shareCount } from './caveats.ts';

/** One cap served as unknown: its symbol, the cap (currency), its shares × price, and the filing scale it was judged by (currency). */
export interface ImplausibleCap {
  readonly symbol: number;
  readonly cap: number;
  readonly shares: number;
  readonly price: number;
  readonly scale: number;
}

/** One decision's read of market caps: the caps served (> 0, the implausible ones included), their sum, and those made unknown. */
interface CapRead {
  readonly session: number;
  readonly served: number;
  readonly sum: number;
  readonly unknown: readonly ImplausibleCap[];
}

/** Σ cap of the unknown ones / Σ cap of all served: their weight in a cap-weighted book of every name served. */
const shareOf = (read: CapRead): number => read.unknown.reduce((s, c) => s + c.cap, 0) / read.sum;

/** Above this share of the caps served, the unknown names would have dominated a cap-ranked book: high. */
const HIGH_SHARE = 0.05;
/** Above this share, medium; at or below it, low. */
const MEDIUM_SHARE = 0.01;

export class ImplausibleCaps {
  /** Sessions of the decisions that read market caps (a decision reading them twice counts once). */
  readonly #sessions = new Set<number>();
  /** Decisions that made some cap unknown, by session (a second read at one session replaces the first). */
  readonly #reads = new Map<number, CapRead>();

  /**
   * Records one read of market caps at decision session `session`: `served` caps > 0 summing to
   * `sum` (currency), of which `unknown` were made unknown. Allocates only when some are.
   */
  record(session: number, served: number, sum: number, unknown: readonly ImplausibleCap[]): void {
    this.#sessions.add(session);
    if (unknown.length > 0) this.#reads.set(session, { session, served, sum, unknown });
    else this.#reads.delete(session);
  }

  /**
   * The run's caveat ('data-note'), none when no cap was made unknown: e.g. "CETX, PTN: market caps
   * that cannot be true (over 500× …) read as unknown (NaN), so books ranked or weighted by size
   * leave the names out — at 2 of the 3 decisions that read market caps, from 2019-06-03 to
   * 2019-07-01; largest on 2019-07-01: 2 of the 2,044 caps served, 1.7% of their sum (CETX 1.1e12 =
   * 40,170 shares × 27,342,000.00, 12,212× its filing's scale of 89,936,519)". Severity by that
   * share (high above 5 %, medium above 1 %), size the names.
   */
  caveats(market: Market): Caveat[] {
    if (this.#reads.size === 0) return [];
    const reads = [...this.#reads.values()].sort((a, b) => a.session - b.session);
    const names = new Set(reads.flatMap((r) => r.unknown.map((c) => c.symbol)));
    const largest = reads.reduce((best, r) => (shareOf(r) > shareOf(best) ? r : best));
    const share = shareOf(largest);
    const example = largest.unknown.reduce((a, b) => (b.cap > a.cap ? b : a));
    const day = (t: number): string => isoDay(market.dates[t]);
    const [first, last] = [reads[0].session, reads[reads.length - 1].session];
    const symbols = [...names].sort((a, b) => a - b).map((i) => market.symbols[i]);
    const message =
      `${listSymbols(symbols)}: market caps that cannot be true (over ${IMPLAUSIBLE_CAP_MULTIPLE.toLocaleString('en-US')}× the larger of the filing's total assets and trailing revenue: a share count in other units than the prices, such as one from before a reverse split or typed in thousands, or a filing's money in thousands) read as unknown (NaN), so books ranked or weighted by size leave the names out` +
      ` — at ${reads.length} of the ${this.#sessions.size} decision${this.#sessions.size === 1 ? '' : 's'} that read market caps, from ${day(first)}${last === first ? '' : ` to ${day(last)}`}; ` +
      `largest on ${day(largest.session)}: ${largest.unknown.length} of the ${largest.served.toLocaleString('en-US')} caps served, ${pct(share)} of their sum ` +
      `(${market.symbols[example.symbol]} ${largeNumberText(example.cap)} = ${shareCount(example.shares)} shares × ${priceText(example.price)}, ${largeNumberText(example.cap / example.scale)}× its filing's scale of ${largeNumberText(example.scale)})`;
    return [caveat('data-note', severityBySize(share, HIGH_SHARE, MEDIUM_SHARE), message, { value: names.size, unit: 'count' }, symbols)];
  }
}
