// Prices a run held or targeted that repeat from one bar to the next on a material share of the
// year to the sessions it held or targeted them: thin trading (SMLF in 2015 repeats its close on
// 79 of 170 sessions), a stale price, or a market that did not move. A decision's estimates over
// those returns (a hedge ratio, a volatility, a covariance) read those sessions as flat — the
// iwm-vs-smlf spread's 2015 beta of 0.37 left the book net long 0.46 of NAV (probe r56b) — and so
// do the run's own volatility and beta, its NAV marked at the repeated price on every session it
// holds the name, decision or not: a book held after its last decision is judged as the same book
// decided on every session (probe r57a). Counted by the same detector as a benchmark's flat
// stretches (data/flatStretches.ts), every repeat included: an estimate reads each 0 % return,
// not only those in a week-long stretch.

import { isoDay } from '../../data/dates.ts';
import { FLAT_SHARE, FLAT_VALUES, flatStretches } from '../../data/flatStretches.ts';
import type { Market } from '../../data/market.ts';
import { type Caveat, caveat, pct } from './caveats.ts';
import type { Holdings } from '../accounting/holdingLog.ts';
import type { Snapshots } from '../result.ts';

/** What the caveat reads of a run: its first and last market session, P, its decision snapshots, its holdings log and its NAV (index k = session first + k). */
export interface FlatPriceRecordings {
  readonly market: Market;
  readonly first: number;
  readonly last: number;
  readonly periodsPerYear: number;
  readonly snapshots: Snapshots;
  readonly holdings: Holdings;
  readonly nav: Float64Array;
}

/** Fewest 0 % returns in a session's year that are said: as many as a benchmark's shortest flat stretch holds (a trading week's four). */
const LEAST_FLAT = FLAT_VALUES - 1;
/** Above this share of NAV held or targeted, on one session, in the names whose year was flat, the caveat is medium. */
const MEDIUM_NAV = 0.05;
/** Symbols described one by one before "and N more". */
const SHOWN = 5;
/** Span-row flags: a session the symbol was held at the close or a decision targeted it; a decision that held or targeted it. */
const CHECKED = 1;
const DECIDED = 2;

/** One symbol's sessions that read a flat year: how many of how many held or targeted it, how many of those were decisions, the first and last, and the year with the most 0 % returns. */
interface FlatSymbol {
  readonly symbol: number;
  readonly sessions: number;
  flagged: number;
  decisions: number;
  firstSession: number;
  lastSession: number;
  worst: { session: number; flat: number; returns: number };
}

/** A log's rows by symbol, in log order: symbol i's are rows[start[i]] … rows[start[i + 1] − 1] (those `keep` accepts). */
interface RowsBySymbol {
  readonly start: Int32Array;
  readonly rows: Int32Array;
}

