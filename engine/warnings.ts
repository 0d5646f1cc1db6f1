// The run's caveats (caveats.ts), from what the replay recorded: each says what happened, how
// much of the book it concerned, and how severe it is for reading the results. Data caveats from
// the sources are kept only for the symbols the run actually traded or held.

import { isoDay, parseIsoDay, weekdaysBetween } from '../data/dates.ts';
import { describeMove, revertingMoves } from '../data/inspect.ts';
import { AssetClass, type Market, type SourceInfo } from '../data/market.ts';
import { type Caveat, caveat, type CaveatSeverity, listSymbols, rankCaveats } from './caveats.ts';
import type { EngineConfig } from './config.ts';
import type { DataEndExit } from './corporateActions.ts';
import { idleStretchCaveats, unheldEndCaveats } from './idleCaveats.ts';
import type { LiquidityGaps } from './liquidityGaps.ts';
import type { CashModel } from './models/types.ts';
import { Deferral, DEFERRAL_NAMES } from './orders.ts';
import type { DailyColumn, Deferrals, Fills, LeverageBreach, Orders, RunFacts, Snapshots } from './result.ts';

export interface RunRecordings {
  readonly config: EngineConfig;
  readonly market: Market;
  /** First and last market session of the run. */
  readonly first: number;
  readonly last: number;
  readonly daily: Readonly<Record<DailyColumn, Float64Array>>;
  readonly fills: Fills;
  readonly orders: Orders;
  readonly snapshots: Snapshots;
  readonly facts: RunFacts;
  /** Session of the first close with a position; −1 when the run never invested. */
  readonly firstInvested: number;
  /** The data-end exits with their sessions (facts.dataEndExits names them). */
  readonly dataEndExits: readonly DataEndExit[];
  /** Decisions that returned targets. */
  readonly decisions: number;
  readonly breaches: readonly LeverageBreach[];
  readonly deferrals: Deferrals;
  readonly openFallbacks: number;
  /** Order-sessions whose volume limit read a blank volume cell as the last volume before it. */
  readonly blankVolumes: number;
  /** Orders still resting at the run's end: symbol and remaining signed shares. */
  readonly openAtEnd: readonly { readonly symbol: number; readonly quantity: number }[];
  readonly missingRateDays: number;
  /** Sessions accrued at the cash rate series' last rate after its end. */
  readonly carriedRate?: CashModel['carriedRate'];
  readonly liquidityGaps: LiquidityGaps;
}

/**
 * A run that starts after its requested `from`, or ends before its requested `to`, is reported
 * when it skipped more weekdays than this: one or two are a holiday (or a long weekend), more
 * are trading days the data lacks.
 */
const HOLIDAY_WEEKDAYS = 2;
/** Waiting in cash longer than this many sessions is reported. */
const WARM_UP_SESSIONS = 5;

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const money = (x: number): string => Math.round(x).toLocaleString('en-US');
/** Each decision's target weights, keyed by market session × `n` symbols + symbol (snapshot rows). */
function targetWeights(p: Snapshots, n: number): Map<number, number> {
  const out = new Map<number, number>();
  for (let k = 0; k < p.session.length; k++) if (Number.isFinite(p.targetWeight[k])) out.set(p.session[k] * n + p.symbol[k], p.targetWeight[k]);
  return out;
}

const bySize = (share: number, high: number, medium: number): CaveatSeverity => (share > high ? 'high' : share > medium ? 'medium' : 'low');

export function describeRun(r: RunRecordings): Caveat[] {
  const touched = touchedSymbols(r);
  return rankCaveats([...engineCaveats(r), ...periodCaveats(r), ...bookCaveats(r), ...idleCaveats(r), ...orderCaveats(r), ...dataCaveats(r.market, touched), ...movesCaveats(r.market, touched, r.first, r.last)]);
}

