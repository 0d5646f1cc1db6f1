// Test helpers: scripted strategies and row views of a Result, so scenario tests can state
// their hand-computed expectations as plain objects.

import { expect } from 'vitest';
import type { Market } from '../../data/market.ts';
import { backtest, type BacktestOptions } from '../../engine/backtest.ts';
import type { EngineConfigInput } from '../../engine/config.ts';
import { type CancelRequest, DEFERRAL_NAMES, ORDER_END_NAMES, ORDER_STATUS_NAMES, type OrderRequest } from '../../engine/execution/orders.ts';
import type { Result } from '../../engine/result.ts';
import { everySession, type Schedule } from '../../engine/calendar/schedule.ts';
import type { BookView, Decision, Strategy } from '../../engine/strategy.ts';
import type { MarketView } from '../../engine/decisions/view.ts';
import { fixtureMarket, type FixtureSpec } from './fixtures.ts';

export type Step = Decision | ((view: MarketView, book: BookView) => Decision);

/** A strategy that returns `script[session]` at each decision (nothing where the script is silent). */
export function scripted(script: Record<number, Step>, schedule: Schedule = everySession, name = 'scripted'): Strategy & { decided: number[] } {
  const decided: number[] = [];
  return {
    name,
    params: {},
    schedule,
    decided,
    decide(view, book) {
      decided.push(view.session);
      const step = script[view.session];
      return typeof step === 'function' ? step(view, book) : step;
    },
  };
}

/**
 * One end-to-end scenario through backtest(): a market (or the spec of a fixture market), the
 * strategy — or just its script of decisions by session (`scripted`) — and the engine config.
 */
export function scenario(market: Market | FixtureSpec, strategy: Strategy | Record<number, Step>, config: EngineConfigInput = {}, options?: BacktestOptions): Result {
  const m = 'closes' in market ? fixtureMarket(market) : market;
  const s = typeof (strategy as Strategy).decide === 'function' ? (strategy as Strategy) : scripted(strategy as Record<number, Step>);
  return backtest(m, s, config, options);
}

/** A margin account loose enough never to bind: for scenarios about something else that short or borrow. */
export const MARGIN = { kind: 'margin', maxGross: 100, maxNet: 100 } as const;

/** Explicit orders, for readability in scripts. */
export const orders = (...requests: (OrderRequest | CancelRequest)[]): readonly (OrderRequest | CancelRequest)[] => requests;

export interface FillRow {
  session: number;
  symbol: string;
  quantity: number;
  price: number;
  reference: number;
  commission: number;
  slippage: number;
  reason: 'order' | 'delisting';
  orderId: number;
}

export function fillRows(result: Result): FillRow[] {
  const f = result.fills;
  return Array.from(f.session, (session, k) => ({
    session,
    symbol: result.symbols[f.symbol[k]],
    quantity: f.quantity[k],
    price: f.price[k],
    reference: f.referencePrice[k],
    commission: f.commission[k],
    slippage: f.slippage[k],
    reason: f.reason[k] === 0 ? 'order' : 'delisting',
    orderId: f.orderId[k],
  }));
}

/** Fills as [session, symbol, quantity, price] tuples (the usual thing to compare). */
export function trades(result: Result): [number, string, number, number][] {
  return fillRows(result).map((r) => [r.session, r.symbol, r.quantity, r.price]);
}

export interface DeferralRow {
  session: number;
  symbol: string;
  reason: (typeof DEFERRAL_NAMES)[number];
  remaining: number;
}

export function deferralRows(result: Result): DeferralRow[] {
  const d = result.deferrals;
  return Array.from(d.session, (session, k) => ({
    session,
    symbol: result.symbols[d.symbol[k]],
    reason: DEFERRAL_NAMES[d.reason[k]],
    remaining: d.remaining[k],
  }));
}

export interface OrderRow {
  id: number;
  session: number;
  symbol: string;
  quantity: number;
  filled: number;
  status: (typeof ORDER_STATUS_NAMES)[number];
  end: (typeof ORDER_END_NAMES)[number];
  endSession: number;
}

/** The order record as rows (type, limit, stop, tif and origin left out: compare them where they matter). */
export function orderRows(result: Result): OrderRow[] {
  const o = result.orders;
  return Array.from(o.id, (id, k) => ({
    id,
    session: o.session[k],
    symbol: result.symbols[o.symbol[k]],
    quantity: o.quantity[k],
    filled: o.filled[k],
    status: ORDER_STATUS_NAMES[o.status[k]],
    end: ORDER_END_NAMES[o.end[k]],
    endSession: o.endSession[k],
  }));
}

/** The run's caveat messages, ranked as the result holds them. */
export function messages(result: Result): string[] {
  return result.caveats.map((c) => c.message);
}

/** |actual − expected| ≤ tol × max(1, |expected|). */
export function expectNear(actual: number, expected: number, tol = 1e-9, what = ''): void {
  const scale = Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tol * scale)) {
    expect.fail(`${what ? what + ': ' : ''}expected ${expected}, got ${actual} (tolerance ${tol} relative)`);
  }
}

/** Element-wise expectNear over a column. */
export function expectColumn(actual: ArrayLike<number>, expected: readonly number[], tol = 1e-9, what = 'column'): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  for (let k = 0; k < expected.length; k++) expectNear(actual[k], expected[k], tol, `${what}[${k}]`);
}
