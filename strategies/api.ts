// The strategy definition API: one file = one definition. A definition names the strategy,
// describes it in a line, declares its parameters as a zod object schema (every key with a
// default and a `.describe()`, so `{}` is a valid configuration and the CLI can list them),
// says what data it needs, and builds the decision logic from validated parameters.
//
//   export default defineStrategy({
//     name: 'my-idea',
//     description: 'One line a reader of `breadth strategies` understands.',
//     dataNeeds: 'stocks with fundamentals',
//     params: z.object({ top: z.number().int().min(1).default(50).describe('names held') }),
//     create: (p) => ({ schedule: monthStart, decide: (view) => ({ weights: ... }) }),
//   });
//
// `instantiate` validates raw parameters and returns the engine's `Strategy` with name, params
// and source hash filled in, so a definition never repeats them.

import { z } from 'zod';
import { ParamsError, StrategyError } from '../data/errors.ts';
import type { Strategy } from '../engine/strategy.ts';
import { readingFailure, strategyFailure } from '../engine/decisions/strategyFault.ts';
import { logicProblems } from '../engine/decisions/strategyShape.ts';
import { describeParamIssues } from './paramErrors.ts';
import { nestedUnknownKeys, refusingUnknownKeys } from './strictParams.ts';
import { durationSessions } from './blocks/durations.ts';
import { durationDefaults, givenShapingNothing } from './blocks/params.ts';
import { isScheduleName } from './blocks/schedules.ts';

/** The calendar a strategy reads when no run gives it one: daily, P = 252. */
const DAILY_SESSIONS_PER_YEAR = 252;

/** Parameter schemas are zod objects: one key per parameter. */
export type ParamSchema = z.ZodObject;

/** What `create` returns: the decision logic. Name, params and source hash are added for it. */
export type StrategyLogic = Pick<Strategy, 'schedule' | 'shorts' | 'init' | 'decide'>;

/**
 * A strategy as a file or a built-in defines it (defineStrategy): its name, a one-line
 * description, the data it needs, a zod schema of its parameters (S) and `create`, which turns
 * parsed parameters into the decision logic (StrategyLogic). createStrategy, instantiate and
 * `--strategy` parse the parameters (one the schema refuses is a ParamsError, a UserError) before `create` runs.
 */
export interface StrategyDefinition<S extends ParamSchema = ParamSchema> {
  /** Kebab-case name used on the command line and in manifests, e.g. `size-tilt`. */
  readonly name: string;
  /** One line: the idea, for `breadth strategies`. */
  readonly description: string;
  /** What the strategy reads, e.g. 'stocks with fundamentals' or 'ETF prices'. */
  readonly dataNeeds: string;
  readonly params: S;
  create(params: z.output<S>): StrategyLogic;
}

/** Identity with type inference: `create` receives the schema's parsed output type. */
export function defineStrategy<S extends ParamSchema>(definition: StrategyDefinition<S>): StrategyDefinition<S> {
  return definition;
}

/**
 * Validate raw parameters against a definition's schema, with the windows left at a duration
 * default resolved to `periodsPerYear` sessions a year (default 252, a daily calendar; a run
 * resolves them with its own P in init()). A ParamsError (a UserError) lists every problem.
 */
export function parseParams<S extends ParamSchema>(definition: StrategyDefinition<S>, raw: unknown, periodsPerYear = DAILY_SESSIONS_PER_YEAR): z.output<S> {
  return resolveParams(definition, validateGiven(definition, raw), periodsPerYear);
}

/**
 * The raw parameters validated, windows left at a duration default still absent: the one check of
 * a strategy's parameters, whoever gives them (createStrategy, `--param`, a study's `params:`, a
 * sweep's grid point). A key the schema does not name is refused (strictParams.ts), never dropped;
 * so is one given where it shapes nothing (blocks/params.ts onlyWith: maxLeverage without targetVol).
 */
function validateGiven<S extends ParamSchema>(definition: StrategyDefinition<S>, raw: unknown): z.output<S> {
  const parsed = refusingUnknownKeys(definition.params).safeParse(raw ?? {});
  // A parameter given where it shapes nothing (blocks/params.ts onlyWith) is refused, never stored as if it had: only one the user gave, a default never.
  const idle = parsed.success ? givenShapingNothing(definition.params, raw, parsed.data as Record<string, unknown>) : [];
  const issues = [...nestedUnknownKeys(definition.params, raw), ...(parsed.error?.issues ?? []), ...idle];
  if (issues.length > 0 || !parsed.success) throw new ParamsError(describeParamIssues(definition.name, definition.params, new z.ZodError(issues), raw));
  return parsed.data;
}

/**
 * The parameters a run at `periodsPerYear` sessions a year reads: each window left unset whose
 * default is a duration (blocks/params.ts durationParam) becomes round(years × P) sessions, at
 * least its minimum; then the whole schema, its cross-parameter checks too, validates the result.
 * A ParamsError (a UserError) lists every problem and the defaults it resolved.
 */
