// The session loop. Each session runs in fixed phases:
//   open   — accrue overnight interest and borrow, apply splits / dividends / delistings,
//            fill resting orders at the open (next-open);
//   close  — fill resting orders at the close (next-close), mark to market, run the strategy
//            where the schedule (or a drift band) says so, plan and queue its orders, and fill
//            them on this very close under same-close;
//   record — write the day's columns.
// The replay allocates nothing per symbol per session; per-session work follows the held
// positions and resting orders, not the size of the universe.

import { isoDay, parseIsoDay } from '../data/dates.ts';
import { Random } from '../data/random.ts';
import { UserError } from '../data/errors.ts';
import type { Market } from '../data/market.ts';
import { Accruals } from './accruals.ts';
import { buildAdjustmentIndex } from './adjustment.ts';
import { Broker } from './broker.ts';
import { engineConfigSchema, type EngineConfig, type EngineConfigInput } from './config.ts';
import { parseOrThrow } from './configError.ts';
import { CorporateActions } from './corporateActions.ts';
import { Ledger } from './ledger.ts';
import { LiquidityEstimator } from './liquidity.ts';
import { commissionModel, slippageModel } from './models/costs.ts';
import { Deferral, OrderOrigin, type OrderRequest } from './orders.ts';
import { RebalancePlanner } from './planner.ts';
import { Portfolio } from './portfolio.ts';
import type { LeverageBreach, Result } from './result.ts';
import type { BookView, Decision, Strategy } from './strategy.ts';
import { checkDecision, strategyFailure } from './strategyFault.ts';
import { ENGINE_VERSION } from './version.ts';
import { MarketView, moveViewTo, sessionOnOrBefore } from './view.ts';
import { describeRun } from './warnings.ts';