function engineCaveats(r: RunRecordings): Caveat[] {
  const out: Caveat[] = [];
  if (r.config.execution === 'same-close') out.push(caveat('look-ahead', 'high', 'same-close execution: orders fill on the close the strategy decided on (look-ahead-prone)'));
  if (r.market.synthetic) out.push(caveat('synthetic', 'medium', 'SYNTHETIC data: results come from the built-in sample universe, not real prices'));
  if (r.openFallbacks > 0) out.push(caveat('no-opens', 'medium', `${r.openFallbacks} next-open fills used the session close because the data has no opening prices`, { value: r.openFallbacks, unit: 'count' }));
  if (r.blankVolumes > 0) {
    out.push(caveat('blank-volume', 'low', `${r.blankVolumes} order-sessions had a blank volume cell: the participation limit used the last volume before it`, { value: r.blankVolumes, unit: 'count' }));
  }
  if (r.missingRateDays > 0) out.push(caveat('missing-rate', 'low', `cash rate missing on ${r.missingRateDays} sessions (no interest accrued there)`, { value: r.missingRateDays, unit: 'sessions' }));
  const carried = r.carriedRate;
  if (carried !== undefined) {
    out.push(caveat('missing-rate', carried.sessions > 21 ? 'medium' : 'low', `cash rate series ends on ${isoDay(carried.lastDay)}: its last rate (${(carried.lastRate * 100).toFixed(2)}%) accrued on ${carried.sessions} sessions after it`, { value: carried.sessions, unit: 'sessions' }));
  }
  out.push(...r.liquidityGaps.caveats(r.market));
  return out;
}

/** Requested vs actual start and end, and the time spent in cash before the first investment. */
function periodCaveats(r: RunRecordings): Caveat[] {
  const out: Caveat[] = [];
  const { facts, market } = r;
  const start = market.dates[r.first];
  if (facts.requestedFrom !== null) {
    const requested = parseIsoDay(facts.requestedFrom);
    const late = start - requested;
    if (weekdaysBetween(requested, start) > HOLIDAY_WEEKDAYS) {
      const where = market.dates[0] > requested ? 'data starts' : 'first session on or after it is';
      out.push(caveat('late-start', late > 30 ? 'high' : 'medium', `requested ${facts.requestedFrom}, ${where} ${isoDay(start)} (${late} days later)`, { value: late, unit: 'days' }));
    }
  }
  const end = market.dates[r.last];
  if (r.config.to !== undefined) {
    const short = weekdaysBetween(end + 1, parseIsoDay(r.config.to) + 1);
    if (short > HOLIDAY_WEEKDAYS) {
      out.push(caveat('early-end', short > 21 ? 'high' : 'medium', `asked to ${r.config.to}, the data ends ${isoDay(end)} (${short} weekdays short)`, { value: short, unit: 'sessions' }));
    }
  }
  const sessions = r.last - r.first + 1;
  if (facts.firstInvestedDate === null) {
    out.push(caveat('warm-up', 'high', `never invested: all ${sessions} sessions in cash${neverInvestedReason(r)}`, { value: sessions, unit: 'sessions' }));
  } else if (facts.sessionsInCash > WARM_UP_SESSIONS) {
    const share = facts.sessionsInCash / sessions;
    out.push(
      caveat('warm-up', share > 0.1 ? 'high' : facts.sessionsInCash > 21 ? 'medium' : 'low', `first investment on ${facts.firstInvestedDate}, after ${facts.sessionsInCash} sessions in cash (${pct(share)} of the run) — the metrics count that time`, {
        value: facts.sessionsInCash,
        unit: 'sessions',
      }),
    );
  }
  if (facts.ruinDate !== null) out.push(caveat('ruin', 'high', `ruin: NAV fell to zero or below on ${facts.ruinDate}; nothing was ordered or filled after it`));
  return out;
}