export function resolveParams<S extends ParamSchema>(definition: StrategyDefinition<S>, given: z.output<S>, periodsPerYear: number): z.output<S> {
  const filled: Record<string, unknown> = { ...given };
  const resolved: string[] = [];
  for (const [key, duration] of durationDefaults(definition.params)) {
    if (filled[key] !== undefined) continue;
    filled[key] = durationSessions(duration, periodsPerYear, duration.min);
    resolved.push(`${key} ${String(filled[key])} (${duration.text})`);
  }
  const parsed = definition.params.safeParse(filled);
  if (parsed.success) return parsed.data;
  const defaults = resolved.length ? ` (defaults at ${periodsPerYear} sessions a year: ${resolved.join(', ')}; set them in sessions to choose others)` : '';
  throw new ParamsError(`${describeParamIssues(definition.name, definition.params, parsed.error, filled)}${defaults}`);
}

/** scheduleNamed as the fix for a schedule create() gave by a name it knows. */
const namedFix = (name: string): string | undefined => (isScheduleName(name) ? `scheduleNamed(${JSON.stringify(name)}) for a name read from a parameter` : undefined);

/**
 * What `create()` returned, checked before the engine calls it: the logic, or a StrategyError
 * naming the strategy, its `file` (when it has one) and every problem with its fix — or what threw
 * as breadth read it (a getter, a revoked Proxy), the strategy's fault too.
 */
function checkLogic(logic: unknown, name: string, file: string | undefined): StrategyLogic {
  let problems: string[];
  try {
    problems = logicProblems(logic, namedFix);
  } catch (err) {
    throw readingFailure(err, name, 'in create()', 'what it returned', file);
  }
  if (problems.length === 0) return logic as StrategyLogic;
  throw new StrategyError(`strategy "${name}" failed in create()${file ? ` (${file})` : ''}: it must return { schedule, decide }: ${problems.join('; ')}`);
}

/**
 * A runnable Strategy from a definition your script holds and its parameters, typed as the
 * schema's input (z.input: every key optional where it has a default), so a misspelt or mistyped
 * parameter fails `tsc`; checked again at runtime, the same way createStrategy, `--param` and a
 * study's `params:` are (plain JavaScript may pass anything). Synchronous.
 *
 * Windows left at a duration default are resolved to the run's sessions in init() (the engine
 * passes the run's P), which builds the logic and returns the resolved parameters for the
 * manifest. Used without init (a decide() called directly), the strategy reads a daily calendar,
 * P = 252. `sourceHash` (the definition's source's sha256, in the manifest) and `origin` (a
 * user file's absolute path, or 'builtin': LoadedDefinition) are for loaded definitions; with an
 * origin, a fault of the strategy names that file.
 * @throws ParamsError (a UserError listing every problem) for parameters the schema refuses,
 *   a key it does not name included.
 */
export function instantiate<S extends ParamSchema>(definition: StrategyDefinition<S>, params?: z.input<S>, sourceHash?: string, origin?: string): Strategy<z.output<S>>;
/**
 * A loaded definition (LoadedDefinition: its sourceHash and origin) with parameters not yet
 * known to fit it — a study's `params:`, `--param`, a sweep's grid point — checked here, a
 * ParamsError (a UserError) listing every problem.
 */
export function instantiate(definition: StrategyDefinition, params: unknown, sourceHash: string, origin?: string): Strategy;
export function instantiate<S extends ParamSchema>(
  definition: StrategyDefinition<S>,
  raw: unknown,
  sourceHash?: string,
  origin?: string,
): Strategy<z.output<S>> {
  const sourceFile = origin === 'builtin' ? undefined : origin;
  const given = validateGiven(definition, raw);
  let logic: StrategyLogic | undefined;
  let params = given;
  const build = (periodsPerYear: number): StrategyLogic => {
    params = resolveParams(definition, given, periodsPerYear);
    let created: unknown;
    try {
      created = definition.create(params);
    } catch (err) {
      throw strategyFailure(err, definition.name, 'in create()', sourceFile);
    }
    logic = checkLogic(created, definition.name, origin === 'builtin' ? undefined : origin);
    return logic;
  };
  // The logic of the run once init() has built it; before that, a daily reading's.
  const current = (): StrategyLogic => logic ?? build(DAILY_SESSIONS_PER_YEAR);
  // Without duration defaults nothing waits for the run: build (and so check) now.
  if (durationDefaults(definition.params).size === 0) current();
  return {
    name: definition.name,
    params: given,
    get schedule() {
      return current().schedule;
    },
    get shorts() {
      return current().shorts === true;
    },
    ...(sourceHash === undefined ? {} : { sourceHash }),
    ...(sourceFile === undefined ? {} : { sourceFile }),
    init(ctx) {
      build(ctx.periodsPerYear).init?.(ctx);
      return { params };
    },
    decide: (view, book) => current().decide(view, book),
  };
}
