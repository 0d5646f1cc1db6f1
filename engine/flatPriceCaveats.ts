// Prices a run held or targeted that repeat from one bar to the next on a material share of the
// year before its decisions: thin trading (SMLF in 2015 repeats its close on 79 of 170
// sessions), a stale price, or a market that did not move. A decision's estimates over those
// returns (a hedge ratio, a volatility, a covariance) read those sessions as flat — the
// iwm-vs-smlf spread's 2015 beta of 0.37 left the book net long 0.46 of NAV (probe r56b) — and so
// do the run's own volatility and beta, its NAV marked at the repeated price. Counted by the same
// detector as a benchmark's flat stretches (data/flatStretches.ts), every repeat included: an
// estimate reads each 0 % return, not only those in a week-long stretch.

import { isoDay } from '../data/dates.ts';
import { FLAT_SHARE, FLAT_VALUES, flatStretches } from '../data/flatStretches.ts';
import type { Market } from '../data/market.ts';
import { type Caveat, caveat, pct } from './caveats.ts';
import type { Snapshots } from './result.ts';

/** What the caveat reads of a run: its decision snapshots, its NAV (index k = session first + k) and its P. */
export interface FlatPriceRecordings {
  readonly market: Market;
  readonly first: number;
  readonly periodsPerYear: number;
  readonly snapshots: Snapshots;
  readonly nav: Float64Array;
}

/** Fewest 0 % returns in a decision's year that are said: as many as a benchmark's shortest flat stretch holds (a trading week's four). */
const LEAST_FLAT = FLAT_VALUES - 1;
/** Above this share of NAV held or targeted, at one decision, in the names whose year was flat, the caveat is medium. */
const MEDIUM_NAV = 0.05;
/** Symbols described one by one before "and N more". */
const SHOWN = 5;

/** One symbol's decisions that read a flat year: how many of how many that held or targeted it, the first and last, and the year with the most 0 % returns. */
interface FlatSymbol {
  readonly symbol: number;
  flagged: number;
  decisions: number;
  firstSession: number;
  lastSession: number;
  worst: { session: number; flat: number; returns: number };
}

/**
 * One `data-note` caveat naming the symbols held or targeted at a decision (snapshot rows with
 * shares or a non-zero target weight) whose returns in the year before it — the P sessions to
 * the decision's close, on the symbol's own bars — are 0 % on FLAT_SHARE or more of them, and on
 * at least LEAST_FLAT: for each, the decisions it concerns and the year with the most 0 % returns
 * ("SMLF before 17 of its 129 decisions (2015-11-02 → 2017-03-01), at most 103 of 252 returns
 * (40.9%) in the year to 2016-05-02"), with the causes and what they do to
 * estimates. Sized by the largest share of NAV those names were held or targeted at on one such
 * decision (|target weight|, else |held value| / NAV): medium above MEDIUM_NAV, else low. None
 * when no decision read such a year.
 */
