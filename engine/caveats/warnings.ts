// The run's caveats (caveats.ts), from what the replay recorded: each says what happened, how
// much of the book it concerned, and how severe it is for reading the results. Data caveats
// concern only what the run read (RunScope): the symbols it traded or held and those its strategy
// read through the view (so could select), a rate series only when the run used it (its
// strategy read it, or it is the cash rate), and fundamentals only when the strategy read them.

import { isoDay, parseIsoDay } from '../../data/dates.ts';
import { printable } from '../../data/errors.ts';
import { describeMove, revertingMoves } from '../../data/inspect.ts';
import { UNREAD_RATE_FILE } from '../../data/folder/rateFiles.ts';
import { isReadElsewhere, opensNotRead } from '../../data/folder/unreadFolders.ts';
import { AssetClass, type Market, type SourceInfo } from '../../data/market.ts';
import { restateNote } from '../../data/listedNotes.ts';
import { rateGaps } from '../../data/rates.ts';
import { type Caveat, caveat, type CaveatSeverity, listSymbols, orderSessions, pct, rankCaveats, severityBySize } from './caveats.ts';
import type { EngineConfig } from '../config.ts';
import type { AppliedSplit, PositionExit } from '../market/corporateActions.ts';
import { exitCaveats } from './exitCaveats.ts';
import { financingCaveats } from './financingCaveats.ts';
import { flatPriceCaveats } from './flatPriceCaveats.ts';
import type { Holdings } from '../accounting/holdingLog.ts';
import { type HeldPastData, lateDelistingCaveats } from './lateDelistingCaveats.ts';
import { idleStretchCaveats, unheldEndCaveats } from './idleCaveats.ts';
import { marginCutCaveats } from './marginCutCaveats.ts';
import { type OpenOrder, openOrdersCaveats } from './openOrderCaveats.ts';
import { symbolCoverageCaveats } from './symbolCoverage.ts';
import { neverFilledReason, warmUpReason } from '../decisions/warmUpReason.ts';
import { inferFrequency } from '../calendar/frequency.ts';
import { inferredPeriodsCaveats } from './inferredPeriodsCaveats.ts';
import { givenPeriodsCaveats } from './givenPeriodsCaveats.ts';
import type { LiquidityGaps } from './liquidityGaps.ts';
import type { CashModel } from '../models/types.ts';
import { Deferral, DEFERRAL_NAMES } from '../execution/orders.ts';
import { rateGapCaveats } from './rateGapCaveat.ts';
import type { ScreenedMoves } from './screenedMoves.ts';
import { skippedByRule, skippedTradeCaveats, skipRuleAdvice, skipRuleText } from './skippedTradeCaveats.ts';
import { requestedPeriodCaveats } from '../calendar/requestedPeriod.ts';
import { splitCaveats } from './splitCaveats.ts';
import { targetWaitCaveats } from './targetWaitCaveats.ts';
import type { TargetWait } from '../execution/pendingTargets.ts';
import { type LimitDrift, limitDriftCaveats } from '../accounting/limitDrift.ts';
import type { DailyColumn, Deferrals, Fills, LeverageBreach, Orders, RunFacts, SkipRule, SkippedTrades, Snapshots } from '../result.ts';
import type { SignalGaps } from '../decisions/signalGaps.ts';
import type { StrategyNotes } from '../decisions/strategyNotes.ts';
import type { ViewReads } from '../decisions/viewReads.ts';

export interface RunRecordings {
  readonly config: EngineConfig;
  readonly market: Market;
  /** First and last market session of the run. */
  readonly first: number;
  readonly last: number;
  /** P of the run: the config's periodsPerYear, else inferred from its calendar (first..last). */
  readonly periodsPerYear: number;
  readonly daily: Readonly<Record<DailyColumn, Float64Array>>;
  readonly fills: Fills;
  readonly orders: Orders;
  readonly snapshots: Snapshots;
  /** Each position's shares at the close of every session a trade or split changed them (engine/accounting/holdingLog.ts). */
  readonly holdings: Holdings;
  readonly facts: RunFacts;
  /** Session of the first close with a position; −1 when the run never invested. */
  readonly firstInvested: number;
  /** Splits that met a held position (CorporateActions.appliedSplits). */
  readonly appliedSplits: readonly AppliedSplit[];
  /** The data-end exits with their sessions (facts.dataEndExits names them). */
  readonly dataEndExits: readonly PositionExit[];
  /** The delisting exits with their sessions, last closes and the returns applied. */
  readonly delistingExits: readonly PositionExit[];
  /** Positions held at the end in symbols delisted on or after the data's last session, no exit applying their return (lateDelistingCaveats.ts). */
  readonly heldPastData: readonly HeldPastData[];
  /** Decisions that returned targets. */
  readonly decisions: number;
  /** Their sessions, ascending (Result.decisionSessions): how long a rejected decision's previous book stood. */
  readonly decisionSessions: ArrayLike<number>;
  /** Trades the planner's skip rules dropped (RebalancePlanner.skipped, over the run). */
  readonly skippedTrades: SkippedTrades;
  /** Buys of share or value targets the planner cut to the cash where it sized them — their decision, or a waiting target's first price (planPending, sized as a decision there would) — each one of the `cash` deferrals; the rest are cut at a fill. */
  readonly cutAtDecision: number;
  readonly breaches: readonly LeverageBreach[];
  /** Closes at which prices had carried the book past the margin limits (limitDrift.ts). */
  readonly limitDrift: LimitDrift;
  readonly deferrals: Deferrals;
  /** Targets that waited for their symbol's price (engine/execution/pendingTargets.ts). */
  readonly targetWaits: readonly TargetWait[];
  readonly openFallbacks: number;
  /** Order-sessions whose volume limit met a blank volume cell, read as the last volume before it, or with none before it (engine/execution/broker.ts). */
  readonly blankVolumes: { readonly lastKnown: number; readonly noneKnownYet: number };
  /** Orders still resting at the run's end, placed before its last session (one placed on it had no session to fill in): symbol, remaining signed shares and the shares held then. */
  readonly openAtEnd: readonly OpenOrder[];
  readonly missingRateDays: number;
  /** Sessions accrued at the cash rate series' last rate after its end. */
  readonly carriedRate?: CashModel['carriedRate'];
  readonly liquidityGaps: LiquidityGaps;
  /** What the strategy read through its view (symbols, rate series, fundamentals). */
  readonly reads: Pick<ViewReads, 'symbols' | 'named' | 'crossSection' | 'rates' | 'fundamentals' | 'caps' | 'adjustedCaps' | 'screenedMoves' | 'longest' | 'longestBars' | 'longestBarsSymbol'>;
  /** The strategy's notes of steps that could not apply (MarketView.caveat). */
  readonly strategyNotes: StrategyNotes;
  /** The decisions made without their signal, or without data they asked for (MarketView.signalUnknown, signalGaps.ts). */
  readonly signalGaps: SignalGaps;
}

