// What the engine needs of a strategy before it calls it: a Schedule ({ name, sessions(dates,
// start) → Uint8Array, driftBand?, driftBands? }), a decide function, init absent or a function.
// A strategy file in JavaScript (or TypeScript through tsx, which checks no types) can hand over
// anything — a schedule by its name ('month-start'), schedules.weekly uncalled, no decide, a
// Promise from an async create() — and the engine would fail on it deep in the replay with a
// TypeError that reads as breadth's bug. Each problem here is a phrase naming what was given and
// the fix; the callers make it a StrategyError naming the strategy (strategies/api.ts for what
// create() returned, with its file; backtest() for any Strategy it is handed, built or not).

import { StrategyError } from '../../data/errors.ts';
import { driftBandsOf, schedules, type Schedule } from '../calendar/schedule.ts';
import type { Strategy } from '../strategy.ts';
import { describe, readingFailure, strategyFailure, unawaited } from './strategyFault.ts';
import { typedArrayLength, typedArrayName } from './typedArrayBrand.ts';

/** The ready schedules (`schedules.monthStart`, …) and the functions that make one (`schedules.weekly(…)`), by key. */
const READY = Object.entries(schedules).filter(([, s]) => typeof s === 'object').map(([key]) => `schedules.${key}`);
const MAKERS = Object.entries(schedules).filter(([, s]) => typeof s === 'function');
const CHOICES = `${READY.join(', ')}, or ${MAKERS.map(([key]) => `schedules.${key}(…)`).join(', ')}`;

/** The `schedules` key of a schedule name ('month-start' → 'monthStart'), when it has one. */
function scheduleKey(name: string): string | undefined {
  const key = name.trim().replace(/[-_ ]+(\w)/g, (_, c: string) => c.toUpperCase());
  return Object.hasOwn(schedules, key) ? key : undefined;
}

/**
 * What is wrong with `schedule` as the engine reads it, in a phrase with the fix; undefined when
 * nothing is. `byName` is another fix for a schedule given by a name it knows, from a layer that
 * turns names into schedules (strategies' scheduleNamed).
 */
export function scheduleProblem(schedule: unknown, byName?: (name: string) => string | undefined): string | undefined {
  if (schedule === undefined) return `schedule is missing: give one, e.g. schedules.monthStart (the choices: ${CHOICES})`;
  if (typeof schedule === 'string') {
    const key = scheduleKey(schedule);
    if (key === undefined) return `schedule ${JSON.stringify(schedule)} is a string, not a schedule: use ${CHOICES}`;
    const use = typeof schedules[key as keyof typeof schedules] === 'function' ? `schedules.${key}(…)` : `schedules.${key}`;
    const other = byName?.(schedule);
    return `schedule ${JSON.stringify(schedule)} is a name, not a schedule: use ${use}${other ? `, or ${other}` : ''}`;
  }
  if (typeof schedule === 'function') {
    const maker = MAKERS.find(([, make]) => make === schedule);
    if (maker) return `schedule is schedules.${maker[0]} itself, a function that makes a schedule: call it, schedules.${maker[0]}(…)`;
  }
  if (typeof schedule !== 'object' || schedule === null || unawaited(schedule) || typeof (schedule as Partial<Schedule>).sessions !== 'function') {
    return `schedule is ${describe(schedule)}, not a schedule { name, sessions(dates, start) }: use ${CHOICES} (schedules.custom(name, isDue) for a rule of your own)`;
  }
  const { driftBand, driftBands } = schedule as Partial<Schedule>;
  if (driftBand !== undefined && !(typeof driftBand === 'number' && driftBand > 0)) return `the schedule's driftBand is ${describe(driftBand)}: give a fraction of NAV above 0 (schedules.withDriftBand(schedule, 0.05))`;
  if (driftBands !== undefined && typeof driftBands !== 'function') return `the schedule's driftBands is ${describe(driftBands)}, not a function (dates, start) => Float64Array`;
  return undefined;
}

/** What is wrong with the functions a strategy's logic holds — decide, and init when given — one phrase each with its fix. */
function functionProblems(logic: { readonly decide?: unknown; readonly init?: unknown }): string[] {
  const problems: string[] = [];
  if (typeof logic.decide !== 'function') problems.push(`decide is ${logic.decide === undefined ? 'missing' : describe(logic.decide)}: give decide(view, book) returning the decision`);
  if (logic.init !== undefined && typeof logic.init !== 'function') problems.push(`init is ${describe(logic.init)}, not a function (ctx) => …: leave it out, or make it one`);
  return problems;
}