function rowsBySymbol(symbol: Int32Array, n: number, keep: (k: number) => boolean): RowsBySymbol {
  const start = new Int32Array(n + 1);
  for (let k = 0; k < symbol.length; k++) if (keep(k)) start[symbol[k] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const rows = new Int32Array(start[n]);
  const next = start.slice(0, n);
  for (let k = 0; k < symbol.length; k++) if (keep(k)) rows[next[symbol[k]]++] = k;
  return { start, rows };
}

/** |x|, or 0 where x is not a number (no target, no price). */
const share = (x: number): number => (Number.isFinite(x) ? Math.abs(x) : 0);

/**
 * One symbol's span of sessions, read, marked where held or targeted, and judged; its buffers are
 * reused symbol after symbol. Row 0 is its last bar before session `from` (NaN: none), row j
 * session from + j − 1: its closes, prefix counts of 0 % returns and of returns (a bar after an
 * earlier bar) before row j, the last close on or before row j (where a position is marked), and
 * per row the flags (CHECKED, DECIDED) and share of NAV held or targeted.
 */
class SymbolSpan {
  readonly levels: Float64Array;
  readonly flats: Int32Array;
  readonly returns: Int32Array;
  readonly marks: Float64Array;
  readonly kind: Uint8Array;
  readonly weight: Float64Array;
  readonly #repeated: Uint8Array;
  from = 0;
  width = 0;

  constructor(rows: number) {
    this.levels = new Float64Array(rows);
    this.flats = new Int32Array(rows + 1);
    this.returns = new Int32Array(rows + 1);
    this.marks = new Float64Array(rows);
    this.kind = new Uint8Array(rows);
    this.weight = new Float64Array(rows);
    this.#repeated = new Uint8Array(rows);
  }

  /** Read symbol i's closes over sessions `from` … `to` and count them; false (nothing counted) where the whole span has fewer 0 % returns than a year needs, as most names do. */
  read(market: Market, i: number, from: number, to: number): boolean {
    const n = market.symbols.length;
    const { levels, flats, returns, marks } = this;
    this.from = from;
    this.width = to - from + 2;
    let before = from - 1;
    while (before >= 0 && Number.isNaN(market.close[before * n + i])) before--;
    levels[0] = before < 0 ? NaN : market.close[before * n + i];
    for (let j = 1; j < this.width; j++) levels[j] = market.close[(from + j - 1) * n + i];
    const span = levels.subarray(0, this.width);
    const { stretches } = flatStretches(span, 2);
    if (stretches.reduce((sum, stretch) => sum + stretch.values - 1, 0) < LEAST_FLAT) return false;
    const repeated = this.#repeated;
    repeated.fill(0, 0, this.width);
    for (const stretch of stretches) for (let j = stretch.from + 1; j <= stretch.to; j++) if (!Number.isNaN(span[j])) repeated[j] = 1;
    let seen = false;
    for (let j = 0; j < this.width; j++) {
      const bar = !Number.isNaN(span[j]);
      flats[j + 1] = flats[j] + repeated[j];
      returns[j + 1] = returns[j] + (bar && seen ? 1 : 0);
      marks[j] = bar ? span[j] : j > 0 ? marks[j - 1] : NaN;
      seen ||= bar;
    }
    this.kind.fill(0, 0, this.width);
    this.weight.fill(0, 0, this.width);
    return true;
  }

  /** Sessions t0 … t1 held `shares` at their closes: each is weighed at |shares × last close| / NAV (`navAt`). */
  held(t0: number, t1: number, shares: number, navAt: (t: number) => number): void {
    for (let t = t0; t <= t1; t++) {
      const j = t - this.from + 1;
      this.kind[j] = CHECKED;
      this.weight[j] = share((shares * this.marks[j]) / navAt(t));
    }
  }

  /** A decision at t held or targeted it: weighed by its holding where held at that close (a standing target is no more exposure), else by `weight`, what it targeted or held before a same-close sale. */
  decided(t: number, weight: number): void {
    const j = t - this.from + 1;
    if (this.kind[j] === 0) this.weight[j] = weight;
    this.kind[j] = CHECKED | DECIDED;
  }

  /**
   * Symbol i's sessions held or targeted whose year (P sessions to their close) holds LEAST_FLAT
   * 0 % returns and FLAT_SHARE of its returns, each adding its weight to `navShare` (by session);
   * null where none does.
   */
  judge(i: number, P: number, navShare: Float64Array): FlatSymbol | null {
    const { from, flats, returns, kind } = this;
    let sessions = 0;
    for (let j = 1; j < this.width; j++) sessions += kind[j] === 0 ? 0 : 1;
    const entry: FlatSymbol = { symbol: i, sessions, flagged: 0, decisions: 0, firstSession: -1, lastSession: -1, worst: { session: -1, flat: 0, returns: 1 } };
    for (let j = 1; j < this.width; j++) {
      if (kind[j] === 0) continue;
      const t = from + j - 1;
      // Span rows of the year's sessions t − P + 1 … t.
      const lo = Math.max(0, t - P + 1) - from + 1;
      const flat = flats[j + 1] - flats[lo];
      const count = returns[j + 1] - returns[lo];
      if (flat < LEAST_FLAT || flat < FLAT_SHARE * count) continue;
      entry.flagged++;
      if ((kind[j] & DECIDED) !== 0) entry.decisions++;
      if (entry.firstSession < 0) entry.firstSession = t;
      entry.lastSession = t;
      // The year with the most 0 % returns (of those, the one with the fewest returns): the most an estimate read flat.
      if (flat > entry.worst.flat || (flat === entry.worst.flat && count < entry.worst.returns)) entry.worst = { session: t, flat, returns: count };
      navShare[t] += this.weight[j];
    }
    return entry.flagged > 0 ? entry : null;
  }
}

/**
 * Past this many symbols to read, their closes are first counted in one pass in the column's
 * order (repeatedCloses), so that only names with enough repeats are read one by one, a stride of
 * N cells a session apart: a 2,000-symbol equal weight read every name's 5,040 closes that way in
 * 0.29 s (bench/ingest.ts's warm run), where one pass takes about 0.03 s.
 */
const STRIDED_MAX = 64;

/** Symbols with rows in either row index (rowsBySymbol's `start`, n + 1 offsets). */
function symbolsToRead(a: Int32Array, b: Int32Array): number {
  let count = 0;
  for (let i = 0; i + 1 < a.length; i++) if (a[i + 1] > a[i] || b[i + 1] > b[i]) count++;
  return count;
}

/**
 * Per symbol, how many of its bars in sessions 0 … `last` repeat the close of its bar before (NaN
 * sessions skipped, as flatStretches reads them): never fewer than a span of those sessions counts,
 * so a symbol under LEAST_FLAT here has no flat year anywhere in the run.
 */
function repeatedCloses(market: Market, last: number): Int32Array {
  const n = market.symbols.length;
  const counts = new Int32Array(n);
  const previous = new Float64Array(n).fill(NaN);
  for (let t = 0; t <= last; t++) {
    for (let i = 0, at = t * n; i < n; i++, at++) {
      const close = market.close[at];
      if (close !== close) continue;
      if (close === previous[i]) counts[i]++;
      previous[i] = close;
    }
  }
  return counts;
}

/**
 * One `data-note` caveat naming the symbols whose returns in the year to a session that held or
 * targeted them — the P sessions to its close, on the symbol's own bars — are 0 % on FLAT_SHARE or
 * more of them, and on at least LEAST_FLAT. Sessions that held a symbol are those whose close
 * found a position in it (the holdings log: decisions or not, to the run's end); a session that
 * targeted it is a decision whose snapshot held it or gave it a non-zero target weight. For each:
 * those sessions, how many of them were decisions, and the year with the most 0 % returns ("AAA on
 * 12 of the 60 sessions that held or targeted it (2024-03-08 → 2024-03-25; none of them a
 * decision), at most 16 of 59 returns (27.1%) in the year to 2024-03-25"), with the causes and
 * what they do to the run's volatility and beta, and to the strategy's estimates where decisions
 * read such a year. Sized by the largest share of NAV those names were held or targeted at on one
 * such session (per name |shares × last close| / NAV where held at that close, so that deciding
 * more often does not change it; else the decision's |target weight|): medium above MEDIUM_NAV,
 * else low. None when no session read such a year.
 */
export function flatPriceCaveats(r: FlatPriceRecordings): Caveat[] {
  const { market, snapshots: s, holdings: h } = r;
  const n = market.symbols.length;
  const decided = rowsBySymbol(s.symbol, n, (k) => s.shares[k] !== 0 || (Number.isFinite(s.targetWeight[k]) && s.targetWeight[k] !== 0));
  const changed = rowsBySymbol(h.symbol, n, () => true);
  if (decided.rows.length === 0 && changed.rows.length === 0) return [];
  const span = new SymbolSpan(r.last + 2);
  const repeats = symbolsToRead(decided.start, changed.start) > STRIDED_MAX ? repeatedCloses(market, r.last) : null;
  const P = r.periodsPerYear;
  const flagged: FlatSymbol[] = [];
  // By market session: the share of NAV held or targeted in the names whose year was flat there.
  const navShare = new Float64Array(r.last + 1);
  const navAt = (t: number): number => r.nav[t - r.first];
  for (let i = 0; i < n; i++) {
    const d0 = decided.start[i];
    const d1 = decided.start[i + 1];
    const c0 = changed.start[i];
    const c1 = changed.start[i + 1];
    // Change row m holds its shares from its session to the session before the symbol's next row, or to the run's last.
    const heldTo = (m: number): number => (m + 1 < c1 ? h.session[changed.rows[m + 1]] - 1 : r.last);
    let firstChecked = d0 < d1 ? s.session[decided.rows[d0]] : Infinity;
    let lastChecked = d0 < d1 ? s.session[decided.rows[d1 - 1]] : -1;
    for (let m = c0; m < c1; m++) {
      const k = changed.rows[m];
      if (h.shares[k] === 0) continue;
      firstChecked = Math.min(firstChecked, h.session[k]);
      lastChecked = Math.max(lastChecked, heldTo(m));
    }
    // The year before its first session held or targeted, to its last.
    if (lastChecked < 0 || (repeats !== null && repeats[i] < LEAST_FLAT) || !span.read(market, i, Math.max(0, firstChecked - P + 1), lastChecked)) continue;
    for (let m = c0; m < c1; m++) {
      const k = changed.rows[m];
      if (h.shares[k] !== 0) span.held(h.session[k], heldTo(m), h.shares[k], navAt);
    }
    for (let m = d0; m < d1; m++) {
      const k = decided.rows[m];
      span.decided(s.session[k], Math.max(share(s.targetWeight[k]), share((s.shares[k] * s.price[k]) / navAt(s.session[k]))));
    }
    const entry = span.judge(i, P, navShare);
    if (entry !== null) flagged.push(entry);
  }
  if (flagged.length === 0) return [];
  flagged.sort((a, b) => b.worst.flat / b.worst.returns - a.worst.flat / a.worst.returns || a.symbol - b.symbol);
  const size = navShare.reduce((most, x) => Math.max(most, x), 0);
  const read = flagged.some((f) => f.decisions > 0);
  const more = flagged.length > SHOWN ? `; and ${flagged.length - SHOWN} more` : '';
  const message =
    `prices unchanged from one bar to the next on ${FLAT_SHARE * 100}% or more of the returns in the year (${P} sessions) to sessions that held or targeted them: ${flagged.slice(0, SHOWN).map((f) => describe(market, f)).join('; ')}${more} — ` +
    `thin trading, a stale price, or a market that did not move (a T-bill fund at zero rates): ${read ? "the strategy's estimates over those returns at those decisions (beta, volatility, correlation, covariance) and " : ''}` +
    `the run's own volatility and beta, its NAV marked at the repeated price, read those sessions as flat (up to ${pct(size)} of NAV held or targeted on one of those sessions)`;
  const names = flagged.map((f) => market.symbols[f.symbol]);
  return [caveat('data-note', size > MEDIUM_NAV ? 'medium' : 'low', message, { value: size, unit: 'nav-share' }, names)];
}

/** "AAA on 12 of the 60 sessions that held or targeted it (2024-03-08 → 2024-03-25; none of them a decision), at most 16 of 59 returns (27.1%) in the year to 2024-03-25". */
function describe(market: Market, { symbol, sessions, flagged: k, decisions, firstSession, lastSession, worst }: FlatSymbol): string {
  const day = (t: number): string => isoDay(market.dates[t]);
  const when = k === 1 ? `${day(firstSession)}, ${decisions === 1 ? 'a decision' : 'not a decision'}` : `${day(firstSession)} → ${day(lastSession)}; ${decisions === 0 ? 'none of them a decision' : decisions === 1 ? '1 of them a decision' : `${decisions} of them decisions`}`;
  return (
    `${market.symbols[symbol]} on ${k} of the ${sessions} session${sessions === 1 ? '' : 's'} that held or targeted it (${when}), ` +
    `at most ${worst.flat} of ${worst.returns} returns (${pct(worst.flat / worst.returns)}) in the year to ${day(worst.session)}`
  );
}
