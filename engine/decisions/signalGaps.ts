// Decisions made without their signal. A strategy whose signal needs data the run does not have
// yet (a rate series that starts later, a stock universe with no prices) falls back to a default
// (a neutral mix, cash) and the book looks like the strategy at work. The view records, per
// decision, the data asked for and not got (MarketView.rate with no observation known,
// MarketView.universe with no member) and the signals a strategy said it could not compute
// (MarketView.signalUnknown); this gathers them over the run into one `signal-unknown` caveat per
// signal (or, where the strategy said nothing, per series or asset class), sized by the share of
// the run's decisions without it.

import { isoDay } from '../../data/dates.ts';
import { AssetClass, type Market } from '../../data/market.ts';
import { type Caveat, caveat, severityBySize } from '../caveats/caveats.ts';
import { firstBarSession } from '../market/corporateActions.ts';

/** Above this share of the run's decisions without the signal, the run is largely not the strategy asked for: high. */
const HIGH_SHARE = 0.1;
/** Above this share, medium; at or below it (a short warm-up), low. */
const MEDIUM_SHARE = 0.01;

/** What one decision did without (ViewReads.takeGaps). */
export interface DecisionGaps {
  /** Signals the strategy could not compute: what → what it did instead. */
  readonly unknown: ReadonlyMap<string, string>;
  /** Data asked for and not got (missingKey). */
  readonly missing: ReadonlySet<string>;
}

/** Keys of data a decision asked for and did not get: a rate series with no observation known, an asset class with no member present. */
export const missingKey = {
  rate: (name: string): string => `rate\u0000${name}`,
  members: (assetClass: number): string => `members\u0000${assetClass}`,
};

interface Span {
  decisions: number;
  readonly first: number;
  last: number;
}

interface GapTally extends Span {
  /** The signal the strategy declared unknown; '' for data missed at decisions that declared none (one tally per missing key). */
  readonly what: string;
  /** What the strategy said it did instead ('' with no signal declared). */
  readonly instead: string;
  /** The data missed at these decisions, by missingKey. */
  readonly missing: Map<string, Span>;
}

/**
 * What a missing key says on its own ("no rate tbill3m known", "no stock present"), what the
 * strategy then did without ("it", "them"), and when that data starts in the market ("rate
 * tbill3m starts 2000-01-03", "stock prices start 2016-01-04").
 */
function describeMissing(key: string, market: Market): { absent: string; without: string; start: string } {
  const [kind, id] = key.split('\u0000');
  if (kind === 'rate') {
    const series = market.rates[id];
    const k = series === undefined ? -1 : series.values.findIndex((x) => !Number.isNaN(x));
    return { absent: `no rate ${id} known`, without: 'it', start: k < 0 ? `rate ${id} has no observation` : `rate ${id} starts ${isoDay(series.dates[k])}` };
  }
  const assetClass = Number(id);
  const label = Object.keys(AssetClass).find((name) => AssetClass[name as keyof typeof AssetClass] === assetClass) ?? `asset class ${id}`;
  const firstBar = firstBarSession(market);
  let first = -1;
  for (let i = 0; i < market.symbols.length; i++) {
    if (market.assetClass[i] === assetClass && firstBar[i] < market.dates.length && (first < 0 || firstBar[i] < first)) first = firstBar[i];
  }
  return { absent: `no ${label} present`, without: 'them', start: first < 0 ? `the data has no ${label} prices` : `${label} prices start ${isoDay(market.dates[first])}` };
}

const grow = (span: Span, t: number): void => {
  span.decisions++;
  span.last = t;
};

export class SignalGaps {
  readonly #byKey = new Map<string, GapTally>();
  /** Decisions recorded, with gaps or without. */
  #decisions = 0;
  /** The strategy's name, for the caveats ("rate-regime held its neutral mix"). */
  readonly #strategy: string;

  constructor(strategy: string) {
    this.#strategy = strategy;
  }

  /**
   * Called after every decision with what it did without (ViewReads.takeGaps) at session `t`. A
   * signal the strategy declared unknown is tallied with the data missed at the same decision (its
   * likely cause); data missed at a decision that declared nothing is tallied on its own.
   */
  record(gaps: DecisionGaps, t: number): void {
    this.#decisions++;
    if (gaps.missing.size === 0 && gaps.unknown.size === 0) return;
    const tallies = [...gaps.unknown].map(([what, instead]) => this.#tally(`signal\u0000${what}\u0000${instead}`, what, instead, t));
    if (tallies.length === 0) for (const key of gaps.missing) tallies.push(this.#tally(key, '', '', t));
    for (const tally of tallies) {
      for (const key of gaps.missing) {
        const span = tally.missing.get(key);
        if (span === undefined) tally.missing.set(key, { decisions: 1, first: t, last: t });
        else grow(span, t);
      }
    }
  }

  #tally(key: string, what: string, instead: string, t: number): GapTally {
    const tally = this.#byKey.get(key);
    if (tally !== undefined) {
      grow(tally, t);
      return tally;
    }
    const created: GapTally = { what, instead, decisions: 1, first: t, last: t, missing: new Map() };
    this.#byKey.set(key, created);
    return created;
  }

  /**
   * One `signal-unknown` caveat per signal, e.g. "the change in rate tbill3m over 91 days unknown
   * at 58 of 127 decisions, 1995-06-01 → 2000-03-01 (rate tbill3m starts 2000-01-03); rate-regime
   * held its neutral mix", with ", so none at 1,508 of them" after a start that explains only some of
   * them; where the strategy declared none, one per data missed ("no rate tbill3m known at 3 of 10
   * decisions, … (rate tbill3m starts …); mine decided without it", "no stock present at …"). Size: the decisions without it (count); severity by their share of the run's
   * decisions: high above 10 %, medium above 1 %, else low.
   */
  caveats(market: Market): Caveat[] {
    const day = (t: number): string => isoDay(market.dates[t]);
    const count = (n: number): string => n.toLocaleString('en-US');
    return [...this.#byKey.values()].map((tally) => {
      const missed = [...tally.missing].map(([key, span]) => ({ ...describeMissing(key, market), span }));
      // Where the strategy declared no signal the tally is one missing key's, over the same decisions.
      const what = tally.what === '' ? missed[0].absent : `${tally.what} unknown`;
      const instead = tally.what === '' ? `decided without ${missed[0].without}` : tally.instead;
      const because = missed.map(({ start, span }) => (span.decisions === tally.decisions ? start : `${start}, so none at ${count(span.decisions)} of them`));
      const span = tally.first === tally.last ? day(tally.first) : `${day(tally.first)} → ${day(tally.last)}`;
      const message = `${what} at ${count(tally.decisions)} of ${count(this.#decisions)} decisions, ${span}${because.length === 0 ? '' : ` (${because.join('; ')})`}; ${this.#strategy} ${instead}`;
      return caveat('signal-unknown', severityBySize(tally.decisions / this.#decisions, HIGH_SHARE, MEDIUM_SHARE), message, { value: tally.decisions, unit: 'count' });
    });
  }
}