/**
 * What a run read, the one rule for which data notes concern it: `symbols` are those it traded or
 * held plus those its strategy read through the view; `traded` those it traded or held (notes
 * about filling orders concern only them); `fundamentals` whether the strategy read any.
 */
export interface RunScope {
  readonly symbols: ReadonlySet<number>;
  readonly traded: ReadonlySet<number>;
  readonly fundamentals: boolean;
  /** Rate series the run used (Market.rates keys): those its strategy read and its cash rate. Absent: none. */
  readonly rates?: ReadonlySet<string>;
  /** `symbols` plus those the strategy targeted or ordered without reading them (withTargets): a calendar note naming one (bars dropped after its delisting) concerns the run. Absent: `symbols`. */
  readonly named?: ReadonlySet<number>;
  /**
   * Whether the strategy selected names from the data's list — read universe membership or a
   * cross-section, or read a symbol it never named (an index it enumerated) — rather than only
   * names it gave (ViewReads.crossSection, ViewReads.named): the survivorship note concerns only
   * such a run. Absent: false (a series analysed alone).
   */
  readonly selected?: boolean;
}

/**
 * Waiting in cash longer than this many calendar days — a week — is reported (the one session an
 * order waits for its fill is never counted): 6 daily sessions, 2 weekly or monthly ones.
 */
const WARM_UP_DAYS = 7;
/** Sessions named in the caveat of waiting targets rejected at their price before "and on N more". */
const SHOWN_DATES = 3;

/** Each decision's target weight the book lacked there — the target less the weight held at its mark, toward the target's side, 0 where the holding reaches it (snapshot rows; `nav` by market session) — keyed by market session × `n` symbols + symbol. */
function unheldTargetWeights(p: Snapshots, n: number, nav: (session: number) => number): Map<number, number> {
  const out = new Map<number, number>();
  for (let k = 0; k < p.session.length; k++) {
    const target = p.targetWeight[k];
    if (!Number.isFinite(target)) continue;
    const held = p.shares[k] === 0 ? 0 : (p.shares[k] * p.price[k]) / nav(p.session[k]);
    // Only the part of the target the book lacks waits in cash: a holding over its target (or a short beyond it) stays invested.
    out.set(p.session[k] * n + p.symbol[k], Math.max(0, Math.sign(target) * (target - held)));
  }
  return out;
}

/** A source's note that it has no opening prices (prices/series/priceSeries.ts fileNotes). */
const NO_OPENS_NOTE = /no opening prices: next-open fills use/;

/** How a run's caveat on a P given names it (givenPeriodsCaveats). */
const RUN_WORDS = { whose: "the run's", accrued: 'interest and borrow fees', row: 'session', readBy: ' and is what the strategy reads (view.periodsPerYear, windows given as durations)' } as const;

export function describeRun(r: RunRecordings): Caveat[] {
  const scope = runScope(r);
  return rankCaveats([
    ...engineCaveats(r),
    ...periodCaveats(r),
    // An inferred P that the run's sessions up to a date would not give: read before that date, it depends on later dates.
    ...(r.config.periodsPerYear === undefined ? inferredPeriodsCaveats(r.market.dates, r.first, r.last, r.periodsPerYear) : []),
    // A P given that the calendar would not give: it annualises, the accruals keep the calendar's spacing.
    ...givenPeriodsCaveats(r.market.dates.subarray(r.first, r.last + 1), r.config.periodsPerYear, RUN_WORDS),
    ...symbolCoverageCaveats(r.market, scope.named, waitedForPrices(r), r.first, r.last),
    ...bookCaveats(r),
    ...financingCaveats(r),
    // A run that placed no order says it in its never-invested caveat (everyTradeDropped).
    ...(r.orders.id.length > 0 ? skippedTradeCaveats(r.skippedTrades, r.market, r.config) : []),
    ...splitCaveats(r.market, r.appliedSplits, (t) => r.daily.nav[t - r.first]),
    ...idleCaveats(r),
    ...orderCaveats(r),
    ...targetWaitCaveats(r.market, r.targetWaits, r.first, r.last),
    // The data's "no opening prices" concerns next-open fills alone, and is said by the run's own count of fills at the close when there were any.
    ...dataCaveats(r.market, scope).filter((c) => !(NO_OPENS_NOTE.test(c.message) && (r.openFallbacks > 0 || r.config.execution !== 'next-open'))),
    ...gapCaveats(r.market, scope.symbols, r.first, r.last),
    ...movesCaveats(r.market, scope, r.first, r.last, 'run', r.reads.screenedMoves),
    ...flatPriceCaveats({ market: r.market, first: r.first, last: r.last, periodsPerYear: r.periodsPerYear, snapshots: r.snapshots, holdings: r.holdings, nav: r.daily.nav }),
  ]);
}

/** What the participation limit did with blank volume cells in this run: only the cases that happened. */
function blankVolumeText({ lastKnown, noneKnownYet }: RunRecordings['blankVolumes']): string | undefined {
  const said = [
    lastKnown > 0 ? `${orderSessions(lastKnown)} had a blank volume cell: the participation limit used the last volume before it` : '',
    noneKnownYet > 0 ? `${orderSessions(noneKnownYet)} had no volume known yet (a blank cell, or a 0 before the symbol's first traded volume): read as unknown, so the participation limit did not apply there` : '',
  ].filter(Boolean);
  return said.length > 0 ? said.join('; ') : undefined;
}