/** Why a run never invested, as far as the data says: symbols with no price in its sessions. */
function neverInvestedReason(r: RunRecordings): string {
  const n = r.market.symbols.length;
  const priced = new Uint8Array(n);
  let unseen = n;
  for (let t = r.first; t <= r.last && unseen > 0; t++) {
    for (let i = 0; i < n; i++) {
      if (priced[i] === 0 && !Number.isNaN(r.market.close[t * n + i])) {
        priced[i] = 1;
        unseen--;
      }
    }
  }
  const unpriced = r.market.symbols.filter((_, i) => priced[i] === 0);
  const decided = r.decisions === 0 ? ' — no decision returned targets' : '';
  return `${decided}${unpriced.length > 0 ? `; no price in the run's sessions for ${listSymbols(unpriced)}` : ''}`;
}

/** Stale marks and data-end exits: parts of the book valued or closed without a market. */
function bookCaveats(r: RunRecordings): Caveat[] {
  const out: Caveat[] = [];
  const { facts, daily } = r;
  if (r.dataEndExits.length > 0) {
    // Share of the NAV at the close before the exit, summed per exit session.
    const bySession = new Map<number, number>();
    for (const x of r.dataEndExits) {
      const nav = daily.nav[Math.max(0, x.session - r.first - 1)];
      bySession.set(x.session, (bySession.get(x.session) ?? 0) + Math.abs(x.value) / nav);
    }
    const share = Math.max(...bySession.values());
    const exits = facts.dataEndExits;
    const examples = exits.slice(0, 3).map((x) => `${x.symbol} ${x.date} ${money(x.value)}`);
    out.push(
      caveat(
        'data-end-exit',
        bySize(share, 0.05, 0.005),
        `${exits.length} positions closed at their last price because their data ends before the run with no delisting record (${examples.join('; ')}${exits.length > 3 ? '; …' : ''}): the price source stops; no delisting return is applied`,
        { value: share, unit: 'nav-share' },
        exits.map((x) => x.symbol),
      ),
    );
  }
  if (facts.staleMarks.length > 0) {
    let peak = 0;
    let sum = 0;
    let days = 0;
    for (let k = 0; k < daily.nav.length; k++) {
      if (!(daily.nav[k] > 0)) continue;
      const share = daily.staleValue[k] / daily.nav[k];
      peak = Math.max(peak, share);
      sum += share;
      days++;
    }
    const longest = facts.staleMarks.reduce((a, b) => (b.sessions > a.sessions ? b : a));
    const names = [...new Set(facts.staleMarks.map((s) => s.symbol))];
    out.push(
      caveat(
        'stale-marks',
        bySize(peak, 0.05, 0.01),
        `positions marked at prices more than ${r.config.staleMarkSessions} sessions old: peak ${pct(peak)} of NAV, mean ${pct(days ? sum / days : 0)}; ${names.length} names (${listSymbols(names)}), longest ${longest.symbol} for ${longest.sessions} sessions from ${longest.firstStaleDate}`,
        { value: peak, unit: 'nav-share' },
        names,
      ),
    );
  }
  return out;
}

/** Symbols the run traded that left the market while not held, and long stretches in cash (idleCaveats.ts). */
function idleCaveats(r: RunRecordings): Caveat[] {
  const idle = { ...r, longCount: r.daily.longCount, shortCount: r.daily.shortCount };
  return [...unheldEndCaveats(idle), ...idleStretchCaveats(idle)];
}

