// A number setting the schema refuses, said in words: what the setting is, its unit and range, an
// example, and the likely intended value where one is plain (a percent written where a decimal is
// read: riskFree 5 → "did you mean 0.05?"), never zod's "Too big: expected number to be <=1".
// The ranges are those of engine/models/units.ts and engine/config.ts; the CLI's flags
// (cli/runFromFlags.ts, cli/commands/metrics.ts) and study files (study/config.ts) share them.

import { z } from 'zod';
import { excerpt, keyPath, UserError, valueAt } from '../data/errors.ts';
import { describeIssues } from '../engine/configError.ts';

interface FieldRule {
  /** What the setting takes, in words: "the risk-free rate is an annual decimal from -0.1 to 1 (0.05 = 5 %)". */
  readonly text: string;
  /** The value meant, where a refused one has a plain reading (a percent given as a decimal). */
  readonly meant?: (value: number) => number | undefined;
}

/** `value` / 100 where that falls in [min, max] and `value` (beyond ±1) does not: a percent written where a decimal is read. */
const percentIn = (min: number, max: number) => (value: number) => {
  const decimal = Number((value / 100).toPrecision(12));
  return Math.abs(value) > 1 && (value < min || value > max) && decimal >= min && decimal <= max ? decimal : undefined;
};

const rate = (what: string): FieldRule => ({ text: `${what} is an annual decimal from -0.1 to 1 (0.05 = 5 %)`, meant: percentIn(-0.1, 1) });
const bps = (what: string, example: string): FieldRule => ({ text: `${what} in basis points from 0 to 10000 (${example}; 0 for none)` });
const wholeFrom = (what: string, min: number, example: string): FieldRule => ({ text: `${what} is a whole number of ${min} or more (${example})` });

/** By key path (its last keys, indices dropped): the most specific match is taken. */
const RULES: Record<string, FieldRule> = {
  riskFree: { text: 'the risk-free rate is an annual decimal from -0.1 to 1 (0.05 = 5 %), or the name of a rate series of the data (tbill3m)', meant: percentIn(-0.1, 1) },
  'cash.rate': rate('the cash rate'),
  /** A constant risk-free rate alone (metrics --rf-annual). */
  riskFreeRate: rate('the risk-free rate'),
  'cash.debitSpreadBps': bps('the debit spread over the cash rate is annual,', '100 = 1 % a year'),
  initialCash: { text: 'the initial cash is an amount above 0 and at most 1e12 (1000000 = a million)' },
  'commission.bps': bps('the commission is', '10 = 0.1 % of notional'),
  'commission.perShare': { text: 'the commission per share is an amount of 0 or more (0.005 = half a cent)' },
  'commission.minimum': { text: 'the minimum commission is an amount of 0 or more (1 = one currency unit a trade)' },
  'slippage.bps': bps('the slippage is', '5 = 0.05 % of price'),
  'slippage.spreadBps': bps('the spread is', '10 = 0.1 % of price'),
  'slippage.k': { text: 'the impact coefficient k is a number of 0 or more (1 by default)' },
  'slippage.window': wholeFrom('the volume window', 2, '20 sessions by default'),
  'borrow.defaultBps': bps('the borrow fee is annual,', '50 = 0.5 % a year'),
  'borrow.rebateBps': bps('the short rebate is annual,', '50 = 0.5 % a year'),
  'borrow.overrides': bps("a symbol's borrow fee is annual,", '50 = 0.5 % a year'),
  participationCap: { text: "the participation cap is a share of a session's volume above 0 and at most 1 (0.1 = 10 %)", meant: percentIn(Number.MIN_VALUE, 1) },
  'account.maxGross': { text: 'the gross exposure limit is a multiple of NAV above 0 (2 = positions worth up to twice the NAV)' },
  'account.maxNet': { text: 'the net exposure limit is a multiple of NAV above 0 (1 = net positions worth up to the NAV)' },
  minTradeNotional: { text: 'the minimum trade is an amount of 0 or more (0 = any size)' },
  maxCommissionRate: { text: "the largest commission a trade may pay is a share of its notional above 0 (0.01 = 1 %)", meant: percentIn(Number.MIN_VALUE, 1) },
  staleMarkSessions: wholeFrom('the stale-mark limit', 1, '5 sessions by default'),
  periodsPerYear: { text: 'periods per year is a whole number from 1 to 366 (252 daily, 52 weekly, 12 monthly)' },
  seed: { text: 'the seed is a whole number (1 by default)' },
  'sample.seed': { text: "the sample's seed is a whole number" },
  'sample.stocks': wholeFrom("the sample's number of stocks", 20, '600 by default'),
  'sample.years': wholeFrom("the sample's number of years", 1, '20 by default'),
  'sweep.samples': wholeFrom('the number of samples', 1, '50 random grid points'),
};

