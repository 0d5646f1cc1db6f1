// Blaming the right party when a strategy misbehaves: an exception thrown in a user's strategy
// (from `create`, `init` or `decide`), or a decision that is not one (wrong shape, NaN or infinite
// values, unknown symbols), becomes a StrategyError naming the strategy, the session and the
// strategy file's own stack frame — or, where there is none (a decision, a thrown value that is no
// Error), the strategy's file. An Error raised only in breadth's own code (a built-in strategy, a
// block called correctly) stays what it is: breadth's bug, reported as such; breadth never throws
// anything but Errors, so a thrown string, object or number is the strategy's own.

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

/** " (in /abs/mine.ts)" for a strategy loaded from `file` (Strategy.sourceFile), else "": where no stack frame names the line. */
const inFile = (file: string | undefined): string => (file === undefined ? '' : ` (in ${file})`);

/**
 * What to throw for `err`, raised while strategy `name` (loaded from `file`, when it was) ran
 * `when` (e.g. "on 2005-10-03" or "in create()"): a StrategyError when the strategy is at fault —
 * an Error with a frame in the strategy's code, a UserError, or any thrown value that is not an
 * Error ("it threw the string "x", not an Error", with the strategy's file) — else `err` itself.
 */
export function strategyFailure(err: unknown, name: string, when: string, file?: string): unknown {
  if (err instanceof StrategyError) return err;
  const failed = `strategy "${name}" failed ${when}`;
  if (!(err instanceof Error)) return new StrategyError(`${failed}: it threw ${describe(err)}, not an Error${inFile(file)}`);
  const frame = strategyFrame(err.stack);
  if (frame === undefined && !(err instanceof UserError)) return err;
  return new StrategyError(`${failed}: ${err.message}${frame ? ` (at ${frame})` : inFile(file)}`);
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

/** Longest string or JSON a message quotes before an ellipsis. */
const QUOTED_CHARS = 60;

/** A text cut to QUOTED_CHARS characters and an ellipsis. */
const cut = (text: string): string => (text.length > QUOTED_CHARS ? `${text.slice(0, QUOTED_CHARS)}…` : text);

/** "a Map", "an Int8Array", "a Promise": an object by its class. */
const instanceOf = (name: string): string => `${/^[AEIO]/.test(name) ? 'an' : 'a'} ${name}`; // a Uint8Array: U sounds "you"

/**
 * A value a strategy handed breadth (a decision, a target's entry, what create() returned, a
 * thrown value), as a message names it: `the string "0.5"`, 42, null, undefined, an array,
 * `a function weekly`, `a Float32Array of 2`, a Promise (with the fix), `a Map` (an object of a
 * class, by the class), `the object {"code":42}` (a plain object, its JSON cut to 60 characters;
 * its keys where it has no JSON).
 */
export function describe(value: unknown): string {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'symbol') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return `the string ${JSON.stringify(cut(value))}`;
  if (typeof value === 'function') return value.name ? `a function ${value.name}` : 'a function';
  if (Array.isArray(value)) return 'an array';
  if (ArrayBuffer.isView(value)) return `${instanceOf(value.constructor.name)}${'length' in value ? ` of ${String(value.length)}` : ''}`;
  if (unawaited(value)) return 'a Promise (breadth awaits nothing: make the function synchronous, not async)';
  if (!isPlainObject(value)) return instanceOf(value.constructor?.name || 'object of no class');
  const json = jsonOf(value);
  return json === undefined ? `an object with keys ${Object.keys(value).join(', ')}` : `the object ${cut(json)}`;
}

/** JSON of a plain object; undefined where it has none (a cycle, a bigint). */
function jsonOf(value: object): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/** An object literal (or one made by Object.create(null)): not an instance of a class (Map, Set, Promise, Date, an array, a typed array, a user's own). */
function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Check a decision's shape and numbers before the planner sees it; a StrategyError says what is
 * wrong, on which session, in which strategy file (`file`, where it was loaded from one). Targets are a Float64Array over the symbols or
 * a plain object keyed by symbol: any other object (a Map, an array, a class's instance) is
 * refused, never read as the empty target that would close the book.
 */
export function checkDecision(decision: Decision, name: string, view: MarketView, file?: string): Decision {
  const fail = (problem: string): never => {
    throw new StrategyError(`strategy "${name}" failed on ${view.date}: ${problem}${inFile(file)}`);
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
      if (typeof quantity !== 'number') fail(`the order quantity for ${named} is ${describe(quantity)}: give a number`);
      if (!Number.isFinite(quantity)) fail(`the order quantity for ${named} is ${String(quantity)}, not a finite number`);
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
  // A Map's entries, a Set's members and a class's getters are no own keys: read as a plain object it would be an empty (or partial) target, selling the book.
  if (typeof target !== 'object' || target === null || !isPlainObject(target)) return fail(`${kind} is ${describe(target)}: give ${kind} as { symbol: ${singular} } (a plain object) or a Float64Array over the symbols`);
  for (const [symbol, value] of Object.entries(target)) {
    const named = symbolName(symbol);
    if (typeof value !== 'number') fail(`the ${singular} of ${named} is ${describe(value)}: give a number`);
    if (!Number.isFinite(value)) fail(`the ${singular} of ${named} is ${String(value)} — use 0 (or leave the symbol out) where there is nothing to hold`);
  }
  return decision;
}
