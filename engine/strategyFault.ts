// Blaming the right party when a strategy misbehaves: an exception thrown in a user's strategy
// (from `create`, `init` or `decide`), or a decision that is not one (wrong shape, NaN or infinite
// values, unknown symbols), becomes a StrategyError naming the strategy, the session and the
// strategy file's own stack frame. An exception raised only in breadth's own code (a built-in
// strategy, a block called correctly) stays what it is: breadth's bug, reported as such.

import { StrategyError, UserError } from '../data/errors.ts';
import { ORDER_TYPE_NAMES, TIF_NAMES } from './orders.ts';
import { MAX_SHARES, MAX_SHARES_TEXT } from './bookRange.ts';
import type { Decision } from './strategy.ts';
import type { MarketView } from './view.ts';

/** A file URL's path (no node: import here: the engine stays free of Node's modules). */
const pathOf = (url: string): string => decodeURIComponent(new URL(url).pathname);

/** The folder holding breadth's library folders (the repository, or dist/ of the package). */
const LIBRARY = pathOf(new URL('..', import.meta.url).href);
const LIBRARY_FOLDERS = ['core', 'data', 'engine', 'strategies', 'reports', 'study', 'cli'].map((f) => `${LIBRARY}${f}/`);

/** The engine's session loop, which calls the strategy: frames beyond it are the caller's, not the strategy's. */
const BACKTEST = /\/engine\/backtest\.[jt]s$/;

/**
 * The first stack frame in code that is neither breadth's library, a dependency, nor Node's, and
 * lies between the throw and the engine's call into the strategy: the strategy's file:line:column.
 */
export function strategyFrame(stack: string | undefined): string | undefined {
  for (const line of (stack ?? '').split('\n')) {
    const match = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    if (!match) continue;
    const file = match[1].startsWith('file://') ? pathOf(match[1]) : match[1];
    if (!file.startsWith('/')) continue; // node:internal, native, eval
    if (file.startsWith(LIBRARY) && BACKTEST.test(file)) return undefined;
    if (file.includes('/node_modules/') || LIBRARY_FOLDERS.some((folder) => file.startsWith(folder)) || /^index\.[jt]s$/.test(file.slice(LIBRARY.length))) continue;
    return `${file}:${match[2]}:${match[3]}`;
  }
  return undefined;
}

/**
 * What to throw for `err`, raised while strategy `name` ran `when` (e.g. "on 2005-10-03" or
 * "in create()"): a StrategyError when the strategy is at fault, else `err` itself.
 */