function engineCaveats(r: RunRecordings): Caveat[] {
  const out: Caveat[] = [];
  if (r.config.execution === 'same-close') out.push(caveat('look-ahead', 'high', 'same-close execution: orders fill on the close the strategy decided on (look-ahead-prone)'));
  if (r.market.synthetic) out.push(caveat('synthetic', 'medium', 'SYNTHETIC data: results come from the built-in sample universe, not real prices'));
  if (r.openFallbacks > 0) {
    // Opens in a folder the data folder does not read (etf/ohlcv/ beside etf/adjclose/) are named: they exist, unused.
    const unused = opensNotRead(r.market);
    out.push(caveat('no-opens', 'medium', `${r.openFallbacks} next-open fill${r.openFallbacks === 1 ? '' : 's'} used the session close because the data has no opening prices${unused ? `; ${unused}` : ''}`, { value: r.openFallbacks, unit: 'count' }));
  }
  const blank = blankVolumeText(r.blankVolumes);
  if (blank !== undefined) out.push(caveat('blank-volume', 'low', blank, { value: r.blankVolumes.lastKnown + r.blankVolumes.noneKnownYet, unit: 'count' }));
  if (r.missingRateDays > 0) {
    // Cash without its rate earns nothing: a rate series starting years into the run (T-bills from 2000 in a run from 1993) leaves a lot of cash idle.
    const share = r.missingRateDays / (r.last - r.first + 1);
    const severity: CaveatSeverity = share > 0.1 ? 'high' : r.missingRateDays > 21 ? 'medium' : 'low';
    out.push(caveat('missing-rate', severity, `cash rate missing on ${r.missingRateDays} session${r.missingRateDays === 1 ? '' : 's'} (${pct(share)} of the run): no interest accrued there, and cash there counts as earning 0 %`, { value: r.missingRateDays, unit: 'sessions' }));
  }
  const carried = r.carriedRate;
  if (carried !== undefined) {
    out.push(caveat('missing-rate', carried.sessions > 21 ? 'medium' : 'low', `cash rate series ends on ${isoDay(carried.lastDay)}: its last rate (${(carried.lastRate * 100).toFixed(2)}%) accrued on the ${carried.sessions} session${carried.sessions === 1 ? '' : 's'} after ${isoDay(carried.dueDay)}, when its next rate was due`, { value: carried.sessions, unit: 'sessions' }));
  }
  const rate = r.config.cash.rate;
  if (typeof rate === 'string' && rate in r.market.rates) {
    const sessions = r.market.dates.subarray(r.first, r.last + 1);
    out.push(...rateGapCaveats(`cash rate series ${rate}`, 'accrued on', rateGaps(r.market.rates[rate], sessions)));
  }
  out.push(...r.liquidityGaps.caveats(r.market));
  out.push(...r.strategyNotes.caveats(r.market));
  out.push(...r.signalGaps.caveats(r.market));
  out.push(...r.reads.caps.caveats(r.market));
  out.push(...r.reads.adjustedCaps.caveats(r.market));
  return out;
}

/** Symbols whose target waited in cash for want of a price (no price yet, or after a delisting or data end): a late start that cost the run. */
function waitedForPrices(r: RunRecordings): Set<number> {
  const out = new Set<number>();
  const d = r.deferrals;
  for (let k = 0; k < d.reason.length; k++) if (d.reason[k] === Deferral.noPrice || d.reason[k] === Deferral.delisted || d.reason[k] === Deferral.dataEnd) out.add(d.symbol[k]);
  return out;
}

/** The symbols read (`read`) plus those the strategy targeted or ordered, priced or not (snapshots, deferrals). */
function withTargets(r: RunRecordings, read: ReadonlySet<number>): Set<number> {
  const out = new Set(read);
  for (const i of r.snapshots.symbol) out.add(i);
  for (const i of r.deferrals.symbol) out.add(i);
  return out;
}

/**
 * Requested vs actual start and end, and the time spent in cash before the first investment —
 * with its reason as the replay recorded it (warmUpReason.ts).
 */
function periodCaveats(r: RunRecordings): Caveat[] {
  const { facts, market } = r;
  const start = market.dates[r.first];
  const out: Caveat[] = requestedPeriodCaveats(market.dates, r.first, r.last, { from: facts.requestedFrom, to: r.config.to ?? market.requested?.to });
  const sessions = r.last - r.first + 1;
  if (facts.firstInvestedDate === null) {
    out.push(caveat('warm-up', 'high', `never invested: ${sessions === 1 ? 'its 1 session' : `all ${sessions} sessions`} in cash${neverInvestedReason(r)}`, { value: sessions, unit: 'sessions' }));
  } else if (facts.sessionsInCash > 1 && parseIsoDay(facts.firstInvestedDate) - start > WARM_UP_DAYS) {
    const share = facts.sessionsInCash / sessions;
    const days = parseIsoDay(facts.firstInvestedDate) - start;
    out.push(
      caveat('warm-up', share > 0.1 ? 'high' : days > 31 ? 'medium' : 'low', `first investment on ${facts.firstInvestedDate}, after ${facts.sessionsInCash} session${facts.sessionsInCash === 1 ? '' : 's'} in cash (${pct(share)} of the run)${warmUpReason(r)} — the metrics count that time`, {
        value: facts.sessionsInCash,
        unit: 'sessions',
      }),
    );
  }
  if (facts.ruinDate !== null) out.push(caveat('ruin', 'high', `ruin: NAV fell to zero or below on ${facts.ruinDate}; nothing was ordered or filled after it`));
  return out;
}

/** A run that placed no order and whose skip rules dropped trades: " — every trade was dropped by the skip rules (10 below minTradeNotional 600): lower minTradeNotional or raise the cash"; '' when they dropped none. */
function everyTradeDropped(r: RunRecordings): string {
  const counts = skippedByRule(r.skippedTrades);
  const rules = counts.flatMap((count, rule) => (count > 0 ? [rule as SkipRule] : []));
  if (rules.length === 0) return '';
  return ` — every trade was dropped by the skip rules (${rules.map((rule) => `${counts[rule].toLocaleString('en-US')} ${skipRuleText(rule, r.config)}`).join(', ')}): ${rules.map(skipRuleAdvice).join('; ')}`;
}

