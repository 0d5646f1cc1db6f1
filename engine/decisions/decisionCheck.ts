// A strategy's decision, read once into values the engine owns and checked there, before the
// planner or the order book sees it. Read once: a getter or a Proxy could hand the check one value
// and the engine another (0.5, then NaN: "a bad print" blamed on the data), so every target and
// order field is read a single time, checked as read, and only the copy runs. Checked: a target
// that is not a plain object keyed by symbol name (a Map, a class's instance, an object keyed by a
// Symbol or by keys Object.keys does not list) or a Float64Array over the symbols is refused, never
// read as the empty target that would sell the book. Whatever throws while the decision is read (a
// getter or a Proxy trap that throws, a revoked Proxy, a Proxy of a Float64Array) is the
// strategy's fault, with its line where the stack has one (strategyFault.ts readingFailure). Nothing
// given is read past: a key beside a target, an order's key no order has (orderFields.ts) or a
// price its type does not take (a limit on a market order) is refused, never dropped.

import { StrategyError } from '../../data/errors.ts';
import { MAX_SHARES, MAX_SHARES_TEXT } from '../accounting/bookRange.ts';
import { CANCEL_FIELDS, unknownOrderField, unknownOrderFieldProblem } from '../execution/orderFields.ts';
import { ORDER_TYPE_NAMES, type OrderRequest, TIF_NAMES } from '../execution/orders.ts';
import type { TargetKind } from '../execution/pendingTargets.ts';
import type { Decision } from '../strategy.ts';
import { describe, inFile, isPlainObject, readingFailure } from './strategyFault.ts';
import { typedArrayLength, typedArrayName } from './typedArrayBrand.ts';
import type { MarketView } from './view.ts';

/**
 * Targets as the engine runs them: entries 0..count−1, symbol[k] (a market index) asked amount[k]
 * (finite, in `kind`'s unit: a fraction of NAV, currency or shares) — a plain object's keys in its
 * own order, 0 included (a target of 0), or a Float64Array's non-zero entries by index (0 there
 * names nothing). The buffers are the checker's, reused by its next decision.
 */
export interface CheckedTargets {
  readonly kind: TargetKind;
  readonly count: number;
  readonly symbol: Int32Array;
  readonly amount: Float64Array;
}

/** An explicit order as the engine runs it: the strategy's request as read once, its symbol a market index. */
export interface CheckedOrder extends OrderRequest {
  readonly symbol: number;
}

/**
 * An order list as the engine runs it: the new orders, in the list's order, and the market indices
 * of the symbols whose resting orders its cancels withdraw (before the new orders are placed).
 */
export interface CheckedOrders {
  readonly orders: readonly CheckedOrder[];
  readonly cancels: readonly number[];
}

/** A decision as the engine runs it: keep the book (undefined), explicit orders and cancels, or targets. */
export type CheckedDecision = undefined | CheckedOrders | CheckedTargets;

const SHAPES = 'return { weights }, { values } or { shares } (a Float64Array over the symbols, or { symbol: number }), an array of orders, or undefined to keep the book';
const KINDS = ['weights', 'values', 'shares'] as const;
/** Why an order cannot carry both a limit and a stop price, and the fix. */
const NO_STOP_LIMIT = 'breadth has no stop-limit orders — send the limit order alone, or the stop order alone (it fills as a market order once triggered)';

/** A field's value as written: strings quoted, the rest as is (undefined, NaN, -5). */
const shown = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/**
 * Reads and checks the decisions of one run over `symbolCount` symbols, into buffers it reuses
 * (a target naming each symbol once allocates nothing but its keys). A refusal or a fault while
 * reading is a StrategyError naming the strategy, the session and its file.
 */
export class DecisionChecker {
  #symbol: Int32Array;
  #amount: Float64Array;
  #count = 0;
  /** What is being read, for the message of a read that throws: "its decision", "its weights", "its order 2". */
  #reading = '';
  /** The target key whose value is being read (its message: "the weight of AAA"); undefined between keys. */
  #key: string | undefined;

