// Parameter fragments more than one strategy declares, so they validate and read alike.

import { z } from 'zod';
import type { Duration } from './durations.ts';

/** A map symbol-or-@role → NAV weight, with at least one entry. */
export function symbolWeightsParam(fallback: Record<string, number>, description: string) {
  return z
    .record(z.string().min(1), z.number().min(-10).max(10))
    .refine((w) => Object.keys(w).length > 0, { message: 'must name at least one symbol' })
    .default(fallback)
    .describe(description);
}

/** Gross exposure Σ|w| of a long/short book, as a multiple of NAV. */
export function grossParam(fallback = 1) {
  return z.number().gt(0).max(10).default(fallback).describe('gross exposure Σ|w| as a multiple of NAV (1 = 0.5 long / 0.5 short)');
}

/**
 * A trailing window in whole sessions, at least `min`. The default is a fixed session count, or a
 * Duration (blocks/durations.ts) resolved to the run's sessions when the user leaves it unset.
 */
export function sessionsParam(fallback: number | Duration, description: string, min = 2) {
  const sessions = z.number().int().min(min).max(5_000);
  return typeof fallback === 'number' ? sessions.default(fallback).describe(description) : durationParam(sessions, fallback, description, min);
}

/** What a duration-default parameter carries in zod's registry (and so in its JSON Schema). */
export interface DurationDefault extends Duration {
  /** The fewest sessions the resolved default may have. */
  readonly min: number;
}

/**
 * `schema` (sessions) whose default is `fallback`, a span of time: unset, it is resolved to
 * round(years × P) sessions of the run, at least `min`, before create() sees it (api.ts). Typed
 * as a defaulted number because create() always receives it resolved; between parsing and
 * resolution the key is absent.
 */
export function durationParam<T extends z.ZodNumber>(schema: T, fallback: Duration, description: string, min: number): z.ZodDefault<T> {
  const duration: DurationDefault = { text: fallback.text, years: fallback.years, min };
  return schema.optional().meta({ description, duration }) as unknown as z.ZodDefault<T>;
}

/**
 * For a check across parameters: true while one of `windows` is a duration default not yet
 * resolved (absent, though typed a number); instantiate() checks again once it is resolved.
 */
export function unresolved(...windows: readonly number[]): boolean {
  return windows.some((w) => (w as number | undefined) === undefined);
}

/** Parameter name → its duration default, for the parameters of `schema` declared with durationParam. */
export function durationDefaults(schema: z.ZodObject): Map<string, DurationDefault> {
  const out = new Map<string, DurationDefault>();
  for (const [key, field] of Object.entries(schema.shape)) {
    const duration = (field as z.ZodType).meta()?.duration as DurationDefault | undefined;
    if (duration !== undefined) out.set(key, duration);
  }
  return out;
}