export function strategyFailure(err: unknown, name: string, when: string): unknown {
  if (err instanceof StrategyError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const frame = err instanceof Error ? strategyFrame(err.stack) : undefined;
  if (frame === undefined && !(err instanceof UserError)) return err;
  return new StrategyError(`strategy "${name}" failed ${when}: ${message}${frame ? ` (at ${frame})` : ''}`);
}

const SHAPES = 'return { weights }, { values } or { shares } (a Float64Array over the symbols, or { symbol: number }), an array of orders, or undefined to keep the book';

/** A field's value as written: strings quoted, the rest as is (undefined, NaN, -5). */
const shown = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/**
 * True when `value` is a promise (a thenable): what an async create() or decide() returns, which
 * breadth never awaits. Its rejection is handled here, so an async function that also threw
 * ends with the StrategyError about the promise, not with Node's unhandled-rejection crash.
 */
export function unawaited(value: unknown): boolean {
  const then = (value as { then?: unknown } | null | undefined)?.then;
  if (typeof then !== 'function') return false;
  then.call(value, undefined, () => undefined);
  return true;
}

/** A value a strategy handed breadth, in a phrase: "undefined", "a Promise", "a function weekly", "an object with keys a, b", "string \"x\"". */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}${'length' in value ? ` of ${String(value.length)}` : ''}`;
  if (unawaited(value)) return 'a Promise (breadth awaits nothing: make the function synchronous, not async)';
  if (typeof value === 'function') return value.name ? `a function ${value.name}` : 'a function';
  if (typeof value === 'object') return `an object with keys ${Object.keys(value).join(', ') || '(none)'}`;
  return `${typeof value} ${JSON.stringify(value) ?? String(value)}`;
}

/** Check a decision's shape and numbers before the planner sees it; a StrategyError says what is wrong where. */
export function checkDecision(decision: Decision, name: string, view: MarketView): Decision {
  const fail = (problem: string): never => {
    throw new StrategyError(`strategy "${name}" failed on ${view.date}: ${problem}`);
  };
  const symbolName = (key: string | number): string => {
    if (typeof key === 'number') return Number.isInteger(key) && key >= 0 && key < view.symbolCount ? view.symbols[key] : fail(`symbol index ${key} is out of range (0..${view.symbolCount - 1})`);
    try {
      return view.symbols[view.resolve(key)];
    } catch (err) {
      return fail((err as Error).message);
    }
  };
  if (decision === undefined) return decision;
  if (Array.isArray(decision)) {
    for (const order of decision as readonly unknown[]) {
      if (typeof order !== 'object' || order === null || !('symbol' in order) || !('quantity' in order)) fail(`an order must be { symbol, quantity }, got ${describe(order)}`);
      const { symbol, quantity, type = 'market', tif = 'gtc', limit, stop } = order as { symbol: string | number; quantity: unknown; type?: unknown; tif?: unknown; limit?: unknown; stop?: unknown };
      const named = symbolName(symbol);
      if (typeof quantity !== 'number' || !Number.isFinite(quantity)) fail(`the order quantity for ${named} is ${String(quantity)}, not a finite number`);
      if (Math.abs(quantity as number) > MAX_SHARES) fail(`the order quantity for ${named} is ${quantity} shares, ${MAX_SHARES_TEXT}`);
      if (!(ORDER_TYPE_NAMES as readonly unknown[]).includes(type)) fail(`the order for ${named} has type ${shown(type)}: use ${ORDER_TYPE_NAMES.join(', ')}`);
      if (!(TIF_NAMES as readonly unknown[]).includes(tif)) fail(`the order for ${named} has tif ${shown(tif)}: use ${TIF_NAMES.join(', ')}`);
      // A limit or stop order needs its price, positive: without one it could never fill, and would rest silently to the end.
      if (type === 'limit' && !(typeof limit === 'number' && limit > 0)) fail(`the limit order for ${named} has limit ${shown(limit)}: give a positive limit price`);
      if (type === 'stop' && !(typeof stop === 'number' && stop > 0)) fail(`the stop order for ${named} has stop ${shown(stop)}: give a positive stop price`);
    }
    return decision;
  }
  if (typeof decision !== 'object' || decision === null) return fail(`decide() returned ${describe(decision)}, not a decision: ${SHAPES}`);
  const kinds = (['weights', 'values', 'shares'] as const).filter((k) => k in decision);
  if (kinds.length !== 1) return fail(`decide() returned ${describe(decision)}, not a decision: ${SHAPES}`);
  const kind = kinds[0];
  const target = (decision as Record<string, unknown>)[kind];
  const singular = kind.slice(0, -1);
  if (target instanceof Float64Array) {
    if (target.length !== view.symbolCount) fail(`${kind} has ${target.length} entries, the market has ${view.symbolCount} symbols`);
    for (let i = 0; i < target.length; i++) if (!Number.isFinite(target[i])) fail(`the ${singular} of ${view.symbols[i]} is ${target[i]} — use 0 (or leave the symbol out) where there is nothing to hold`);
    return decision;
  }
  if (typeof target !== 'object' || target === null || Array.isArray(target) || ArrayBuffer.isView(target)) return fail(`${kind} is ${describe(target)}: ${SHAPES}`);
  for (const [symbol, value] of Object.entries(target)) {
    const named = symbolName(symbol);
    if (typeof value !== 'number' || !Number.isFinite(value)) fail(`the ${singular} of ${named} is ${String(value)} — use 0 (or leave the symbol out) where there is nothing to hold`);
  }
  return decision;
}
