// The session loop. Each session runs in fixed phases:
//   open   — accrue the borrow fee and rebate on the shorts held overnight, apply splits /
//            dividends / delistings, fill resting orders at the open (next-open);
//   close  — fill resting orders at the close (next-close), credit interest on the previous
//            close's cash net of short proceeds (at the rate as of this session), mark to market, run the strategy
//            where the schedule (or a drift band) says so, plan and queue its orders, and fill
//            them on this very close under same-close;
//   record — write the day's columns (and stop trading for good if NAV fell to zero or below).
// The replay allocates nothing per symbol per session; per-session work follows the held
// positions and resting orders, not the size of the universe.

import { isoDay, parseIsoDay, sessionOnOrBefore } from '../data/dates.ts';
import { Random } from '../data/random.ts';
import { UserError } from '../data/errors.ts';
import { sourceRecord, type Market } from '../data/market.ts';
import { Accruals } from './accounting/accruals.ts';
import { frequencyOf } from './calendar/frequency.ts';
import { buildAdjustmentIndex } from '../data/adjustedCloses.ts';
import { Broker } from './execution/broker.ts';
import { requireFiniteBook } from './accounting/bookRange.ts';
import { CostEstimator } from './execution/costEstimate.ts';
import { engineConfigSchema, type EngineConfig, type EngineConfigInput } from './config.ts';
import { parseOrThrow } from './configError.ts';
import { type CheckedDecision, DecisionChecker } from './decisions/decisionCheck.ts';
import { CorporateActions } from './market/corporateActions.ts';
import { heldPastData } from './caveats/lateDelistingCaveats.ts';
import { GrowableTable } from './accounting/growable.ts';
import { HoldingLog } from './accounting/holdingLog.ts';
import { Ledger } from './accounting/ledger.ts';
import { LiquidityEstimator } from './execution/liquidity.ts';
import { Listing } from './market/listing.ts';
import { executionModels, type ModelSource, modelNames, userModelRecords } from './models/index.ts';
import type { ExecutionModels, ModelConcern } from './models/types.ts';
import { accountLimits } from './accounting/account.ts';
import { OrderBook } from './execution/orderBook.ts';
import { Deferral, OrderEnd, OrderOrigin } from './execution/orders.ts';
import { PendingTargets } from './execution/pendingTargets.ts';
import { above, type PlanContext, type PlannedOrders, RebalancePlanner } from './execution/planner.ts';
import { Portfolio } from './accounting/portfolio.ts';
import { LimitDrift } from './accounting/limitDrift.ts';
import type { LeverageBreach, Manifest, Result, RunFacts, Splits } from './result.ts';
import { StaleMarks } from './caveats/staleMarks.ts';
import type { BookView, InitResult, Strategy } from './strategy.ts';
import { strategyFailure } from './decisions/strategyFault.ts';
import { checkStrategy, scheduledSessions } from './decisions/strategyShape.ts';
import { ENGINE_VERSION } from './version.ts';
import { SignalGaps } from './decisions/signalGaps.ts';
import { StrategyNotes } from './decisions/strategyNotes.ts';
import { MarketView, moveViewTo, viewReads } from './decisions/view.ts';
import { describeRun } from './caveats/warnings.ts';

/** What backtest() takes besides the config: models a user brings. */
export interface BacktestOptions {
  /**
   * Model instances (engine/models/types.ts) that replace the config's choice for their concern,
   * e.g. `{ commission: myTieredCommission }`. The config must not set those concerns too.
   */
  readonly models?: Partial<ExecutionModels>;
  /** Where the given models came from (a study's model files): recorded in the manifest. */
  readonly modelSources?: Partial<Record<ModelConcern, ModelSource>>;
}