  constructor(symbolCount: number) {
    this.#symbol = new Int32Array(Math.max(symbolCount, 1));
    this.#amount = new Float64Array(Math.max(symbolCount, 1));
  }

  /** `decision`, returned by strategy `name` (loaded from `file`) at the view's close, read once and checked. */
  check(decision: Decision, name: string, view: MarketView, file?: string): CheckedDecision {
    let refusal: StrategyError | undefined;
    const fail = (problem: string): never => {
      throw (refusal = new StrategyError(`strategy "${name}" failed on ${view.date}: ${problem}${inFile(file)}`));
    };
    this.#reading = 'its decision';
    this.#key = undefined;
    let kind: TargetKind = 'weights';
    try {
      if (decision === undefined) return undefined;
      if (Array.isArray(decision)) return this.#orders(decision as readonly unknown[], view, fail);
      if (typeof decision !== 'object' || decision === null) return fail(`decide() returned ${describe(decision)}, not a decision: ${SHAPES}`);
      // Own keys only: a Map's values() or a Set's keys() is a method, not a target (probe r51a: "values is a function values").
      const kinds = KINDS.filter((k) => Object.hasOwn(decision, k));
      if (kinds.length !== 1) return fail(`decide() returned ${describe(decision)}, not a decision: ${SHAPES}`);
      kind = kinds[0];
      // A key beside the target would be read past (a tif, a shorts flag, orders): what runs would differ from what was asked.
      for (const key in decision) if (key !== kind && Object.hasOwn(decision, key)) fail(`decide() returned { ${kind} } with ${key} beside it: a target decision is { ${kind} } alone, and ${key} would be ignored — leave it out (explicit orders are a decision of their own, an array)`);
      this.#reading = `its ${kind}`;
      const target: unknown = (decision as Record<string, unknown>)[kind];
      this.#count = 0;
      if (typedArrayName(target) === 'Float64Array') this.#dense(target as Float64Array, kind, view, fail);
      else this.#keyed(target, kind, view, fail);
      return { kind, count: this.#count, symbol: this.#symbol, amount: this.#amount };
    } catch (err) {
      if (err === refusal) throw err;
      const what = this.#key === undefined ? this.#reading : `the ${kind.slice(0, -1)} of ${this.#key}`;
      throw readingFailure(err, name, `on ${view.date}`, what, file);
    }
  }

  /** A Float64Array target (one entry per symbol, by index): its non-zero entries. */
  #dense(target: Float64Array, kind: TargetKind, view: MarketView, fail: (problem: string) => never): void {
    const length = typedArrayLength(target);
    if (length !== view.symbolCount) fail(`${kind} has ${length} entries, the market has ${view.symbolCount} symbols`);
    for (let i = 0; i < length; i++) {
      const x = target[i];
      if (!Number.isFinite(x)) fail(`the ${kind.slice(0, -1)} of ${view.symbols[i]} is ${x} — use 0 (or leave the symbol out) where there is nothing to hold`);
      if (x !== 0) this.#add(i, x);
    }
  }