export function backtest(market: Market, strategy: Strategy, configInput: EngineConfigInput = {}): Result {
  const config = parseOrThrow(engineConfigSchema, configInput, 'engine config');
  const [first, last] = runRange(market, config);
  if (typeof config.cash.rate === 'string' && !(config.cash.rate in market.rates)) {
    throw new UserError(`engine config: cash.rate: no rate series "${config.cash.rate}" in ${market.name} (has: ${Object.keys(market.rates).join(', ') || 'none'})`);
  }
  const n = market.symbols.length;
  const adjustments = buildAdjustmentIndex(market);
  const view = new MarketView(market, adjustments);
  const portfolio = new Portfolio(n, config.initialCash);
  const ledger = new Ledger(last - first + 1, n);
  const commission = commissionModel(config.commission);
  const slippage = slippageModel(config.slippage);
  const liquidity = config.slippage.kind === 'sqrt-impact' ? new LiquidityEstimator(market, adjustments, config.slippage.window) : undefined;
  const broker = new Broker(market, config, portfolio, ledger, commission, slippage, liquidity);
  const planner = new RebalancePlanner(n, config);
  const actions = new CorporateActions(market);
  const accruals = new Accruals(market, config);
  const breaches: LeverageBreach[] = [];
  const due = strategy.schedule.sessions(market.dates, first);
  const band = strategy.schedule.driftBand;
  const book = bookView(portfolio, broker);
  const random = new Random(config.seed, 'strategy');
  try {
    strategy.init?.({ symbols: view.symbols, random: () => random.uniform() });
  } catch (err) {
    throw strategyFailure(err, strategy.name, 'in init()');
  }

  for (let t = first; t <= last; t++) {
    if (t > first) {
      accruals.accrue(t, portfolio, ledger);
      actions.apply(t, portfolio, broker, ledger);
      if (config.execution === 'next-open') broker.fillAll(t, 'open');
      if (config.execution === 'next-close') broker.fillAll(t, 'close');
    }
    portfolio.markToMarket(market.close, t * n);
    if (t === first || due[t] === 1 || (band !== undefined && drifted(portfolio, planner.targetWeight, band))) {
      moveViewTo(view, t);
      act(decide(strategy, view, book), t);
    }
    // Same-close: this close fills the new orders and keeps working the resting ones.
    if (config.execution === 'same-close' && broker.hasOrders) {
      broker.fillAll(t, 'close');
      portfolio.revalue();
    }
    record(t - first);
  }

  function act(decision: Decision, t: number): void {
    if (!decision) return snapshot(t);
    if (Array.isArray(decision)) {
      for (const request of decision as readonly OrderRequest[]) {
        const i = typeof request.symbol === 'number' ? request.symbol : view.resolve(request.symbol);
        broker.place(i, request.quantity, t, OrderOrigin.explicit, request);
      }
      planner.targetWeight.fill(NaN);
      return snapshot(t);
    }
    const base = t * n;
    const plan = planner.plan(decision as Exclude<Decision, readonly OrderRequest[] | undefined | void>, {
      portfolio,
      nav: portfolio.nav,
      price: (i) => market.close[base + i],
      estimateCost: (i, q, p) => broker.estimateCost(i, q, p, t),
      commission: (q, p) => commission.commission(q, p),
      resolve: (s) => view.resolve(s),
    });
    snapshot(t);
    if (plan.breach) {
      // Rejected: as if the strategy had not decided — the previous plan stands.
      const { maxGross = null, maxNet = null } = config.leverage;
      breaches.push({ session: t, date: isoDay(market.dates[t]), ...plan.breach, maxGross, maxNet, action: 'rejected' });
      return;
    }
    for (const i of plan.unpriced) ledger.defer(t, i, Deferral.noPrice, NaN);
    broker.cancelTargetOrders();
    const orders = plan.orders;
    for (let k = 0; k < orders.count; k++) broker.place(orders.symbol[k], orders.quantity[k], t, OrderOrigin.targets);
  }

  /** Holdings at the decision close, plus symbols the decision targets without holding them. */
  function snapshot(t: number): void {
    for (let k = 0; k < portfolio.heldCount; k++) {
      const i = portfolio.heldAt(k);
      ledger.snapshot(t, i, portfolio.shares[i], portfolio.mark[i], planner.targetWeight[i]);
    }
    for (let i = 0; i < n; i++) {
      const w = planner.targetWeight[i];
      if (portfolio.shares[i] === 0 && !Number.isNaN(w) && w !== 0) ledger.snapshot(t, i, 0, market.close[t * n + i], w);
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
    portfolio.resetPnl();
    ledger.closeDay(k);
  }

  const sessions = Int32Array.from({ length: last - first + 1 }, (_, k) => first + k);
  const manifest = {
    engine: { name: 'breadth' as const, version: ENGINE_VERSION },
    strategy: { name: strategy.name, params: strategy.params, schedule: strategy.schedule.name, sourceHash: strategy.sourceHash ?? null },
    data: { name: market.name, fingerprint: market.fingerprint, synthetic: market.synthetic, sources: market.sources },
    period: { from: isoDay(market.dates[first]), to: isoDay(market.dates[last]), sessions: last - first + 1 },
    execution: config.execution,
    lookAheadProne: config.execution === 'same-close',
    config,
    costModels: { commission: commission.name, slippage: slippage.name },
    seed: config.seed,
  };
  const deferrals = ledger.deferrals();
  return {
    manifest,
    symbols: market.symbols,
    dates: market.dates.slice(first, last + 1),
    sessions,
    daily: ledger.daily,
    fills: ledger.fills(),
    snapshots: ledger.snapshots(),
    deferrals,
    breaches,
    pnlBySymbol: portfolio.pnlBySymbol,
    incomeBySymbol: ledger.incomeBySymbol,
    costBySymbol: ledger.costBySymbol,
    warnings: describeRun({ config, market, breaches, deferrals, openFallbacks: broker.openFallbacks, missingRateDays: accruals.missingRateDays }),
  };
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

/** The strategy's decision, checked; its faults are reported against it (engine/strategyFault.ts). */
function decide(strategy: Strategy, view: MarketView, book: BookView): Decision {
  let decision: Decision;
  try {
    decision = strategy.decide(view, book);
  } catch (err) {
    throw strategyFailure(err, strategy.name, `on ${view.date}`);
  }
  return checkDecision(decision, strategy.name, view);
}

/**
 * True when a held position's weight differs from its last target weight by more than `band`.
 * Positions without a target (after explicit orders, or share targets without a price) never trigger.
 */
function drifted(portfolio: Portfolio, target: Float64Array, band: number): boolean {
  const nav = portfolio.nav;
  for (let k = 0; k < portfolio.heldCount; k++) {
    const i = portfolio.heldAt(k);
    if (Number.isNaN(target[i])) continue;
    if (Math.abs((portfolio.shares[i] * portfolio.mark[i]) / nav - target[i]) > band) return true;
  }
  return false;
}

function bookView(portfolio: Portfolio, broker: Broker): BookView {
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
    openOrders: () => broker.openOrders(),
  };
}