export function flatPriceCaveats(r: FlatPriceRecordings): Caveat[] {
  const { market, snapshots: s } = r;
  const n = market.symbols.length;
  const rowsOf = new Map<number, number[]>();
  for (let k = 0; k < s.session.length; k++) {
    const target = s.targetWeight[k];
    if (s.shares[k] === 0 && !(Number.isFinite(target) && target !== 0)) continue;
    const rows = rowsOf.get(s.symbol[k]);
    if (rows === undefined) rowsOf.set(s.symbol[k], [k]);
    else rows.push(k);
  }
  if (rowsOf.size === 0) return [];
  // Buffers over one symbol's span: its bar before the first year read, then the sessions to its last decision.
  const end = s.session[s.session.length - 1] + 2;
  const levels = new Float64Array(end);
  const repeated = new Uint8Array(end);
  // Prefix counts over the span: 0 % returns, and returns (a bar after an earlier bar), before span row j.
  const flats = new Int32Array(end + 1);
  const returns = new Int32Array(end + 1);
  const P = r.periodsPerYear;
  const flagged: FlatSymbol[] = [];
  const navShare = new Map<number, number>();
  for (const [i, rows] of rowsOf) {
    // The year before its first decision, to its last: span row j is session from + j − 1, row 0 its last bar before `from` (NaN: none).
    const from = Math.max(0, s.session[rows[0]] - P + 1);
    const width = s.session[rows[rows.length - 1]] - from + 2;
    let before = from - 1;
    while (before >= 0 && Number.isNaN(market.close[before * n + i])) before--;
    levels[0] = before < 0 ? NaN : market.close[before * n + i];
    for (let j = 1; j < width; j++) levels[j] = market.close[(from + j - 1) * n + i];
    const span = levels.subarray(0, width);
    repeated.fill(0, 0, width);
    for (const stretch of flatStretches(span, 2).stretches) for (let j = stretch.from + 1; j <= stretch.to; j++) if (!Number.isNaN(span[j])) repeated[j] = 1;
    let seen = false;
    for (let j = 0; j < width; j++) {
      const bar = !Number.isNaN(span[j]);
      flats[j + 1] = flats[j] + repeated[j];
      returns[j + 1] = returns[j] + (bar && seen ? 1 : 0);
      seen ||= bar;
    }
    const entry: FlatSymbol = { symbol: i, flagged: 0, decisions: rows.length, firstSession: -1, lastSession: -1, worst: { session: -1, flat: 0, returns: 1 } };
    for (const k of rows) {
      const t = s.session[k];
      // Span rows of the year's sessions t − P + 1 … t.
      const lo = Math.max(0, t - P + 1) - from + 1;
      const hi = t - from + 2;
      const flat = flats[hi] - flats[lo];
      const count = returns[hi] - returns[lo];
      if (flat < LEAST_FLAT || flat < FLAT_SHARE * count) continue;
      entry.flagged++;
      if (entry.firstSession < 0) entry.firstSession = t;
      entry.lastSession = t;
      // The year with the most 0 % returns (of those, the one with the fewest returns): the most an estimate read flat.
      if (flat > entry.worst.flat || (flat === entry.worst.flat && count < entry.worst.returns)) entry.worst = { session: t, flat, returns: count };
      const nav = r.nav[t - r.first];
      const target = Math.abs(s.targetWeight[k]);
      const weight = Number.isFinite(target) ? target : Math.abs((s.shares[k] * s.price[k]) / nav);
      if (Number.isFinite(weight)) navShare.set(t, (navShare.get(t) ?? 0) + weight);
    }
    if (entry.flagged > 0) flagged.push(entry);
  }
  if (flagged.length === 0) return [];
  flagged.sort((a, b) => b.worst.flat / b.worst.returns - a.worst.flat / a.worst.returns || a.symbol - b.symbol);
  const day = (t: number): string => isoDay(market.dates[t]);
  const describe = ({ symbol, flagged: k, decisions, firstSession, lastSession, worst }: FlatSymbol): string =>
    `${market.symbols[symbol]} before ${k} of its ${decisions} decision${decisions === 1 ? '' : 's'}${k === 1 ? ` (${day(firstSession)})` : ` (${day(firstSession)} → ${day(lastSession)})`}, ` +
    `at most ${worst.flat} of ${worst.returns} returns (${pct(worst.flat / worst.returns)}) in the year to ${day(worst.session)}`;
  const size = Math.max(0, ...navShare.values());
  const more = flagged.length > SHOWN ? `; and ${flagged.length - SHOWN} more` : '';
  const message =
    `prices unchanged from one bar to the next on ${FLAT_SHARE * 100}% or more of the returns in the year (${P} sessions) before decisions that held or targeted them: ${flagged.slice(0, SHOWN).map(describe).join('; ')}${more} — ` +
    `thin trading, a stale price, or a market that did not move (a T-bill fund at zero rates): the strategy's estimates over those returns (beta, volatility, correlation, covariance) and the run's own volatility and beta read those sessions as flat (up to ${pct(size)} of NAV held or targeted at one of those decisions)`;
  const names = flagged.map((f) => market.symbols[f.symbol]);
  return [caveat('data-note', size > MEDIUM_NAV ? 'medium' : 'low', message, { value: size, unit: 'nav-share' }, names)];
}