  /**
   * A target keyed by symbol name (or role, '@smallCap'): a plain object whose own keys are all
   * strings Object.keys lists — a Symbol key or one that is not enumerable would be left out,
   * selling what it names — each value read once.
   */
  #keyed(target: unknown, kind: TargetKind, view: MarketView, fail: (problem: string) => never): void {
    const singular = kind.slice(0, -1);
    // A Map's entries, a Set's members and a class's getters are no own keys: read as a plain object it would be an empty (or partial) target, selling the book.
    if (typeof target !== 'object' || target === null || !isPlainObject(target)) return fail(`${kind} is ${describe(target)}: give ${kind} as { symbol: ${singular} } (a plain object) or a Float64Array over the symbols`);
    const keys = Object.keys(target);
    const own = Reflect.ownKeys(target);
    if (own.length !== keys.length) fail(unlistedKey(kind, own, new Set(keys)));
    const values = target as Record<string, unknown>;
    for (const key of keys) {
      this.#key = key;
      const x = values[key];
      const i = symbolIndex(key, view, fail);
      if (typeof x !== 'number') fail(`the ${singular} of ${view.symbols[i]} is ${describe(x)}: give a number`);
      if (!Number.isFinite(x)) fail(`the ${singular} of ${view.symbols[i]} is ${String(x)} — use 0 (or leave the symbol out) where there is nothing to hold`);
      this.#add(i, x as number);
    }
    this.#key = undefined;
  }

  /**
   * An order list: each order { symbol, quantity, type?, limit?, stop?, tif? } read once into a
   * fresh request, each cancel { symbol, cancel: true } into its symbol's index. A key neither has,
   * and a price the order's type does not take, are refused: read past, they would change what
   * runs without a word (a limit on an order without type: 'limit' ran as a market order).
   */
  #orders(entries: readonly unknown[], view: MarketView, fail: (problem: string) => never): CheckedOrders {
    const orders: CheckedOrder[] = [];
    const cancels: number[] = [];
    const count = entries.length;
    for (let k = 0; k < count; k++) {
      this.#reading = `its order ${k + 1}`;
      const entry = entries[k];
      if (typeof entry !== 'object' || entry === null) return fail(`an order must be { symbol, quantity }, got ${describe(entry)}`);
      const keys = Object.keys(entry);
      const unknown = unknownOrderField(keys);
      const { symbol, quantity, type = 'market', tif = 'gtc', limit, stop, cancel } = entry as Record<string, unknown>;
      if (unknown !== undefined) fail(`${typeof symbol === 'string' ? `the order for ${symbol}` : `order ${k + 1}`}: ${unknownOrderFieldProblem(unknown)}`);
      if (cancel !== undefined) {
        cancels.push(cancelSymbol(keys, symbol, cancel, view, fail));
        continue;
      }
      if (!('symbol' in entry) || !('quantity' in entry)) return fail(`an order must be { symbol, quantity }, got ${describe(entry)}`);
      const i = orderSymbol(symbol, view, fail);
      const named = view.symbols[i];
      if (typeof quantity !== 'number') fail(`the order quantity for ${named} is ${describe(quantity)}: give a number`);
      if (!Number.isFinite(quantity)) fail(`the order quantity for ${named} is ${String(quantity)}, not a finite number`);
      if (Math.abs(quantity as number) > MAX_SHARES) fail(`the order quantity for ${named} is ${String(quantity)} shares, ${MAX_SHARES_TEXT}`);
      if (!(ORDER_TYPE_NAMES as readonly unknown[]).includes(type)) fail(`the order for ${named} has type ${shown(type)}: use ${ORDER_TYPE_NAMES.join(', ')}`);
      if (!(TIF_NAMES as readonly unknown[]).includes(tif)) fail(`the order for ${named} has tif ${shown(tif)}: use ${TIF_NAMES.join(', ')}`);
      // A limit or stop order needs its price, positive: without one it could never fill, and would rest silently to the end.
      if (type === 'limit' && !(typeof limit === 'number' && limit > 0)) fail(`the limit order for ${named} has limit ${shown(limit)}: give a positive limit price`);
      if (type === 'stop' && !(typeof stop === 'number' && stop > 0)) fail(`the stop order for ${named} has stop ${shown(stop)}: give a positive stop price`);
      // A price the type does not take would be dropped: a limit on a market order filled above it (probe r52b F1).
      if (type === 'limit' && stop !== undefined) fail(`the limit order for ${named} has stop ${shown(stop)} too: ${NO_STOP_LIMIT}`);
      if (type === 'stop' && limit !== undefined) fail(`the stop order for ${named} has limit ${shown(limit)} too: ${NO_STOP_LIMIT}`);
      if (type === 'market' && limit !== undefined) fail(`the market order for ${named} has limit ${shown(limit)}: only a limit order takes a limit price — give type: 'limit' with it, or leave limit out`);
      if (type === 'market' && stop !== undefined) fail(`the market order for ${named} has stop ${shown(stop)}: only a stop order takes a stop price — give type: 'stop' with it, or leave stop out`);
      const request = { symbol: i, quantity: quantity as number, type: type as CheckedOrder['type'], tif: tif as CheckedOrder['tif'] };
      orders.push(type === 'limit' ? { ...request, limit: limit as number } : type === 'stop' ? { ...request, stop: stop as number } : request);
    }
    return { orders, cancels };
  }

  /** Entry #count: symbol i at `amount`, growing the buffers where a target names more keys than symbols (a symbol and its role). */
  #add(i: number, amount: number): void {
    if (this.#count === this.#symbol.length) {
      const [symbol, value] = [new Int32Array(2 * this.#count), new Float64Array(2 * this.#count)];
      symbol.set(this.#symbol);
      value.set(this.#amount);
      [this.#symbol, this.#amount] = [symbol, value];
    }
    this.#symbol[this.#count] = i;
    this.#amount[this.#count++] = amount;
  }
}

/** The market index of a symbol named `key` (or of a role, '@smallCap'); an unknown one is refused with the view's words. */
function symbolIndex(key: string, view: MarketView, fail: (problem: string) => never): number {
  try {
    return view.resolve(key);
  } catch (err) {
    return fail((err as Error).message);
  }
}

/** Symbol index `i` as an order gives it, refused outside 0..symbolCount − 1. */
const symbolAt = (i: number, view: MarketView, fail: (problem: string) => never): number =>
  Number.isInteger(i) && i >= 0 && i < view.symbolCount ? i : fail(`symbol index ${i} is out of range (0..${view.symbolCount - 1})`);

/** The market index of an order's or cancel's symbol, given by name (or role) or index. */
const orderSymbol = (symbol: unknown, view: MarketView, fail: (problem: string) => never): number =>
  typeof symbol === 'number' ? symbolAt(symbol, view, fail) : typeof symbol === 'string' ? symbolIndex(symbol, view, fail) : fail(`an order's symbol is ${describe(symbol)}: give its name or index`);

/** The symbol index a cancel { symbol, cancel: true } names (its own keys, symbol and cancel as read); anything else in it is refused. */
function cancelSymbol(keys: readonly string[], symbol: unknown, cancel: unknown, view: MarketView, fail: (problem: string) => never): number {
  const i = orderSymbol(symbol, view, fail);
  const named = view.symbols[i];
  if (cancel !== true) fail(`the cancel for ${named} has cancel ${shown(cancel)}: give cancel: true to withdraw the orders resting on ${named}, or leave cancel out`);
  const other = keys.find((key) => !(CANCEL_FIELDS as readonly string[]).includes(key));
  if (other !== undefined) fail(`the cancel for ${named} has ${other} too: a cancel is { symbol, cancel: true } alone — send a new order for ${named} as its own entry (the cancel withdraws what rested before this decision)`);
  return i;
}

/**
 * Why a target's own keys (`own`) are not the keys Object.keys listed (`listed`): the first Symbol
 * key, else the first key that is not enumerable, else keys that changed between the two reads (a
 * Proxy's ownKeys trap).
 */
function unlistedKey(kind: TargetKind, own: readonly (string | symbol)[], listed: ReadonlySet<string>): string {
  const symbolKey = own.find((key) => typeof key === 'symbol');
  if (symbolKey !== undefined) return `${kind} has a Symbol key (${String(symbolKey)}): key each symbol by its name, a string — breadth would read past it, as if that symbol had no target`;
  const hidden = own.find((key) => !listed.has(key as string));
  if (hidden === undefined) return `${kind} gave other keys each time they were read (a Proxy?): give the same keys each time`;
  return `${kind} has a key that is not enumerable (${String(hidden)}): give it as a plain property — breadth reads the keys Object.keys lists, and would read past it, as if that symbol had no target`;
}
