// Run configuration: every execution and cost setting, validated with readable errors. The
// execution models' settings come from their own files (engine/models/<concern>/): the unions of
// commission, slippage and fill kinds are built from those files' schemas.

import { z } from 'zod';
import { borrowSchema } from './models/borrow/index.ts';
import { cashSchema } from './models/cash/index.ts';
import { commissionSchema } from './models/commission/index.ts';
import { fillSchema } from './models/fill/index.ts';
import { slippageSchema } from './models/slippage/index.ts';
import { participationCapSchema } from './models/volume/index.ts';
import { checkPeriodOrder, isoDate, periodsPerYear } from './models/units.ts';

/** When a decision at session t's close trades: `next-open` (t+1's open, the default), `next-close` (t+1's close) or `same-close` (t's own close: look-ahead-prone, flagged so in every report). */
export const EXECUTION_CONVENTIONS = ['next-open', 'next-close', 'same-close'] as const;
/** One of EXECUTION_CONVENTIONS. */
export type ExecutionConvention = (typeof EXECUTION_CONVENTIONS)[number];


export const accountSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cash') }).strict(),
  z
    .object({
      kind: z.literal('margin'),
      /** Σ|position value| / NAV at most this (Reg T initial margin allows 2). */
      maxGross: z.number().positive().default(2),
      /** |Σ position value| / NAV at most this. */
      maxNet: z.number().positive().default(1),
    })
    .strict(),
]);
export type Account = z.output<typeof accountSchema>;

/** Default staleMarkSessions: a last price older than this many sessions is stale. */
export const STALE_MARK_SESSIONS = 5;

/**
 * The engine's settings as a zod schema: initial cash (currency), execution convention, period
 * (`from`, `to`), whole or fractional shares, trade and commission limits, the commission,
 * slippage, fill, participation-cap, borrow and cash models, the account, periods a year, the
 * stale-mark threshold and the seed. Strict: an unknown key is an error; parse() gives an
 * EngineConfig with every default.
 */
export const engineConfigSchema = z
  .object({
    initialCash: z.number().positive().max(1e12, 'at most 1e12 (a trillion): beyond it binary64 accounting loses cents').default(1_000_000),
    execution: z.enum(EXECUTION_CONVENTIONS).default('next-open'),
    from: isoDate.optional(),
    to: isoDate.optional(),
    shares: z.enum(['whole', 'fractional']).default('whole'),
    /** Skip planned trades whose notional is below this (currency; at it, within 1e-9 relative, trades). Closing a position always trades. */
    minTradeNotional: z.number().min(0).default(0),
    /**
     * Skip a planned trade whose commission would exceed this share of its notional (a $1 minimum
     * on a $3 adjustment; at it, within 1e-9 relative, trades). Closing a position always trades.
     */
    maxCommissionRate: z.number().gt(0).default(0.01),
    commission: commissionSchema.default({ kind: 'none' }),
    slippage: slippageSchema.default({ kind: 'none' }),
    /** How an order's reference price is found on a bar (market, limit and stop rules). */
    fill: fillSchema.default({ kind: 'bar' }),
    /** Fill at most this share of a session's volume; the rest rests for the next session. */
    participationCap: participationCapSchema.optional(),
    borrow: borrowSchema.default({ defaultBps: 0, overrides: {}, rebateBps: 0 }),
    cash: cashSchema.default({ rate: null, debitSpreadBps: 0 }),
    /**
     * The account. `cash` (default): no shorts, no borrowing — a buy fills only against the cash
     * there at its fill. `margin`: shorts and borrowing within gross and net exposure limits
     * (multiples of NAV), checked on targets at the decision and again at every fill.
     */
    account: accountSchema.default({ kind: 'cash' }),
    /**
     * Sessions per year P: what the strategy reads (view.periodsPerYear, windows given as
     * durations) and the metrics annualise with. Inferred from the run's calendar
     * (engine/calendar/frequency.ts) when not given; set it where the metrics' P is set. It does
     * not change a session's time: an annual rate R accrues (1 + R)^(k/P) − 1 a session (data/rates.ts
     * perPeriodRate, the rf conversion of METRICS.md) over k, the periods of P the session lasts on
     * the calendar's own spacing (engine/calendar/rowPeriods.ts accrualPeriods) — a P other than the
     * inferred one is said in a caveat (engine/caveats/givenPeriodsCaveats.ts).
     */
    periodsPerYear: periodsPerYear.optional(),
    /**
     * A held position marked at a price older than this many sessions is reported as stale; a
     * symbol whose last bar is older is out of the strategy's universe and unpriced for a new
     * target (engine/market/listing.ts).
     */
    staleMarkSessions: z.number().int().min(1).default(STALE_MARK_SESSIONS),
    seed: z.number().int().default(1),
  })
  .strict()
  .superRefine(checkPeriodOrder);

/** The engine's settings with every default filled in (engineConfigSchema's output). */
export type EngineConfig = z.output<typeof engineConfigSchema>;

/** The top-level keys of the engine config (`initialCash`, `execution`, …). */
const ENGINE_SETTINGS: readonly string[] = Object.keys(engineConfigSchema.shape);

/** The error message for `keys` that are not engine settings (listing the settings), or null when all are. */
export function unknownEngineSettings(keys: readonly string[]): string | null {
  const unknown = keys.filter((key) => !ENGINE_SETTINGS.includes(key));
  if (unknown.length === 0) return null;
  // Worded as zod words an unknown key of a strict object, as every other key of a study is checked.
  return `Unrecognized key${unknown.length > 1 ? 's' : ''}: ${unknown.map((k) => `"${k}"`).join(', ')}; the engine's settings are ${ENGINE_SETTINGS.join(', ')}`;
}
/** The engine's settings as backtest() and a study's `engine:` take them: every key optional, defaults filled in by engineConfigSchema (initial cash 1,000,000, next-open execution, …). */
export type EngineConfigInput = z.input<typeof engineConfigSchema>;