/**
 * Replay `strategy` over `market` under `configInput` (validated; see config.ts) and return
 * everything that happened. The run starts on the first session on or after `config.from` (the
 * data before it is history the strategy may read but never trade on) and ends on the last session
 * on or before `config.to`. `options.models` replaces config-chosen execution models with the
 * user's own (listed in the manifest's `userModels`). Throws UserError for a bad config or model,
 * an empty period, a market that gives a symbol a delisting return but no delisting while its
 * prices end inside it, or a strategy's own user error (with its date); never prints, never
 * touches the file system.
 */
export function backtest(market: Market, strategy: Strategy, configInput: EngineConfigInput = {}, options: BacktestOptions = {}): Result {
  const config = parseOrThrow(engineConfigSchema, configInput, 'engine config');
  const [first, last] = runRange(market, config);
  const n = market.symbols.length;
  const adjustments = buildAdjustmentIndex(market);
  // P of the run: the strategies annualise with it (view.periodsPerYear) and resolve windows given as durations, as the accruals and metrics do.
  const periodsPerYear = frequencyOf(market.dates.subarray(first, last + 1), config.periodsPerYear).periodsPerYear;
  const listing = new Listing(market, adjustments, config.staleMarkSessions);
  const view = new MarketView(market, adjustments, periodsPerYear, listing);
  const reads = viewReads(view);
  const strategyNotes = new StrategyNotes();
  const signalGaps = new SignalGaps(strategy.name);
  const random = new Random(config.seed, 'strategy');
  checkStrategy(strategy);
  // First: init may resolve the parameters (and so the schedule and shorts) for this run's P.
  let initialised: InitResult | void;
  try {
    initialised = strategy.init?.({ symbols: view.symbols, random: () => random.uniform(), periodsPerYear, ...(market.sourceSymbols === undefined ? {} : { sourceSymbols: market.sourceSymbols }) });
  } catch (err) {
    throw strategyFailure(err, strategy.name, 'in init()', strategy.sourceFile);
  }
  const params = initialised ? initialised.params : strategy.params;
  if (strategy.shorts && config.account.kind === 'cash') {
    throw new UserError(`strategy ${strategy.name} holds short positions, which a cash account does not allow: set a margin account (engine config account: { kind: margin, maxGross: 2, maxNet: 1 }; on the command line --account margin)`);
  }
  const models = executionModels(config, market, options.models, options.modelSources);
  const portfolio = new Portfolio(n, config.initialCash);
  // A copy: a strategy's own schedule may not write into the market's calendar.
  const calendar = market.dates.slice();
  const { due, bands } = scheduledSessions(strategy, calendar, first);
  const rowsHint = logRowsHint(n, due, first, last);
  const ledger = new Ledger(last - first + 1, n, rowsHint);
  const window = models.slippage.liquidityWindow;
  const liquidity = window !== undefined ? new LiquidityEstimator(market, adjustments, window) : undefined;
  const orderBook = new OrderBook(market.symbols, config.shares === 'whole', rowsHint);
  const broker = new Broker({ market, config, portfolio, ledger, book: orderBook, models, liquidity });
  const estimate = new CostEstimator(market, models, liquidity);
  const planner = new RebalancePlanner(n, config);
  const checker = new DecisionChecker(n);
  const pending = new PendingTargets(n);
  const actions = new CorporateActions(market, config);
  const accruals = new Accruals(market, models, periodsPerYear, first, last);
  const stale = new StaleMarks(n, config.staleMarkSessions);
  const holdings = new HoldingLog();
  const limits = accountLimits(config.account);
  const breaches: LeverageBreach[] = [];
  const drift = new LimitDrift(config.account);
  const book = bookView(portfolio, orderBook);
  let firstInvested = -1;
  let ruin = -1;
  /** Decisions that returned targets (the planner's business). */
  const decisionSessions: number[] = [];
  /** Decisions that returned explicit orders: each clears the standing targets (Result.clearedSessions). */
  const clearedSessions: number[] = [];
  /** Whole shares: after each accepted plan, its session and the share of NAV rounding left out of the book (Result.roundedAway). */
  const roundedAway = { session: [] as number[], share: [] as number[] };
  /** After each accepted plan, the trades its skip rules dropped (Result.skippedTrades). */
  const skippedTrades = new GrowableTable({ session: Int32Array, symbol: Int32Array, rule: Uint8Array, share: Float64Array, gross: Float64Array });
  /** Buys the planner cut to the cash (deferCuts): the cash-limited caveat says where they were cut. */
  let cutAtDecision = 0;

  for (let t = first; t <= last; t++) {
    if (t > first) {
      accruals.accrueBorrow(t, portfolio, ledger);
      // The book's exposure before an exit, to judge it by (measured only on a session with exits: no allocation per session).
      const exposure = actions.exitsOn(t) ? broker.exposure() : null;
      actions.apply(t, portfolio, orderBook, pending, ledger);
      if (actions.exited >= 0) broker.noteExit(actions.exited, exposure);
      if (ruin < 0 && config.execution === 'next-open') broker.fillAll(t, 'open');
      if (ruin < 0 && config.execution === 'next-close') broker.fillAll(t, 'close');
      accruals.creditInterest(t, portfolio, ledger);
    }
    portfolio.markToMarket(market.close, t * n, t);
    stale.observe(t, portfolio);
    checkRuin(t);
    // Before the decision: a wait its symbol's leaving ended is not one the decision replaced.
    if (pending.waiting) endLeftWaits(t);
    if (ruin < 0 && (t === first || due[t] === 1 || (!Number.isNaN(bands[t]) && drifted(portfolio, planner.targetWeight, bands[t])))) {
      moveViewTo(view, t);
      act(decide(strategy, view, book, checker), t);
      strategyNotes.record(reads.take(), t, planner.targetWeight, planner.targetsStand);
      signalGaps.record(reads.takeGaps(), t);
    }
    // A target a decision at t could not price has no close at t either: only older ones can be ready.
    if (ruin < 0 && pending.waiting) orderPending(t);
    // Same-close: this close fills the new orders and keeps working the resting ones.
    if (ruin < 0 && config.execution === 'same-close' && orderBook.hasOrders) {
      broker.fillAll(t, 'close');
      portfolio.revalue();
    }
    broker.reportClosings(t);
    if (firstInvested < 0 && portfolio.heldCount > 0) firstInvested = t;
    checkRuin(t);
    drift.observe(t, portfolio);
    requireFiniteBook(portfolio, market.symbols, market.dates, t);
    holdings.observe(t, portfolio);
    record(t - first);
  }

  /** Ruin: NAV ≤ 0. Nothing more is decided, ordered or filled; the book is marked as it stands. */
  function checkRuin(t: number): void {
    if (ruin >= 0 || portfolio.nav > 0) return;
    ruin = t;
    orderBook.cancelAll(t);
  }

  function act(decision: CheckedDecision, t: number): void {
    if (decision === undefined) return snapshot(t);
    if ('orders' in decision) {
      // Cancels first: they withdraw what rested before this decision, never its own new orders.
      for (const i of decision.cancels) orderBook.cancelSymbol(i, t, OrderEnd.withdrawn);
      for (const request of decision.orders) {
        const i = request.symbol;
        orderBook.place(i, request.quantity, t, OrderOrigin.explicit, request);
        const left = actions.leftBy(i, t);
        // An order for a symbol that has left the market is recorded, deferred and cancelled: it can never fill.
        if (left !== undefined && request.quantity !== 0) {
          ledger.defer(t, i, exitDeferral(left), request.quantity);
          orderBook.cancelSymbol(i, t, left);
        }
      }
      planner.clearTargets();
      pending.cleared(t);
      clearedSessions.push(t);
      return snapshot(t);
    }
    decisionSessions.push(t);
    const plan = planner.plan(decision, planContext(t));
    snapshot(t);
    if (plan.breach) {
      // Rejected: as if the strategy had not decided — the previous plan stands.
      breaches.push({ session: t, date: isoDay(market.dates[t]), ...plan.breach, maxGross: limits.maxGross, maxNet: limits.maxNet, action: 'rejected', symbol: null });
      return;
    }
    for (const i of plan.unpriced) {
      const left = actions.leftBy(i, t);
      ledger.defer(t, i, left === undefined ? Deferral.noPrice : exitDeferral(left), NaN);
    }
    // A waiting target the decision itself sized, at the symbol's price there, was ordered at that price: it was not replaced.
    const w = planner.targetWeight;
    pending.ordered(t, pending.matching((i) => market.close[t * n + i] > 0 && w[i] !== 0 && !Number.isNaN(w[i])), (i) => listing.firstBar[i] === t);
    pending.replace(t, plan.kind, plan.unpriced, plan.unpricedTargets, (i) => actions.leftBy(i, t) !== undefined);
    const repeated = orderBook.replaceTargetOrders(plan.orders, t, plan.cashOnly);
    deferCuts(plan.orders, t, repeated);
    notePlan(t);
  }

  /** The buys a plan at t cut to the cash (share and value targets: PlannedOrders.cut) are `cash` deferrals of their cut, there — once per order, not again where a later decision repeats the same ask (`repeated`). */
  function deferCuts(planned: PlannedOrders, t: number, repeated: ReadonlySet<number> = NONE_REPEATED): void {
    for (let k = 0; k < planned.count; k++) {
      // A cut a resting order already carries, asked again by a later decision, is not cut again.
      if (planned.cut[k] === 0 || repeated.has(k)) continue;
      ledger.defer(t, planned.symbol[k], Deferral.cash, planned.cut[k]);
      cutAtDecision++;
    }
  }

  /** What an accepted plan at t left out of the book: the trades its skip rules dropped, and the rounding it left standing (whole shares only: nothing is rounded otherwise). */
  function notePlan(t: number): void {
    const s = planner.skipped;
    for (let k = 0; k < s.count; k++) {
      const row = skippedTrades.add();
      const c = skippedTrades.columns;
      c.session[row] = t;
      c.symbol[row] = s.symbol[k];
      c.rule[row] = s.rule[k];
      c.share[row] = s.share[k];
      c.gross[row] = s.gross[k];
    }
    if (config.shares !== 'whole') return;
    roundedAway.session.push(t);
    roundedAway.share.push(planner.roundedAway);
  }

  /** The pending targets whose symbol has left the market by session t (at its open) end there: they can never fill. */
  function endLeftWaits(t: number): void {
    const gone = pending.matching((i) => actions.leftBy(i, t) !== undefined);
    if (gone.length > 0) pending.left(t, gone, (i) => (actions.leftBy(i, t) === OrderEnd.delisting ? 'delisted' : 'dataEnded'), (i) => listing.firstBar[i] >= t);
  }

  /**
   * The pending targets whose symbol has a close at t are sized and ordered as a decision at t
   * would (planner.planPending), beside the orders already resting; beyond the account's limits
   * they are rejected (a breach) and wait no more.
   */
  function orderPending(t: number): void {
    const ready = pending.matching((i) => market.close[t * n + i] > 0);
    if (ready.length === 0) return;
    const plan = planner.planPending(ready, pending, planContext(t));
    if (plan.breach) {
      // Rejected: their waits end unordered (the caveat must not say "was ordered then").
      pending.rejected(t, ready);
      for (const i of ready) breaches.push({ session: t, date: isoDay(market.dates[t]), ...plan.breach, maxGross: limits.maxGross, maxNet: limits.maxNet, action: 'rejected', symbol: market.symbols[i] });
      return;
    }
    pending.ordered(t, ready, (i) => listing.firstBar[i] === t);
    orderBook.placePlanned(plan.orders, t, plan.cashOnly);
    deferCuts(plan.orders, t);
    notePlan(t);
  }

  /** What the planner reads at the close of session t. */
  function planContext(t: number): PlanContext {
    const base = t * n;
    return {
      portfolio,
      nav: portfolio.nav,
      // A symbol that has left (delisted, or its data ended) has no price to trade at, even where a market goes on quoting it.
      price: (i) => (actions.leftBy(i, t) === undefined ? market.close[base + i] : NaN),
      listed: (i) => actions.leftBy(i, t) === undefined,
      lastClose: (i) => listing.lastClose(i, t),
      estimateCost: (i, q, p) => estimate.cost(i, q, p, t),
      commission: (i, q, p) => estimate.commission(i, q, p, t),
      name: (i) => market.symbols[i],
      date: isoDay(market.dates[t]),
    };
  }

  /** Holdings at the decision close, plus symbols the decision targets without holding them. */
  function snapshot(t: number): void {
    for (let k = 0; k < portfolio.heldCount; k++) {
      const i = portfolio.heldAt(k);
      ledger.snapshot(t, i, portfolio.shares[i], portfolio.mark[i], planner.targetWeight[i]);
    }
    for (let i = 0; i < n; i++) {
      const w = planner.targetWeight[i];
      if (portfolio.shares[i] === 0 && !Number.isNaN(w) && w !== 0) ledger.snapshot(t, i, 0, listing.lastClose(i, t), w);
    }
  }

  function record(k: number): void {
    const today = ledger.today;
    today.nav = portfolio.nav;
    today.cash = portfolio.cash;
    today.longValue = portfolio.longValue;
    today.shortValue = portfolio.shortValue;
    today.longCount = portfolio.longCount;
    today.shortCount = portfolio.heldCount - portfolio.longCount;
    today.longPnl = portfolio.longPnl;
    today.shortPnl = portfolio.shortPnl;
    today.staleValue = stale.staleValue;
    today.navCarried = portfolio.navCarried ? 1 : 0;
    portfolio.resetPnl();
    ledger.closeDay(k);
  }

  // An order the last session's decision placed had no session to fill in: it is not a shortfall.
  const openAtEnd = orderBook.resting.filter((o) => o.decidedAt < last).map((o) => ({ symbol: o.symbol, quantity: o.quantity, held: portfolio.shares[o.symbol] }));
  orderBook.closeRemaining(last);
  pending.finish(last);
  for (const b of broker.fillBreaches) {
    breaches.push({
      session: b.session,
      date: isoDay(market.dates[b.session]),
      gross: b.gross,
      net: b.net,
      maxGross: limits.maxGross,
      maxNet: limits.maxNet,
      action: b.closing ? 'closed' : 'deferred',
      symbol: market.symbols[b.symbol],
    });
  }
  breaches.sort((a, b) => a.session - b.session);
  const sessions = Int32Array.from({ length: last - first + 1 }, (_, k) => first + k);
  const manifest = {
    engine: { name: 'breadth' as const, version: ENGINE_VERSION },
    strategy: { name: strategy.name, params, schedule: strategy.schedule.name, sourceHash: strategy.sourceHash ?? null },
    data: { name: market.name, fingerprint: market.fingerprint, synthetic: market.synthetic, sources: market.sources.map(sourceRecord) },
    period: { from: isoDay(market.dates[first]), to: isoDay(market.dates[last]), sessions: last - first + 1 },
    execution: config.execution,
    lookAheadProne: config.execution === 'same-close',
    config,
    costModels: modelNames(models),
    userModels: userModelRecords(models, options.models, options.modelSources),
    account: config.account.kind,
    seed: config.seed,
    ...ownBarsRecord(market, listing, last, periodsPerYear),
  };
  const day = (t: number): string => isoDay(market.dates[t]);
  const facts: RunFacts = {
    requestedFrom: config.from ?? market.requested?.from ?? null,
    firstInvestedDate: firstInvested >= 0 ? day(firstInvested) : null,
    sessionsInCash: (firstInvested >= 0 ? firstInvested : last + 1) - first,
    ruinDate: ruin >= 0 ? day(ruin) : null,
    staleMarks: stale.episodes.map((e) => ({ symbol: market.symbols[e.symbol], firstStaleDate: day(e.firstSession), sessions: e.sessions, value: e.value, peakShare: e.peakShare })),
    dataEndExits: actions.dataEndExits.map((x) => ({ symbol: market.symbols[x.symbol], date: day(x.session), value: x.value })),
    delistingExits: actions.delistingExits.map((x) => ({ symbol: market.symbols[x.symbol], date: day(x.session), value: x.value, delistingReturn: Number.isNaN(x.delistReturn) ? null : x.delistReturn, lastClose: x.lastClose })),
  };
  const logged = ledger.deferrals();
  const deferrals = { ...logged, close: Float64Array.from(logged.session, (s, k) => market.close[s * n + logged.symbol[k]]) };
  const fills = ledger.fills();
  const orders = orderBook.orders();
  const snapshots = ledger.snapshots();
  const skipped = skippedTrades.views();
  return {
    manifest,
    symbols: market.symbols,
    dates: market.dates.slice(first, last + 1),
    sessions,
    daily: ledger.daily,
    fills,
    orders,
    snapshots,
    decisionSessions: Int32Array.from(decisionSessions),
    clearedSessions: Int32Array.from(clearedSessions),
    ...(config.shares === 'whole' ? { roundedAway: { session: Int32Array.from(roundedAway.session), share: Float64Array.from(roundedAway.share) } } : {}),
    deferrals,
    skippedTrades: skipped,
    targetWaits: pending.waits,
    splits: splitsOfRun(market, first, last),
    breaches,
    pnlBySymbol: portfolio.pnlBySymbol,
    incomeBySymbol: ledger.incomeBySymbol,
    costBySymbol: ledger.costBySymbol,
    facts,
    caveats: describeRun({ config, market, first, last, periodsPerYear, daily: ledger.daily, fills, orders, snapshots, holdings: holdings.holdings(), facts, firstInvested, appliedSplits: actions.appliedSplits, dataEndExits: actions.dataEndExits, delistingExits: actions.delistingExits, heldPastData: heldPastData(market, portfolio.shares, portfolio.mark), decisions: decisionSessions.length, decisionSessions, skippedTrades: skipped, cutAtDecision, breaches, limitDrift: drift, deferrals, targetWaits: pending.waits, openFallbacks: broker.openFallbacks, blankVolumes: broker.blankVolumes, openAtEnd, missingRateDays: accruals.missingRateDays, carriedRate: accruals.carriedRate, liquidityGaps: broker.liquidityGaps, reads, strategyNotes, signalGaps }),
  };
}