/**
 * What is wrong with `logic`, a strategy's `{ schedule, decide, init? }` as create() returns it,
 * one phrase per problem with its fix (`byName` as scheduleProblem's); empty when nothing is.
 */
export function logicProblems(logic: unknown, byName?: (name: string) => string | undefined): string[] {
  if (typeof logic !== 'object' || logic === null || unawaited(logic)) return [`it returned ${describe(logic)}`];
  const { schedule } = logic as { readonly schedule?: unknown };
  const problem = scheduleProblem(schedule, byName);
  return [...(problem === undefined ? [] : [problem]), ...functionProblems(logic)];
}

/** `strategy` as backtest() is handed it, checked before its init() runs (its schedule is read after, by scheduledSessions): a StrategyError when it cannot run. */
export function checkStrategy(strategy: Strategy): void {
  const given: unknown = strategy;
  if (typeof given !== 'object' || given === null || unawaited(given)) {
    throw new StrategyError(`backtest() was given ${describe(given)}, not a strategy: createStrategy() returns a Promise, so await it`);
  }
  const problems = functionProblems(strategy);
  if (problems.length) throw new StrategyError(`strategy "${String(strategy.name)}" cannot run: ${problems.join('; ')}`);
}

/** The sessions a strategy decides on, from its schedule over a run's calendar. */
export interface ScheduledSessions {
  /** 1 where a decision is due, per session of the calendar. */
  readonly due: Uint8Array;
  /** The drift band in force per session, a fraction of NAV (NaN: none). */
  readonly bands: Float64Array;
}

/**
 * The strategy's schedule, read after init() and checked, run over `dates` from the run's first
 * session `start`. Its own code (a custom rule, a sessions() of its own) that throws is the
 * strategy's fault, and so is a result that is not one flag per session (a plain array of
 * booleans would silently never decide; a Proxy of a Uint8Array cannot be read) and anything that
 * throws while breadth reads the schedule or its result (a getter, a revoked Proxy): a
 * StrategyError either way.
 */
export function scheduledSessions(strategy: Strategy, dates: Int32Array, start: number): ScheduledSessions {
  const { schedule, name } = reading(strategy, 'its schedule', () => {
    const given: unknown = strategy.schedule;
    const problem = scheduleProblem(given);
    if (problem !== undefined) throw cannotRun(strategy, problem);
    return { schedule: given as Schedule, name: String((given as Schedule).name) };
  });
  let due: unknown, bands: unknown;
  try {
    due = schedule.sessions(dates, start);
    bands = driftBandsOf(schedule, dates, start);
  } catch (err) {
    throw strategyFailure(err, strategy.name, `in its schedule "${name}"`, strategy.sourceFile);
  }
  return reading(strategy, `what its schedule "${name}" returned`, () => {
    const flags = typedArrayName(due) === 'Uint8Array' && typedArrayLength(due as Uint8Array) === dates.length ? (due as Uint8Array) : undefined;
    const above = flags === undefined ? [] : flagsAbove1(flags);
    if (flags === undefined || above.length > 0) {
      throw cannotRun(strategy, `schedule "${name}" sessions() returned ${describe(due)}${above.length > 0 ? ` holding ${above.join(', ')}` : ''}: return a Uint8Array of ${dates.length}, one per date, 1 where a decision is due and 0 elsewhere`);
    }
    if (typedArrayName(bands) !== 'Float64Array' || typedArrayLength(bands as Float64Array) !== dates.length) {
      throw cannotRun(strategy, `schedule "${name}" driftBands() returned ${describe(bands)}: return a Float64Array of ${dates.length}, the band per date (NaN: none)`);
    }
    return { due: flags, bands: bands as Float64Array };
  });
}

/** The StrategyError of a strategy that cannot run, for `problem`. */
const cannotRun = (strategy: Strategy, problem: string): StrategyError => new StrategyError(`strategy "${strategy.name}" cannot run: ${problem}`);

/** The first three distinct flags above 1 (read by index: a subclass's iterator never runs). */
function flagsAbove1(flags: Uint8Array): number[] {
  const above: number[] = [];
  for (let k = 0; k < typedArrayLength(flags) && above.length < 3; k++) if (flags[k] > 1 && !above.includes(flags[k])) above.push(flags[k]);
  return above;
}

/** `read()`'s value, breadth reading `what` the strategy handed it: its refusals pass, and whatever else throws (a getter, a revoked Proxy) is the strategy's (readingFailure). */
function reading<T>(strategy: Strategy, what: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw readingFailure(err, strategy.name, 'before its first session', what, strategy.sourceFile);
  }
}
