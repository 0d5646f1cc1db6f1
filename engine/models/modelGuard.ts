// A user's execution model, answered through a guard: what it throws, and an answer its concern
// cannot take (a NaN commission, a negative slippage, a price of 0), is the model's fault, named
// against the model, its file, the method and the session's date — a user's mistake (exit 2),
// never breadth's internal error, and never a NaN that surfaces later as a "bad print" in the data.
// Built-in models are not guarded: their answers are tested, and the replay calls them per fill.

import { StrategyError } from '../../data/errors.ts';
import { isoDay } from '../../data/dates.ts';
import type { Market } from '../../data/market.ts';
import { blamed, describe, inFile } from '../decisions/strategyFault.ts';
import type { AccrualContext, BorrowModel, CashModel, CommissionModel, ExecutionModels, FillContext, FillModel, ModelConcern, SlippageModel, VolumeLimit } from './types.ts';

/** What an answer must be, in words, and the test of it. */
interface AnswerRule {
  readonly says: string;
  readonly holds: (x: number) => boolean;
}

const AMOUNT: AnswerRule = { says: 'a finite amount of currency ≥ 0', holds: (x) => Number.isFinite(x) && x >= 0 };
const FRACTION: AnswerRule = { says: 'a finite fraction of the reference price ≥ 0 (0.001 = 10 bps)', holds: (x) => Number.isFinite(x) && x >= 0 };
const PRICE: AnswerRule = { says: 'a finite price > 0, or NaN where the order does not fill on this bar', holds: (x) => Number.isNaN(x) || (Number.isFinite(x) && x > 0) };
const SHARES: AnswerRule = { says: 'a number of shares ≥ 0, or Infinity for no limit', holds: (x) => x >= 0 };
const INTEREST: AnswerRule = { says: 'a finite amount of currency (+ credited, − charged)', holds: (x) => Number.isFinite(x) };

/** Where a guarded model's faults are reported: its concern, name and file, and the run's calendar. */
interface Blame {
  readonly concern: ModelConcern;
  readonly name: string;
  /** The model file as the study names it; undefined for a model built in code. */
  readonly file: string | undefined;
  readonly dates: Int32Array | readonly number[];
}

/** "commission model "tiered" (models/tiered.ts) failed on 2005-01-04 in commission(…)": what opens a guarded model's fault. */
const failed = (blame: Blame, method: string, day: number): string => `${blame.concern} model "${blame.name}"${blame.file === undefined ? '' : ` (${blame.file})`} failed on ${isoDay(day)} in ${method}(…)`;

/** `method` of `model`, called through the guard: its throws and wrong answers become StrategyErrors (a call that answers well allocates nothing). */
function guarded<C extends FillContext | AccrualContext>(blame: Blame, model: object, method: string, rule: AnswerRule, dayOf: (context: C) => number): (context: C) => number {
  const call = (model as Record<string, (context: C) => unknown>)[method];
  return (context: C): number => {
    let answer: unknown;
    try {
      answer = call.call(model, context);
    } catch (err) {
      throw blamed(err, failed(blame, method, dayOf(context)), blame.file, false);
    }
    if (typeof answer !== 'number' || !rule.holds(answer)) {
      throw new StrategyError(`${failed(blame, method, dayOf(context))}: it answered ${describe(answer)}, not ${rule.says}${inFile(blame.file)}`);
    }
    return answer;
  };
}

/**
 * `model` (a user's, of `concern`) behind a guard: the same name and fields, each method checked
 * (commission, borrow fee and rebate: finite ≥ 0; slippage: a finite fraction ≥ 0; fill: a price
 * > 0 or NaN; volume: shares ≥ 0 or Infinity; cash interest: finite). A throw or a wrong answer
 * is a StrategyError naming the model, its file (`source`), the method and the session's date.
 */
export function guardModel<C extends ModelConcern>(concern: C, model: ExecutionModels[C], market: Market, source?: string): ExecutionModels[C] {
  const blame: Blame = { concern, name: model.name, file: source, dates: market.dates };
  const fillDay = (c: FillContext): number => blame.dates[c.session];
  const accrualDay = (c: AccrualContext): number => c.day;
  // Fields other than the methods (a slippage model's liquidityWindow, a cash model's missing-rate
  // counts, read after the run) are read from the model itself, its getters on it (a class's
  // private fields stay reachable). The Proxy stands over an empty object, not the model: a frozen
  // model's methods are non-configurable, and a Proxy of it may not answer another function for
  // them (TypeError, exit 70: probe r53b).
  const through = <T extends object>(methods: Record<string, unknown>): T =>
    new Proxy({}, { get: (_, key) => (Object.hasOwn(methods, key) ? methods[key as string] : Reflect.get(model, key)), has: (_, key) => Object.hasOwn(methods, key) || key in model }) as T;
  switch (concern) {
    case 'commission':
      return through<CommissionModel>({ commission: guarded(blame, model, 'commission', AMOUNT, fillDay) }) as ExecutionModels[C];
    case 'slippage':
      return through<SlippageModel>({ slippage: guarded(blame, model, 'slippage', FRACTION, fillDay) }) as ExecutionModels[C];
    case 'fill':
      return through<FillModel>({ referencePrice: guarded(blame, model, 'referencePrice', PRICE, fillDay) }) as ExecutionModels[C];
    case 'volume':
      return through<VolumeLimit>({ maxShares: guarded(blame, model, 'maxShares', SHARES, fillDay) }) as ExecutionModels[C];
    case 'borrow':
      return through<BorrowModel>({ fee: guarded(blame, model, 'fee', AMOUNT, accrualDay), rebate: guarded(blame, model, 'rebate', AMOUNT, accrualDay) }) as ExecutionModels[C];
    case 'cash':
      return through<CashModel>({ interest: guarded(blame, model, 'interest', INTEREST, accrualDay) }) as ExecutionModels[C];
  }
  throw new RangeError(`no guard for a ${String(concern)} model`);
}