/** No planned leg repeated a resting order (a plan that replaced none). */
const NONE_REPEATED: ReadonlySet<number> = new Set();

/** Why a target or order for a symbol that has left the market (CorporateActions.leftBy) cannot trade. */
const exitDeferral = (left: typeof OrderEnd.delisting | typeof OrderEnd.dataEnd): Deferral => (left === OrderEnd.delisting ? Deferral.delisted : Deferral.dataEnd);

/** The market's splits with ex-dates in sessions first..last (CorporateActions applies each at its open). */
function splitsOfRun(market: Market, first: number, last: number): Splits {
  const { session, symbol, value, sessionStart } = market.splits;
  const [from, to] = [sessionStart[first], sessionStart[last + 1]];
  return { session: session.slice(from, to), symbol: symbol.slice(from, to), ratio: value.slice(from, to) };
}

/** First and last market session of the run, from config.from / config.to. */
function runRange(market: Market, config: EngineConfig): [number, number] {
  const dates = market.dates;
  if (dates.length === 0) throw new UserError(`${market.name} has no sessions`);
  const first = config.from ? sessionOnOrBefore(dates, parseIsoDay(config.from) - 1) + 1 : 0;
  const last = config.to ? sessionOnOrBefore(dates, parseIsoDay(config.to)) : dates.length - 1;
  if (first > last || first >= dates.length || last < 0) {
    throw new UserError(
      `no sessions between ${config.from ?? 'the start'} and ${config.to ?? 'the end'}: ${market.name} covers ${isoDay(dates[0])} to ${isoDay(dates[dates.length - 1])}`,
    );
  }
  return [first, last];
}