/** The rule for a key path: its longest tail of keys that names one (['runs', 0, 'engine', 'cash', 'rate'] → cash.rate). */
function ruleAt(path: readonly PropertyKey[]): FieldRule | undefined {
  const keys = path.filter((k): k is string => typeof k === 'string');
  const overrides = keys.lastIndexOf('overrides');
  if (overrides > 0 && keys[overrides - 1] === 'borrow') return RULES['borrow.overrides'];
  for (let k = 0; k < keys.length; k++) {
    const rule = RULES[keys.slice(k).join('.')];
    if (rule) return rule;
  }
  return undefined;
}

/**
 * `field` (a key path, "riskFree", "cash.rate") given `value`, in words with the fix: "the risk-free
 * rate is an annual decimal from -0.1 to 1 (0.05 = 5 %); did you mean 0.05?". Undefined for a
 * field without a rule.
 */
export function fieldHelp(field: string | readonly PropertyKey[], value: unknown): string | undefined {
  const rule = ruleAt(typeof field === 'string' ? field.split('.') : field);
  if (!rule) return undefined;
  const meant = typeof value === 'number' ? rule.meant?.(value) : undefined;
  return meant === undefined ? rule.text : `${rule.text}; did you mean ${meant}?`;
}

/** A zod issue about a number's range, kind or type (too big, too small, not whole, not a number). */
const numberIssue = (issue: z.core.$ZodIssue, value: unknown): boolean =>
  issue.code === 'too_big' || issue.code === 'too_small' || issue.code === 'not_multiple_of' || (issue.code === 'invalid_type' && value !== undefined && (issue.expected === 'number' || issue.expected === 'int'));

/**
 * describeIssues (engine/configError.ts) with each refused number of a known setting said as
 * `path: value: what the setting takes; did you mean …?` (fieldHelp): one line, `where` named once.
 */
export function describeFieldIssues(error: z.ZodError, where: string, basePath = '', input?: unknown, schema?: z.core.$ZodType): string {
  const explained = new Map<string, string>();
  const rest: z.core.$ZodIssue[] = [];
  for (const issue of error.issues) {
    const value = valueAt(input, issue.path);
    const help = numberIssue(issue, value) ? fieldHelp(issue.path, value) : undefined;
    if (help === undefined) {
      rest.push(issue);
      continue;
    }
    const own = keyPath(issue.path);
    const path = basePath && own && !own.startsWith('[') ? `${basePath}.${own}` : basePath + own;
    explained.set(path, `${path}: ${excerpt(value)}: ${help}`);
  }
  if (explained.size === 0) return describeIssues(error, where, basePath, input, schema);
  const others = rest.length === 0 ? [] : [describeIssues(new z.ZodError(rest), where, basePath, input, schema).slice(where.length + 2)];
  return `${where}: ${[...explained.values(), ...others].join('; ')}`;
}

/** Parse `input` with `schema`, or throw a UserError in one line (describeFieldIssues). */
export function parseFields<S extends z.ZodType>(schema: S, input: unknown, where: string, basePath = ''): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new UserError(describeFieldIssues(parsed.error, where, basePath, input, schema));
  return parsed.data;
}
