// Run configuration: every execution and cost setting, validated with readable errors.

import { z } from 'zod';
import { parseIsoDay } from '../data/dates.ts';

export const EXECUTION_CONVENTIONS = ['next-open', 'next-close', 'same-close'] as const;
export type ExecutionConvention = (typeof EXECUTION_CONVENTIONS)[number];

const isoDate = z.string().refine((s) => !Number.isNaN(parseIsoDay(s)), 'expected a real date written YYYY-MM-DD');
const bps = z.number().min(0).max(10_000);

export const commissionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('per-share'), perShare: z.number().min(0), minimum: z.number().min(0).default(0) }).strict(),
  z.object({ kind: z.literal('bps'), bps }).strict(),
]);

export const slippageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('fixed-bps'), bps }).strict(),
  z.object({ kind: z.literal('half-spread'), spreadBps: bps }).strict(),
  z
    .object({
      kind: z.literal('sqrt-impact'),
      /** Impact coefficient k in k · σ_daily · √(shares / ADV). */
      k: z.number().min(0).default(1),
      /** Trailing sessions for σ_daily and ADV, ending at the decision. */
      window: z.number().int().min(2).default(20),
    })
    .strict(),
]);

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

export const engineConfigSchema = z
  .object({
    initialCash: z.number().positive().max(1e12, 'at most 1e12 (a trillion): beyond it binary64 accounting loses cents').default(1_000_000),
    execution: z.enum(EXECUTION_CONVENTIONS).default('next-open'),
    from: isoDate.optional(),
    to: isoDate.optional(),
    shares: z.enum(['whole', 'fractional']).default('whole'),
    /** Skip planned trades whose notional is below this (currency). Closing a position always trades. */
    minTradeNotional: z.number().min(0).default(0),
    /**
     * Skip a planned trade whose commission would exceed this share of its notional (a $1 minimum
     * on a $3 adjustment). Closing a position always trades.
     */
    maxCommissionRate: z.number().gt(0).default(0.01),
    commission: commissionSchema.default({ kind: 'none' }),
    slippage: slippageSchema.default({ kind: 'none' }),
    /** Fill at most this share of a session's volume; the rest rests for the next session. */
    participationCap: z.number().gt(0).max(1).optional(),
    borrow: z
      .object({
        /** Annual borrow fee on short market value, in bps. */
        defaultBps: bps.default(0),
        overrides: z.record(z.string(), bps).default({}),
        /** Annual rebate paid on short market value, in bps. */
        rebateBps: bps.default(0),
      })
      .strict()
      .default({ defaultBps: 0, overrides: {}, rebateBps: 0 }),
    cash: z
      .object({
        /** Interest on cash: a constant annual rate, the name of a market rate series, or none. */
        rate: z.union([z.number().min(-0.1).max(1), z.string().min(1), z.null()]).default(null),
        /** Extra annual spread (bps) over the cash rate charged on negative cash. */
        debitSpreadBps: bps.default(0),
      })
      .strict()
      .default({ rate: null, debitSpreadBps: 0 }),
    /**
     * The account. `cash` (default): no shorts, no borrowing — a buy fills only against the cash
     * there at its fill. `margin`: shorts and borrowing within gross and net exposure limits
     * (multiples of NAV), checked on targets at the decision and again at every fill.
     */
    account: accountSchema.default({ kind: 'cash' }),
    /** A held position marked at a price older than this many sessions is reported as stale. */
    staleMarkSessions: z.number().int().min(1).default(5),
    seed: z.number().int().default(1),
  })
  .strict()
  .refine((c) => !c.from || !c.to || c.from <= c.to, { message: '`from` must not be after `to`', path: ['from'] });

export type EngineConfig = z.output<typeof engineConfigSchema>;
export type EngineConfigInput = z.input<typeof engineConfigSchema>;
