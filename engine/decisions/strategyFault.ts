// Blaming the right party when a strategy misbehaves: an exception thrown in a user's strategy
// (from `create`, `init` or `decide`), one thrown while breadth reads what it returned (a getter,
// a Proxy trap), or a decision that is not one (engine/decisions/decisionCheck.ts) becomes a StrategyError
// naming the strategy, the session and the strategy file's own stack frame — or, where there is
// none (a decision, a thrown value that is no Error), the strategy's file. An Error raised only in breadth's own code (a built-in strategy, a
// block called correctly) stays what it is: breadth's bug, reported as such; breadth never throws
// anything but Errors, so a thrown string, object or number is the strategy's own.

import { StrategyError, UserError } from '../../data/errors.ts';
import { TYPED_ARRAY_PROTOTYPE } from './typedArrayBrand.ts';

/** A file URL's path (no node: import here: the engine stays free of Node's modules). */
const pathOf = (url: string): string => decodeURIComponent(new URL(url).pathname);

/** The folder holding breadth's library folders (the repository, or dist/ of the package). */
const LIBRARY = pathOf(new URL('../..', import.meta.url).href);
const LIBRARY_FOLDERS = ['core', 'data', 'engine', 'strategies', 'reports', 'study', 'cli'].map((f) => `${LIBRARY}${f}/`);

/** The engine's session loop, which calls the strategy: frames beyond it are the caller's, not the strategy's. */
const BACKTEST = /\/engine\/backtest\.[jt]s$/;

/**
 * The first stack frame in code that is neither breadth's library, a dependency, nor Node's, and
 * lies between the throw and the engine's call into the strategy: the strategy's file:line:column.
 * `beforeLibrary`: only above breadth's first frame — for a fault raised while breadth read the
 * strategy's values (a getter runs above the reading code; the frames below it are its callers').
 */
export function strategyFrame(stack: string | undefined, beforeLibrary = false): string | undefined {
  for (const line of (stack ?? '').split('\n')) {
    const match = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    if (!match) continue;
    const file = match[1].startsWith('file://') ? pathOf(match[1]) : match[1];
    if (!file.startsWith('/')) continue; // node:internal, native, eval
    if (file.startsWith(LIBRARY) && BACKTEST.test(file)) return undefined;
    const library = LIBRARY_FOLDERS.some((folder) => file.startsWith(folder)) || /^index\.[jt]s$/.test(file.slice(LIBRARY.length));
    if (library && beforeLibrary) return undefined;
    if (library || file.includes('/node_modules/')) continue;
    return `${file}:${match[2]}:${match[3]}`;
  }
  return undefined;
}

/** " (in /abs/mine.ts)" for a strategy loaded from `file` (Strategy.sourceFile), else "": where no stack frame names the line. */
export const inFile = (file: string | undefined): string => (file === undefined ? '' : ` (in ${file})`);

/**
 * What to throw for `err`, raised while strategy `name` (loaded from `file`, when it was) ran
 * `when` (e.g. "on 2005-10-03" or "in create()"): a StrategyError when the strategy is at fault —
 * an Error with a frame in the strategy's code, a UserError, an Error whose stack names no frame
 * at all (removed: `e.stack = undefined`; breadth's own errors carry theirs), or any thrown value
 * that is not an Error ("it threw the string "x", not an Error", with the strategy's file), or
 * one that cannot be looked at (a revoked Proxy) — else `err` itself. Never throws.
 */
export function strategyFailure(err: unknown, name: string, when: string, file?: string): unknown {
  return blamed(err, `strategy "${name}" failed ${when}`, file, false);
}

/**
 * The StrategyError for `err`, raised while breadth read what strategy `name` returned `when`
 * (`what`: e.g. "its weights", "the weight of AAA"): a getter or Proxy trap that threw, a revoked
 * Proxy, a Proxy of a typed array. The strategy's fault whatever the stack: it names the
 * strategy's line where the stack holds one, else its file. Never throws.
 */
export function readingFailure(err: unknown, name: string, when: string, what: string, file?: string): StrategyError {
  return blamed(err, `strategy "${name}" failed ${when}: reading ${what}`, file, true) as StrategyError;
}

/**
 * The StrategyError for `err`, raised in a user's own code (a strategy, an execution model: what
 * strategyFailure and readingFailure serve, and engine/models/modelGuard.ts), `failed` opening its
 * message (`commission model "tiered" failed on 2005-01-04 in commission(…)`); `err` itself where
 * it is breadth's own (never, `theirs`). Never throws.
 */
export function blamed(err: unknown, failed: string, file: string | undefined, theirs: boolean): unknown {
  try {
    if (err instanceof StrategyError) return err;
    if (!(err instanceof Error)) return new StrategyError(`${failed}: it threw ${describe(err)}, not an Error${inFile(file)}`);
    const stack: unknown = err.stack;
    const frame = strategyFrame(typeof stack === 'string' ? stack : undefined, theirs);
    if (frame === undefined && !theirs && !(err instanceof UserError) && hasFrames(stack)) return err;
    return new StrategyError(`${failed}: ${err.message}${frame ? ` (at ${frame})` : inFile(file)}`);
  } catch (unreadable) {
    return new StrategyError(`${failed}: ${unreadableValue(unreadable, file)}`);
  }
}

/** What a message says of a thrown value that threw `why` when looked at (a revoked Proxy, a message getter that throws). Never throws. */
function unreadableValue(why: unknown, file: string | undefined): string {
  let reason = 'a value that cannot be read either';
  try {
    reason = why instanceof Error ? `${why.name}: ${why.message}` : describe(why);
  } catch {
    // A value that cannot be read, thrown by one that cannot: the sentence above says so.
  }
  return `it threw a value breadth cannot read (${reason})${inFile(file)}`;
}

/** True when a stack names a frame (a line "at …"); false for none, a stack reduced to its message, or no string. */
export const hasFrames = (stack: unknown): boolean => typeof stack === 'string' && /\n\s+at /.test(stack);

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
 * `a function weekly`, `a Float32Array of 2`, `an object posing as a Float64Array (a Proxy of
 * one?), no Float64Array itself`, a Promise (with the fix), `a Map` (an object of a
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
  // Not a view, yet a typed array's prototype: a Proxy of one (its elements and length cannot be read through it) or an Object.create.
  if (TYPED_ARRAY_PROTOTYPE.isPrototypeOf(value)) return `an object posing as ${instanceOf(value.constructor.name)} (a Proxy of one?), no ${value.constructor.name} itself`;
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
export function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