/** The strategy's decision, read once and checked (engine/decisions/decisionCheck.ts); its faults are reported against it (engine/decisions/strategyFault.ts). */
function decide(strategy: Strategy, view: MarketView, book: BookView, checker: DecisionChecker): CheckedDecision {
  let decision: ReturnType<Strategy['decide']>;
  try {
    decision = strategy.decide(view, book);
  } catch (err) {
    throw strategyFailure(err, strategy.name, `on ${view.date}`, strategy.sourceFile);
  }
  return checker.check(decision, strategy.name, view, strategy.sourceFile);
}

/**
 * True when a held position's weight differs from its last target weight by more than `band`
 * (beyond RULE_TOLERANCE of it: a drift of exactly the band, within binary noise, is inside it).
 * Positions without a target (after explicit orders, or share targets without a price) never trigger.
 */
function drifted(portfolio: Portfolio, target: Float64Array, band: number): boolean {
  const nav = portfolio.nav;
  for (let k = 0; k < portfolio.heldCount; k++) {
    const i = portfolio.heldAt(k);
    if (Number.isNaN(target[i])) continue;
    if (above(Math.abs((portfolio.shares[i] * portfolio.mark[i]) / nav - target[i]), band)) return true;
  }
  return false;
}

function bookView(portfolio: Portfolio, orders: OrderBook): BookView {
  return {
    get cash() {
      return portfolio.cash;
    },
    get nav() {
      return portfolio.nav;
    },
    shares: (i) => portfolio.shares[i],
    weight: (i) => (portfolio.shares[i] * portfolio.mark[i]) / portfolio.nav,
    held: () => Array.from({ length: portfolio.heldCount }, (_, k) => portfolio.heldAt(k)),
    openOrders: () => orders.openOrders(),
  };
}