/**
 * Why a run never invested, as far as its records and the data say: no decision returned targets
 * or orders, the skip rules dropped every trade, or its orders rested and none filled (an explicit
 * limit order never reached is no decision without targets: probe r67a F2); a window longer than
 * the data; symbols with no price in its sessions.
 */
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
  return `${neverOrderedReason(r)}${windowReason(r)}${unpriced.length > 0 ? `; no price in the run's sessions for ${listSymbols(unpriced)}` : ''}`;
}

/** What became of a never-invested run's decisions: " — no decision returned targets", every trade dropped (everyTradeDropped), or " — orders rested and none filled (…)"; '' otherwise. */
function neverOrderedReason(r: RunRecordings): string {
  if (r.orders.id.length === 0) return r.decisions === 0 ? ' — no decision returned targets' : everyTradeDropped(r);
  const rested = neverFilledReason(r);
  return rested === '' ? '' : ` — ${rested}`;
}

/**
 * A run that never invested whose strategy asked, in one read, for at least as much history as
 * the data holds up to the run's end: its window never filled, or filled only on the last session,
 * too late for an order to fill (a 200-session moving average on 24 month-ends is 200 months) —
 * in sessions, or in one symbol's own bars (MarketView.adjustedBars). '' otherwise.
 */
function windowReason(r: RunRecordings): string {
  const held = r.last + 1;
  const P = inferFrequency(r.market.dates).periodsPerYear;
  const years = (k: number): string => `${(k / P).toFixed(k >= P ? 1 : 2)} years at ${P} sessions a year`;
  const fill = (asked: number, there: number): string => (asked > there ? 'so its window could never fill' : 'so its window filled only on the last session, too late for an order to fill');
  const advice = 'shorten it, or give more history';
  if (r.reads.longest >= held) {
    return `; it asked for ${r.reads.longest} sessions of history (${years(r.reads.longest)}), ${r.reads.longest > held ? 'more than' : 'all'} the ${held} the data holds up to the run's end (${years(held)}), ${fill(r.reads.longest, held)}: a window counts sessions of this calendar — ${advice}`;
  }
  const i = r.reads.longestBarsSymbol;
  if (i < 0) return '';
  const n = r.market.symbols.length;
  let bars = 0;
  for (let t = 0; t <= r.last; t++) if (!Number.isNaN(r.market.close[t * n + i])) bars++;
  if (r.reads.longestBars < bars) return '';
  const name = r.market.symbols[i];
  return `; it asked for ${r.reads.longestBars} of ${name}'s own bars, ${r.reads.longestBars > bars ? 'more than' : 'all'} the ${bars} ${name} has up to the run's end, ${fill(r.reads.longestBars, bars)}: ${advice}`;
}