/** Rejected decisions, account cuts and other deferrals. */
function orderCaveats(r: RunRecordings): Caveat[] {
  const out: Caveat[] = [];
  const rejected = r.breaches.filter((b) => b.action === 'rejected');
  if (rejected.length > 0) {
    const cash = r.config.account.kind === 'cash';
    const all = rejected.length === r.decisions;
    const { gross, net, maxGross, maxNet } = rejected[0];
    // What the planner checks (planner.ts): the targeted book at the decision close (a held name without a bar at its last mark).
    const book = `targeted gross ${gross.toFixed(2)}, net ${net.toFixed(2)} × NAV`;
    const why = cash
      ? `their targets short or exceed 100% of NAV (${book}), which a cash account does not allow (set account: { kind: margin, maxGross, maxNet } to allow it)`
      : `their targets breach the margin limits gross ${maxGross}, net ${maxNet} (${book})`;
    out.push(
      caveat('leverage-breach', all ? 'high' : 'medium', `${all ? 'every decision' : `${rejected.length} of ${r.decisions} decisions`} rejected, first on ${rejected[0].date}: ${why}`, { value: rejected.length, unit: 'count' }),
    );
  }
  const cut = r.breaches.filter((b) => b.action === 'deferred');
  if (cut.length > 0) {
    out.push(caveat('leverage-breach', 'medium', `${cut.length} fills cut at the margin limits (first ${cut[0].symbol} on ${cut[0].date})`, { value: cut.length, unit: 'count' }, [...new Set(cut.map((b) => b.symbol ?? ''))]));
  }
  out.push(...openOrdersCaveats(r));
  const d = r.deferrals;
  const n = r.market.symbols.length;
  // Per reason: how many order-sessions, and the largest notional left unfilled on one session as a share of that session's NAV.
  const byReason = new Map<number, { count: number; share: number; session: number; symbols: Set<string> }>();
  const perSession = new Map<string, number>();
  // A target on a symbol with no price yet has no share count: the weight it asked for is what waits.
  const unpricedWeight = d.reason.includes(Deferral.noPrice) ? targetWeights(r.snapshots, n) : undefined;
  for (let k = 0; k < d.reason.length; k++) {
    // A sell the cash could not pay the commission of is told apart from a buy cut to the cash.
    const key = d.reason[k] === Deferral.cash && d.remaining[k] < 0 ? CASH_SELL : d.reason[k];
    const entry = byReason.get(key) ?? { count: 0, share: 0, session: d.session[k], symbols: new Set<string>() };
    entry.count++;
    // Only the exit reasons name their symbols.
    if (d.reason[k] === Deferral.delisted || d.reason[k] === Deferral.dataEnd) entry.symbols.add(r.market.symbols[d.symbol[k]]);
    const price = r.market.close[d.session[k] * n + d.symbol[k]];
    const waiting = d.reason[k] === Deferral.noPrice ? Math.abs(unpricedWeight?.get(d.session[k] * n + d.symbol[k]) ?? NaN) : Math.abs(d.remaining[k] * price) / r.daily.nav[d.session[k] - r.first];
    if (Number.isFinite(waiting)) {
      const sessionKey = `${key}:${d.session[k]}`;
      const share = (perSession.get(sessionKey) ?? 0) + waiting;
      perSession.set(sessionKey, share);
      if (share > entry.share) Object.assign(entry, { share, session: d.session[k] });
    }
    byReason.set(key, entry);
  }
  const spender = r.config.account.kind === 'cash' ? 'a cash account' : 'a plan that asked for no leverage (long only, net at most 1)';
  for (const [reason, { count, share, session, symbols }] of byReason) {
    const largest = `largest ${pct(share)} of NAV on ${isoDay(r.market.dates[session])}`;
    if (reason === Deferral.cash) {
      out.push(caveat('cash-limited', bySize(share, 0.05, 0.01), `buys cut or held back on ${count} order-sessions: ${spender} spends only the cash there at the fill (${largest})`, { value: share, unit: 'nav-share' }));
    } else if (reason === CASH_SELL) {
      out.push(caveat('cash-limited', bySize(share, 0.05, 0.01), `sells refused on ${count} order-sessions: their commission is more than their proceeds plus the cash there (${largest}); the position stays held`, { value: share, unit: 'nav-share' }));
    } else if (reason === Deferral.volumeCap) {
      out.push(caveat('deferred', bySize(share, 0.05, 0.01), `${count} order-sessions deferred: volume-cap — the participation limit left part of an order for later sessions (${largest})`, { value: share, unit: 'nav-share' }));
    } else if (reason === Deferral.noPrice) {
      out.push(
        caveat('deferred', bySize(share, 0.05, 0.01), `${count} order-sessions deferred: no-price — targets named symbols with no price yet (not trading yet, or without a bar that day), and that weight waited in cash (${largest})`, { value: share, unit: 'nav-share' }),
      );
    } else if (reason === Deferral.split) {
      out.push(caveat('deferred', bySize(share, 0.05, 0.01), `${count} orders cancelled: a split left them less than one whole share (${largest})`, { value: share, unit: 'nav-share' }));
    } else if (reason === Deferral.delisted || reason === Deferral.dataEnd) {
      const names = [...symbols];
      const gone = reason === Deferral.delisted ? 'their delisting' : 'their data ended';
      out.push(caveat('deferred', 'medium', `${count} order-sessions deferred: ${DEFERRAL_NAMES[reason]} — targets or orders named ${listSymbols(names)} after ${gone}; nothing was traded for them`, { value: count, unit: 'count' }, names));
    } else {
      // In a cash account the margin limit is the ban on shorts: a sell beyond the holding.
      const why = reason === Deferral.marginLimit && r.config.account.kind === 'cash' ? 'sells beyond the holding (a cash account does not short)' : DEFERRAL_NAMES[reason];
      out.push(caveat('deferred', reason === Deferral.marginLimit ? 'medium' : 'low', `${count} order-sessions deferred: ${why}`, { value: count, unit: 'count' }));
    }
  }
  return out;
}