/** The most rows logRowsHint asks room for: 2¹⁹, 28 MB of fills (untouched pages cost no memory). */
const LOG_ROWS_HINT_MAX = 1 << 19;

/**
 * Rows to make room for in the fills, snapshot and order logs at the start: one per symbol per
 * scheduled decision, at most LOG_ROWS_HINT_MAX. Logs that grow by doubling copy themselves into
 * fresh pages at every step; on a monthly rebalance of 2,000 names that was a sixth of the replay
 * (bench/run.ts).
 */
function logRowsHint(symbols: number, due: Uint8Array, first: number, last: number): number {
  let decisions = 1;
  for (let t = first + 1; t <= last; t++) decisions += due[t];
  return Math.min(symbols * decisions, LOG_ROWS_HINT_MAX);
}

/** The manifest's ownBars: symbols listed at session t whose bars a year differ from P (none: nothing). */
function ownBarsRecord(market: Market, listing: Listing, t: number, periodsPerYear: number): Pick<Manifest, 'ownBars'> {
  const barsPerYear: Record<string, number> = {};
  market.symbols.forEach((symbol, i) => {
    const perYear = listing.listed(i, t) ? listing.barsPerYear(i, t, periodsPerYear, true) : periodsPerYear;
    if (perYear !== periodsPerYear) barsPerYear[symbol] = perYear;
  });
  return Object.keys(barsPerYear).length === 0 ? {} : { ownBars: { periodsPerYear, barsPerYear } };
}