/** Stale marks, data-end and delisting exits, delistings past the data: parts of the book valued or closed without a market. */
function bookCaveats(r: RunRecordings): Caveat[] {
  const out: Caveat[] = [];
  const { facts, daily } = r;
  const navBefore = (t: number): number => daily.nav[Math.max(0, t - r.first - 1)];
  const traded = daily.tradedNotional.reduce((s, v) => s + v, 0);
  out.push(...exitCaveats(r.market, 'data-end', r.dataEndExits, navBefore, traded), ...exitCaveats(r.market, 'delisting', r.delistingExits, navBefore, traded));
  out.push(...lateDelistingCaveats(r.market, r.heldPastData, daily.nav[r.last - r.first], r.last));
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
        severityBySize(peak, 0.05, 0.01),
        `positions marked at prices more than ${r.config.staleMarkSessions} sessions old: peak ${pct(peak)} of NAV, mean ${pct(days ? sum / days : 0)}; ${names.length} name${names.length === 1 ? '' : 's'} (${listSymbols(names)}), longest ${longest.symbol} for ${longest.sessions} sessions from ${longest.firstStaleDate}`,
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

/** Above this share of the run's sessions on a rejected decision's previous book, the run is largely not the strategy's: high. */
const REJECTED_HIGH_SHARE = 0.1;

/**
 * Sessions the book stood on a rejected decision's previous plan: from each run of rejected
 * decisions (sessions `rejected` among the ascending `decisions`) to the next decision the account
 * accepted, or to the run's `last` session inclusive. Decisions 0, 21, 42 with 0 and 21 rejected
 * and last 60: 42 − 0 = 42.
 */
export function sessionsOnRejected(rejected: ReadonlySet<number>, decisions: ArrayLike<number>, last: number): number {
  let total = 0;
  let from = -1;
  for (let k = 0; k < decisions.length; k++) {
    const t = decisions[k];
    if (rejected.has(t)) {
      if (from < 0) from = t;
    } else if (from >= 0) {
      total += t - from;
      from = -1;
    }
  }
  return from >= 0 ? total + last + 1 - from : total;
}

/** Rejected decisions, account cuts and other deferrals. */
function orderCaveats(r: RunRecordings): Caveat[] {
  const out: Caveat[] = [];
  // What the planner checks (planner.ts): the targeted book at the decision close (a held name without a bar at its last mark).
  const why = ({ gross, net, maxGross, maxNet }: LeverageBreach): string => {
    const book = `targeted gross ${gross.toFixed(2)}, net ${net.toFixed(2)} × NAV`;
    return r.config.account.kind === 'cash'
      ? `their targets short or exceed 100% of NAV (${book}), which a cash account does not allow (set account: { kind: margin, maxGross, maxNet } to allow it)`
      : `their targets breach the margin limits gross ${maxGross}, net ${maxNet} (${book})`;
  };
  // A decision's rejection names no symbol; a waiting target's, rejected at its symbol's price (backtest.ts orderPending), names it.
  const rejected = r.breaches.filter((b) => b.action === 'rejected' && b.symbol === null);
  if (rejected.length > 0) {
    const all = rejected.length === r.decisions;
    // Graded by its effect: the sessions the book stood on a rejected decision's previous plan (cash before any was accepted).
    const stood = sessionsOnRejected(new Set(rejected.map((b) => b.session)), r.decisionSessions, r.last);
    const share = stood / (r.last - r.first + 1);
    const effect = all ? '' : `; the book stood as before them on ${stood.toLocaleString('en-US')} session${stood === 1 ? '' : 's'} (${pct(share)} of the run)`;
    out.push(
      caveat('leverage-breach', share > REJECTED_HIGH_SHARE ? 'high' : 'medium', `${all ? 'every decision' : `${rejected.length} of ${r.decisions} decisions`} rejected, first on ${rejected[0].date}: ${why(rejected[0])}${effect}`, { value: rejected.length, unit: 'count' }),
    );
  }
  // One row per waiting target rejected; those rejected together (one session) are named together.
  const waits = r.breaches.filter((b) => b.action === 'rejected' && b.symbol !== null);
  if (waits.length > 0) {
    const n = waits.length;
    const names = [...new Set(waits.map((b) => b.symbol ?? ''))];
    const byDate = new Map<string, string[]>();
    for (const b of waits) byDate.set(b.date, [...(byDate.get(b.date) ?? []), b.symbol ?? '']);
    const dates = [...byDate].slice(0, SHOWN_DATES).map(([date, symbols]) => `${listSymbols(symbols)} on ${date}`);
    const more = byDate.size > SHOWN_DATES ? `; and on ${byDate.size - SHOWN_DATES} more sessions` : '';
    out.push(
      caveat(
        'leverage-breach',
        'medium',
        `${n} waiting target${n === 1 ? '' : 's'} rejected at ${n === 1 ? "its symbol's price" : "their symbols' prices"} (${dates.join('; ')}${more}): ${byDate.size > 1 ? 'on the first, ' : ''}${why(waits[0])}`,
        { value: n, unit: 'count' },
        names,
      ),
    );
  }
  // A cut fill's breach row and its margin-limit deferral are the same event: told once, by what became of the order.
  out.push(...marginCutCaveats({ account: r.config.account, market: r.market, first: r.first, nav: r.daily.nav, deferrals: r.deferrals, orders: r.orders, fills: r.fills }));
  const closed = r.breaches.filter((b) => b.action === 'closed');
  if (closed.length > 0) {
    const first = closed[0];
    out.push(
      caveat(
        'leverage-breach',
        'medium',
        `${closed.length} session${closed.length === 1 ? '' : 's'} where closing a position (a fill, a delisting or a data end) took the book further past the margin limits (first ${first.symbol} on ${first.date}: gross ${first.gross.toFixed(2)}, net ${first.net.toFixed(2)} × NAV against ${first.maxGross} and ${first.maxNet}): closing is never cut, and what would have kept the book within them did not trade that session`,
        { value: closed.length, unit: 'count' },
        [...new Set(closed.map((b) => b.symbol ?? ''))],
      ),
    );
  }
  out.push(...limitDriftCaveats(r.limitDrift, r.config.account, r.market));
  out.push(...openOrdersCaveats({ ...r, finalNav: r.daily.nav[r.last - r.first] }));
  const d = r.deferrals;
  const n = r.market.symbols.length;
  // Per reason: how many order-sessions (no-price: targets, one row per decision and symbol — unpricedTargets), and the largest notional left unfilled on one session as a share of that session's NAV.
  const byReason = new Map<number, { count: number; share: number; session: number; symbols: Set<string> }>();
  const perSession = new Map<string, number>();
  // A target on a symbol with no price has no share count: what waits is the weight it asked for less what the book kept there (a stale holding, marked).
  const unpricedWeight = d.reason.includes(Deferral.noPrice) ? unheldTargetWeights(r.snapshots, n, (t) => r.daily.nav[t - r.first]) : undefined;
  for (let k = 0; k < d.reason.length; k++) {
    if (d.reason[k] === Deferral.marginLimit || d.reason[k] === Deferral.noShorts) continue; // marginCutCaveats
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
      out.push(caveat('cash-limited', severityBySize(share, 0.05, 0.01), `buys cut or held back on ${orderSessions(count)}: ${spender} spends only the cash there${cashCutWhere(count, r.cutAtDecision)} (${largest})`, { value: share, unit: 'nav-share' }));
    } else if (reason === CASH_SELL) {
      out.push(caveat('cash-limited', severityBySize(share, 0.05, 0.01), `sells refused on ${orderSessions(count)}: their commission is more than their proceeds plus the cash there after the session's other sales (${largest}); the position stays held`, { value: share, unit: 'nav-share' }));
    } else if (reason === Deferral.volumeCap) {
      out.push(caveat('deferred', severityBySize(share, 0.05, 0.01), `${orderSessions(count)} deferred: volume-cap — the participation limit left part of an order for later sessions (${largest})`, { value: share, unit: 'nav-share' }));
    } else if (reason === Deferral.noPrice) {
      out.push(
        caveat('deferred', severityBySize(share, 0.05, 0.01), `${unpricedTargets(count)} deferred: no-price — ${count === 1 ? "a decision's target named a symbol" : "decisions' targets named symbols"} with no price yet (not trading yet, or its last bar older than staleMarkSessions), and that weight waited in cash until the symbol had a price or a later decision replaced it (${largest}); counted once per decision and symbol, however many sessions it waited`, { value: share, unit: 'nav-share' }),
      );
    } else if (reason === Deferral.split) {
      out.push(caveat('deferred', severityBySize(share, 0.05, 0.01), `${count} order${count === 1 ? '' : 's'} cancelled: a split left them less than one whole share (${largest})`, { value: share, unit: 'nav-share' }));
    } else if (reason === Deferral.delisted || reason === Deferral.dataEnd) {
      const names = [...symbols];
      const gone = reason === Deferral.delisted ? 'their delisting' : 'their data ended';
      out.push(caveat('deferred', 'medium', `${orderSessions(count)} deferred: ${DEFERRAL_NAMES[reason]} — targets or orders named ${listSymbols(names)} after ${gone}; nothing was traded for them`, { value: count, unit: 'count' }, names));
    } else {
      const why = reason === Deferral.noTrade ? 'no-trade — the symbol had no bar that session, or one without volume (a suspended or untraded session), so the order rested' : DEFERRAL_NAMES[reason];
      out.push(caveat('deferred', 'low', `${orderSessions(count)} deferred: ${why}`, { value: count, unit: 'count' }));
    }
  }
  return out;
}

/**
 * Where the `count` buy cuts to the cash were made: at the fill, or — `atDecision` of them — at
 * the decision, where the planner cut what share or value targets asked for to what the cash
 * covers after costs (a weight target is sized net of costs: no cut).
 */