/** byReason's key for cash deferrals of sells (Deferral codes are ≥ 0). */
const CASH_SELL = -1;

/**
 * Orders still resting when the run ended: their remaining shares at the last close, as a share
 * of the final NAV (the part of the book the orders asked for and the run did not reach).
 */
function openOrdersCaveats(r: RunRecordings): Caveat[] {
  if (r.openAtEnd.length === 0) return [];
  const nav = r.daily.nav[r.last - r.first];
  let value = 0;
  for (const o of r.openAtEnd) {
    const price = lastClose(r.market, o.symbol, r.last);
    if (Number.isFinite(price)) value += Math.abs(o.quantity * price);
  }
  const share = nav > 0 ? value / nav : Infinity;
  const names = [...new Set(r.openAtEnd.map((o) => r.market.symbols[o.symbol]))];
  const message = `${r.openAtEnd.length} orders still open at the run's end (${listSymbols(names)}): ${money(value)} unfilled, ${pct(share)} of the final NAV the book did not reach`;
  return [caveat('open-orders', bySize(share, 0.05, 0.01), message, { value: share, unit: 'nav-share' }, names)];
}

/** Symbol i's last close on or before session t (NaN when it has none). */
function lastClose(m: Market, i: number, t: number): number {
  const n = m.symbols.length;
  for (let s = t; s >= 0; s--) if (!Number.isNaN(m.close[s * n + i])) return m.close[s * n + i];
  return NaN;
}

/** Notes about filling orders (opens, volume) and about a universe's membership: not about one price series' returns. */
const RUN_ONLY = /no opening|no volume|survivor/i;

/**
 * The data caveats a run would give for the price series of symbol `symbol` over sessions
 * [first, last] — its source notes that bear on its returns and its single-session moves that
 * revert — for a series analysed without a run (breadth metrics).
 */
export function seriesCaveats(market: Market, symbol: number, first: number, last: number): Caveat[] {
  const notes = dataCaveats(market, new Set([symbol])).filter((c) => !RUN_ONLY.test(c.message));
  return rankCaveats([...notes, ...movesCaveats(market, new Set([symbol]), first, last, 'series')]);
}

/**
 * Single-session moves that revert (bad prints) in sessions [first, last]: symbol, dates and size.
 * For a run, all of them, those of the names it touched first; for a series, its own only.
 */
