// Errors that a user can act on: where (file:line), what, and how to fix it.

/**
 * An error in user input (config, parameters, flags, data files, an output path): printed as one
 * line, never with a stack. Every error breadth raises for a user's mistake is one (DataError,
 * ParamsError and StrategyError are its kinds); anything else it throws is its own fault.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * A data file (or a file breadth writes) that cannot be read or written as it is: a UserError
 * whose message is `file:line: problem — fix`.
 */
export class DataError extends UserError {
  readonly file: string;
  readonly line: number | undefined;
  /** What is wrong, without the place or the fix (the message is `file:line: problem — fix`). */
  readonly problem: string;
  readonly fix: string | undefined;

  constructor(file: string, line: number | undefined, problem: string, fix?: string) {
    const where = line === undefined ? file : `${file}:${line}`;
    super(`${where}: ${problemAndFix(problem, fix)}`);
    this.name = 'DataError';
    this.file = file;
    this.line = line;
    this.problem = problem;
    this.fix = fix;
  }
}

/** A DataError's words without its place: `problem — fix` (the problem alone without a fix). */
export function problemAndFix(problem: string, fix: string | undefined): string {
  return `${problem}${fix ? ` — ${fix}` : ''}`;
}

/**
 * The strategy's parameter check refused a run's parameters (sma-crossover's fast ≥ slow): a
 * UserError where one run is asked for; in a sweep, that grid point is a failed trial (study/sweep/plan.ts).
 */
export class ParamsError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'ParamsError';
  }
}

/**
 * A strategy's own fault (it threw, or returned something that is not a decision), reported
 * against the strategy and the session, with the strategy file's stack frame: a user's mistake,
 * never breadth's internal error. A user's execution model (a model file, or one handed to
 * backtest()) that throws or answers what its concern cannot take is reported the same way.
 */
export class StrategyError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'StrategyError';
  }
}

/** True for errors whose message is meant for the user as is: a UserError, of any kind. */
export function isUserFacing(err: unknown): err is UserError {
  return err instanceof UserError;
}

/** A key path as users write it: `runs[2].params.tilt`. */
export function keyPath(path: readonly PropertyKey[]): string {
  return path.map((p, k) => (typeof p === 'number' ? `[${p}]` : `${k ? '.' : ''}${String(p)}`)).join('');
}

/** The value at a key path of some parsed input (undefined where the path leads nowhere). */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Longest excerpt of a value an error message quotes (a whole file read as a string is not echoed). */
const EXCERPT_CHARS = 60;

/**
 * A value as an error message quotes it: numbers, booleans and undefined as written; anything
 * else as JSON (control characters escaped), cut to 60 characters and an ellipsis.
 */
export function excerpt(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

/** A path or name on one line of a message: a line break or other control character in it shown escaped (\n, \t, \u0007; DEL as is). */
export function printable(path: string): string {
  return path.replace(/[\u0000-\u001f]/g, (c) => JSON.stringify(c).slice(1, -1));
}