function cashCutWhere(count: number, atDecision: number): string {
  const atFill = count > atDecision ? ' at the fill' : '';
  if (atDecision === 0) return atFill;
  const cut = atDecision === 1 ? '1 buy of a share or value target was' : `${atDecision} buys of share or value targets were`;
  return `${atFill}${atFill === '' ? ' —' : ';'} ${cut} cut at the decision to what the cash covers after costs`;
}

/**
 * "1 target", "3 targets": the no-price deferrals, counted as the store holds them — one row per
 * decision and symbol it could not size, on the decision's session, however many sessions the target
 * then waited (DDD's 20 % target of 2024-01-02, ordered at its first close nine sessions later, is
 * 1 target: it read "1 order-session", a one-session delay, probe r72b F2). How long a first price
 * kept it waiting is the pending-target caveat's ("… waited for its first price (2024-01-16)").
 */
const unpricedTargets = (n: number): string => `${n.toLocaleString('en-US')} target${n === 1 ? '' : 's'}`;

/** byReason's key for cash deferrals of sells (Deferral codes are ≥ 0). */
const CASH_SELL = -1;

/** Notes about filling orders (opens, volume): they concern the symbols a run traded, not those it only read. */
const FILLING = /no opening|no volume|volume is 0 on/i;
/** Notes about filling orders and about a universe's membership: not about one price series' returns. */
const RUN_ONLY = new RegExp(`${FILLING.source}|survivor`, 'i');

/** Which of breadth metrics' two series a caveat is about: the series analysed, or its benchmark. */
export type SeriesRole = 'series' | 'benchmark';

/**
 * The data caveats a run would give for the price series of symbol `symbol` over sessions
 * [first, last] — its source notes that bear on its returns, its sessions without a bar and its
 * single-session moves that revert — for a series analysed without a run (breadth metrics). As
 * the `benchmark`, each says so ("benchmark: BBB.csv: …": its file may even share the series'
 * name), and its sessions without a bar are left to the benchmark's coverage caveat
 * (reports/benchmark/benchmarkCoverage.ts), which counts those the pairing misses: any others pair nothing.
 */
export function seriesCaveats(market: Market, symbol: number, first: number, last: number, role: SeriesRole = 'series'): Caveat[] {
  const own = new Set([symbol]);
  const notes = dataCaveats(market, { symbols: own, traded: own, fundamentals: false }).filter((c) => !RUN_ONLY.test(c.message));
  const moves = movesCaveats(market, { symbols: own, traded: own, fundamentals: false }, first, last, 'series');
  if (role === 'benchmark') return rankCaveats([...notes, ...moves].map((c) => ({ ...c, message: `benchmark: ${c.message}` })));
  return rankCaveats([...notes, ...gapCaveats(market, own, first, last, 'series'), ...moves]);
}

/**
 * Single-session moves that revert (bad prints) in sessions [first, last] of the symbols in
 * scope, and those a screen on them counted at one of the run's decisions (`screened`,
 * MarketView.revertingMoves: the name was left out there), moves before the run included: symbol,
 * dates and size, those of the names the run traded first; the names screened out with the
 * decisions they were left out of. High when the run traded such a name, medium when the screen
 * left one out of its book, else low. E.g. "3 single-session price moves that revert (…), 1 in
 * names the run traded: AMC 2021-01-27 ×4.01 (back 2021-02-05) — the strategy's screen left out
 * 2 names while a move of theirs was known, moves before the run included: KODK 2020-07-29 ×4.18
 * (back 2020-08-10), left out at 6 decisions, 2020-09-01 to 2021-02-01; …".
 */
function movesCaveats(market: Market, scope: RunScope, first: number, last: number, kind: 'run' | 'series' = 'run', screened?: ScreenedMoves): Caveat[] {
  const flagged = market.revertingMoves;
  if (!flagged) return [];
  // revertingMoves lists the flagged moves in table order: entry k is session, symbol and moveSession k.
  const listed = revertingMoves(market);
  const inRun = [...listed.keys()].filter((k) => flagged.moveSession[k] >= first && flagged.moveSession[k] <= last && scope.symbols.has(flagged.symbol[k]));
  const out = screened?.moves() ?? [];
  const all = new Set([...inRun, ...out]);
  if (all.size === 0) return [];
  const moves = inRun.map((k) => listed[k]);
  const held = inRun.filter((k) => scope.traded.has(flagged.symbol[k])).map((k) => listed[k]);
  const shown = (held.length > 0 ? held : moves).slice(0, 5).map(describeMove).join('; ');
  const names = new Set(out.map((k) => flagged.symbol[k]));
  const screen =
    names.size > 0
      ? ` — the strategy's screen left out ${names.size === 1 ? '1 name while a move of its' : `${names.size} names while a move of theirs`} was known, moves before the run included: ${screened!.describe(market, listed)}`
      : ' — the built-in cross-sectional strategies leave such a name out for a year once its move is known';
  const message =
    `${all.size} single-session price move${all.size === 1 ? '' : 's'} that revert${all.size === 1 ? 's' : ''} (bad prints, uncarried corporate actions, or real spikes such as a squeeze — check them)${held.length > 0 && kind === 'run' ? `, ${held.length} in names the run traded` : ''}` +
    `${moves.length > 0 ? `: ${shown}${moves.length > 5 ? '; …' : ''}` : ''}${screen}`;
  const severity = held.length > 0 ? 'high' : names.size > 0 ? 'medium' : 'low';
  return [caveat('data-note', severity, message, { value: all.size, unit: 'count' }, [...new Set([...all].sort((a, b) => a - b).map((k) => listed[k].symbol))])];
}

/**
 * Sessions in [first, last] without a bar (NaN close) inside the histories of the symbols in
 * `symbols` — after a symbol's first bar and before its last, as the calendar's note counts them
 * over the whole data (data/folder/source.ts) — e.g. "5 sessions without a bar inside the
 * histories of 2 symbols the run read (NaN) in its sessions: AAA 3, BBB 2" (`series`: "… inside
 * the history of the series (NaN) in the sessions measured: AAA 1", for breadth metrics). Low: a held name's
 * gap shows again as a stale mark, a target's as a no-price deferral.
 */