function movesCaveats(market: Market, touched: Set<number>, first: number, last: number, scope: 'run' | 'series' = 'run'): Caveat[] {
  const flagged = market.revertingMoves;
  if (!flagged) return [];
  // revertingMoves lists the flagged moves in table order: entry k is session, symbol and moveSession k.
  const listed = revertingMoves(market);
  const inRun = [...listed.keys()].filter((k) => flagged.moveSession[k] >= first && flagged.moveSession[k] <= last && (scope === 'run' || touched.has(flagged.symbol[k])));
  if (inRun.length === 0) return [];
  const moves = inRun.map((k) => listed[k]);
  const held = inRun.filter((k) => touched.has(flagged.symbol[k])).map((k) => listed[k]);
  const shown = (held.length > 0 ? held : moves).slice(0, 5).map(describeMove).join('; ');
  const message =
    `${moves.length} single-session price moves that revert (bad prints or uncarried corporate actions)${held.length > 0 && scope === 'run' ? `, ${held.length} in names the run traded` : ''}: ${shown}${moves.length > 5 ? '; …' : ''}` +
    ' — the built-in cross-sectional strategies leave such a name out for a year once its move is known';
  return [caveat('data-note', held.length > 0 ? 'high' : 'low', message, { value: moves.length, unit: 'count' }, [...new Set(moves.map((m) => m.symbol))])];
}

/** Symbols the run traded or held (a run's fills run to hundreds of thousands; its symbols do not). */
function touchedSymbols(r: RunRecordings): Set<number> {
  const seen = new Uint8Array(r.market.symbols.length);
  const touched = new Set<number>();
  for (const i of r.fills.symbol) {
    if (seen[i] === 1) continue;
    seen[i] = 1;
    touched.add(i);
  }
  return touched;
}

/** Source notes that can change how results read; routine provenance (row counts…) stays in the manifest. */
/**
 * Source notes the run must hear of beyond the standard ones: corporate actions the data names or
 * implies that were not applied as read or were applied against a price move (priceSeries.ts),
 * and bars dropped after a delisting date (delistingDates.ts).
 */
const DOUBTFUL = /not applied again|were ignored|beyond the ratio|after its delisting|disagree with/;
const CAVEAT = new RegExp(`look-ahead|survivor|no volume|total-return|no opening|NaN|missing|distributions above|weekend-dated bars read|next traded row|${DOUBTFUL.source}`, 'i');
/** Notes of a price the run trades that jumps by a split's size with nothing read to explain it. */
const UNREAD_SPLIT = /the size of a split with no split ratio/;

function noteSeverity(note: string): CaveatSeverity {
  if (/look-ahead/i.test(note) || UNREAD_SPLIT.test(note)) return 'high';
  if (/survivor|MISSING/.test(note) || DOUBTFUL.test(note)) return 'medium';
  return 'low';
}

/**
 * Whether a source's notes concern the run: a per-symbol file's when the run touched its symbol;
 * the stock universe's (long price files, SimFin statements, the survivorship note) when it
 * touched a stock; anything else (rates, the calendar) whenever it touched anything.
 */
function sourceConcerns(source: SourceInfo, note: string, market: Market, touched: Set<number>): boolean {
  if (touched.size === 0) return false;
  if (source.format.startsWith('csv per symbol (')) return true; // a folder of many files, one source
  if (source.format.startsWith('csv per symbol')) {
    const i = market.symbols.indexOf(source.path.replace(/^.*[\\/]/, '').replace(/\.csv(\.gz)?$/i, ''));
    return i >= 0 && touched.has(i);
  }
  if (/^(long csv|SimFin)/.test(source.format) || /survivor/i.test(note)) {
    for (const i of touched) if (market.assetClass[i] === AssetClass.stock) return true;
    return false;
  }
  return true;
}

/** Data caveats of the sources the run touched, each note once with the files it concerns. */
function dataCaveats(market: Market, touched: Set<number>): Caveat[] {
  const files = new Map<string, string[]>();
  for (const source of market.sources) {
    for (const note of source.notes) {
      if (!CAVEAT.test(note)) continue;
      if (!sourceConcerns(source, note, market, touched)) continue;
      files.set(note, [...(files.get(note) ?? []), source.path.replace(/^.*[\\/]/, '')]);
    }
  }
  return [...files].map(([note, names]) =>
    caveat('data-note', noteSeverity(note), names.length === 1 ? `${names[0]}: ${note}` : `${note} (${names.length} files: ${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''})`),
  );
}