function gapCaveats(market: Market, symbols: ReadonlySet<number>, first: number, last: number, kind: 'run' | 'series' = 'run'): Caveat[] {
  const n = market.symbols.length;
  const list = Int32Array.from(symbols);
  const seen = new Uint8Array(list.length);
  // NaN sessions in the run since the symbol's last bar: a gap once another bar follows.
  const pending = new Int32Array(list.length);
  const gaps = new Int32Array(list.length);
  for (let t = 0; t < market.dates.length; t++) {
    const inRun = t >= first && t <= last;
    for (let k = 0; k < list.length; k++) {
      if (Number.isNaN(market.close[t * n + list[k]])) {
        if (inRun && seen[k] === 1) pending[k]++;
      } else {
        seen[k] = 1;
        gaps[k] += pending[k];
        pending[k] = 0;
      }
    }
  }
  const withGaps = [...list.keys()].filter((k) => gaps[k] > 0).sort((a, b) => gaps[b] - gaps[a] || list[a] - list[b]);
  if (withGaps.length === 0) return [];
  const total = withGaps.reduce((sum, k) => sum + gaps[k], 0);
  const names = withGaps.map((k) => market.symbols[list[k]]);
  const shown = withGaps.slice(0, 5).map((k) => `${market.symbols[list[k]]} ${gaps[k]}`).join(', ');
  const whose = kind === 'run' ? `of ${withGaps.length} symbol${withGaps.length === 1 ? '' : 's'} the run read (NaN) in its sessions` : `of the series (NaN) in the sessions measured`;
  const message = `${total} session${total === 1 ? '' : 's'} without a bar inside the histor${withGaps.length === 1 ? 'y' : 'ies'} ${whose}: ${shown}${withGaps.length > 5 ? ', …' : ''}`;
  return [caveat('data-note', 'low', message, { value: total, unit: 'sessions' }, names)];
}

/** The run's scope (RunScope): symbols with fills, plus those the strategy read, the rate series it used, and whether it read fundamentals. */
function runScope(r: RunRecordings): Required<RunScope> {
  const traded = new Set<number>();
  const seen = new Uint8Array(r.market.symbols.length);
  // A run's fills run to hundreds of thousands; its symbols do not.
  for (const i of r.fills.symbol) {
    if (seen[i] === 1) continue;
    seen[i] = 1;
    traded.add(i);
  }
  const symbols = new Set(traded);
  r.reads.symbols.forEach((read, i) => {
    if (read === 1) symbols.add(i);
  });
  const rates = new Set(r.reads.rates);
  if (typeof r.config.cash.rate === 'string') rates.add(r.config.cash.rate);
  const selected = r.reads.crossSection || r.reads.symbols.some((read, i) => read === 1 && r.reads.named[i] === 0);
  return { symbols, traded, fundamentals: r.reads.fundamentals, rates, named: withTargets(r, symbols), selected };
}

/**
 * Source notes the run must hear of beyond the standard ones: corporate actions the data names or
 * implies that were not applied as read or were applied against a price move (priceSeries.ts),
 * and bars dropped after a delisting date (delistingDates.ts).
 */
const DOUBTFUL = /not applied again|may not be in Close either|below 3:2 with a small same-day dividend is equally possible|applied although|with a same-day dividend above|w(?:as|ere) ignored|beyond the ratio|after its delisting|disagrees? with|the size of a split|does not state (?:is|are) applied|stated a row away/;
/** A rate dated on its period's first day (data/fred.ts): a strategy reading it knows each value only once its period is over. */
const PERIOD_START_RATE = /dated on the first day of each/;
/** How a file's numbers were read where the file does not say: a decimal-mark guess (prices/files/priceFolder.ts guessedMarkNote). */
const READING = /may be 1,000× too/;
/** A reading that sets a price's magnitude: nothing in the run can tell 199.52 from 199520. */
const PRICE_MAGNITUDE = /prices may be 1,000× too high/;
/** The same for volumes: the participation limit may allow 1,000× what traded. */
const VOLUME_MAGNITUDE = /volumes may be 1,000× too high/;
/** Two tickers holding one series (prices/files/sameSeries.ts): two flat cash-like funds, or a copy that counts twice. */
const IDENTICAL_SERIES = /holds the same series \(/;
/** Its two tickers: "SPL (SPL.csv) holds the same series (…) as SHT (SHT.csv): …" → SPL, SHT. */
const IDENTICAL_PAIR = /^(.+) \([^()]*\) holds the same series \([^()]*\) as (.+) \([^()]*\): /;
/** Source notes that can change how results read; routine provenance (row counts…) stays in the manifest. */
/** SimFin's annual share counts restated into the quarterly file's split units, or dropped where their units are unknown (data/fundamentals/shareVintages.ts): a read of later filings, or caps unknown, a run reading fundamentals is told of. */
const SHARE_UNITS = /put in the quarterly file's share units|left unknown \(NaN\) in the annual file/;
/** SimFin filings whose publish date is implausible, taken as public on their filing deadline (data/fundamentals/publishGuardNotes.ts): figures a run read later than their file says. */
const PUBLISH_GUARD = /taken as public on its latest SEC filing deadline/;
const CAVEAT = new RegExp(`look-ahead|survivor|no volume|volume is 0 on|total-return|no opening|NaN|missing|distributions? above|weekend-dated bars read|dated on a weekend|next traded row|${IDENTICAL_SERIES.source}|${DOUBTFUL.source}|${READING.source}|${PERIOD_START_RATE.source}|${SHARE_UNITS.source}|${PUBLISH_GUARD.source}`, 'i');
/** Files not read that hold no prices (a licence .txt) or are macOS metadata: nothing a run lacks (prices/files/unreadFiles.ts). */
const UNREAD_HARMLESS = /nothing to do|macOS metadata/;
/** The calendar's count of sessions without a bar over all symbols: a run gives its own count, of the symbols it read (gapCaveats). */
const CALENDAR_GAPS = /sessions? without a bar inside the histor(?:y|ies)/;
/** A symbol's bar dated on a weekend where nothing else trades then (folder/source.ts alignmentSource): a session it alone adds. */
const STRAY_WEEKEND = /dated on a weekend/;
/** A calendar note about one symbol, "BBB: 11 bars after its delisting … dropped": its symbol. */
const SYMBOL_NOTE = /^([^\s:]+): /;
/** Notes of a price the run trades that jumps by a split's size with nothing read to explain it. */
const UNREAD_SPLIT = /the size of a split/;
/** A stated split applied on a move only a wide daily range admits: it may as well be a price move (priceSeries.ts layoutSplitApplied). */
const WIDE_RANGE_SPLIT = /only within its wide daily range/;
/** A stated split the prices contradict: positions change by another ratio than the prices did (priceSeries.ts). */
const SPLIT_RATIO_DISAGREES = /disagrees? with the prices' split ratio|Close alone cannot tell a mis-dated split/;
/** A split the prices show and the split column does not state: positions change where the column says nothing (priceSeries.ts). */
const UNSTATED_SPLIT = /does not state (?:is|are) applied/;

function noteSeverity(note: string): CaveatSeverity {
  if (/look-ahead/i.test(note) || UNREAD_SPLIT.test(note) || WIDE_RANGE_SPLIT.test(note) || SPLIT_RATIO_DISAGREES.test(note) || UNSTATED_SPLIT.test(note) || PRICE_MAGNITUDE.test(note)) return 'high';
  if (/survivor|MISSING/.test(note) || VOLUME_MAGNITUDE.test(note) || DOUBTFUL.test(note) || STRAY_WEEKEND.test(note) || IDENTICAL_SERIES.test(note)) return 'medium';
  return 'low';
}

/**
 * Whether a source's note concerns the run (scope): a rate file's only when the run used its
 * series (SourceInfo.rate in `rates`); a note about filling orders only for the
 * symbols it traded, any other for the symbols it read; a price source's (a per-symbol file, a
 * folder of them or a long file) when one of the symbols it provided is among them
 * (SourceInfo.symbols); two tickers of one series when both are (a run that read one of them
 * counts the series once, whatever the file beside it holds: probe r67a F3); the survivorship
 * note when the run selected names from the data's list (RunScope.selected) and a stock is among
 * them — a buy-and-hold of named symbols chose nothing from the list (probe r69d F8); SimFin statements' only when the
 * strategy read fundamentals; a calendar note naming a symbol when that symbol is (and never when
 * the run did not load it); anything else (the calendar) whenever the run read anything.
 */
function sourceConcerns(source: SourceInfo, note: string, market: Market, symbols: ReadonlySet<number>, scope: RunScope): boolean {
  if (source.rate !== undefined) return scope.rates?.has(source.rate) === true;
  if (symbols.size === 0) return false;
  if (source.format.startsWith('SimFin')) return scope.fundamentals;
  const pair = IDENTICAL_PAIR.exec(note);
  if (pair !== null) return symbols.has(market.symbols.indexOf(pair[1])) && symbols.has(market.symbols.indexOf(pair[2]));
  if (source.symbols !== undefined) return source.symbols.some((name) => symbols.has(market.symbols.indexOf(name)));
  if (/survivor/i.test(note)) {
    if (scope.selected !== true) return false;
    for (const i of symbols) if (market.assetClass[i] === AssetClass.stock) return true;
    return false;
  }
  // A stray weekend bar is a session of the shared calendar: every run's, whatever it read (its end can move to that day).
  if (STRAY_WEEKEND.test(note)) return true;
  const named = source.format === 'calendar alignment' ? SYMBOL_NOTE.exec(note) : null;
  return named === null || symbols.has(market.symbols.indexOf(named[1]));
}

/**
 * The data caveats of the source of rate series `name` (Market.rates key) alone, as a run using it
 * gets them ("TB3MS.csv: dated on the first day of each month: …"): for the risk-free series of a
 * run's metrics (reports/runMetrics.ts). None when no source names it (SourceInfo.rate).
 */
export function rateSourceCaveats(market: Market, name: string): Caveat[] {
  return dataCaveats(market, { symbols: new Set(), traded: new Set(), fundamentals: false, rates: new Set([name]) });
}

/**
 * Data caveats of the sources the run read (sourceConcerns), each note once with the files it
 * concerns; a note that lists symbols restated for the run's ("2 distributions above 10% …: LPRO
 * …", data/listedNotes.ts), and left out when it lists none of them.
 */
function dataCaveats(market: Market, scope: RunScope): Caveat[] {
  const files = new Map<string, string[]>();
  const names = (symbols: ReadonlySet<number>): Set<string> => new Set([...symbols].map((i) => market.symbols[i]));
  const read = { symbols: names(scope.symbols), traded: names(scope.traded) };
  for (const source of market.sources) {
    if (source.unread !== undefined) {
      // A price file the folder holds and the run never saw (IWM.txt, a name with a line break): the universe lacks it.
      // A file in rates/ not read is no price: what lacks it is a rate the run asks for, whose refusal or caveat names it.
      // A folder under etf/ whose symbols are read from the fund folder lacks the run nothing but opens, said where fills lacked them.
      if (scope.symbols.size > 0 && source.format !== UNREAD_RATE_FILE && !isReadElsewhere(source) && !UNREAD_HARMLESS.test(source.unread)) files.set(`not read: ${source.unread}`, [...(files.get(`not read: ${source.unread}`) ?? []), printable(/[^/\\]*$/.exec(source.path)![0])]);
      continue;
    }
    const listings = new Map(source.listed?.map((l) => [l.note, l]));
    for (const note of source.notes) {
      if (!CAVEAT.test(note) || (source.format === 'calendar alignment' && CALENDAR_GAPS.test(note))) continue;
      const filling = FILLING.test(note);
      const concerned = filling ? scope.traded : source.format === 'calendar alignment' ? (scope.named ?? scope.symbols) : scope.symbols;
      if (!sourceConcerns(source, note, market, concerned, scope)) continue;
      const listing = listings.get(note);
      const said = listing === undefined ? note : restateNote(listing, (symbol) => (filling ? read.traded : read.symbols).has(symbol));
      if (said === undefined) continue;
      files.set(said, [...(files.get(said) ?? []), source.path.replace(/^.*[\\/]/, '')]);
    }
  }
  return [...files].map(([note, names]) =>
    caveat('data-note', noteSeverity(note), names.length === 1 ? `${names[0]}: ${note}` : `${note} (${names.length} files: ${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''})`),
  );
}
