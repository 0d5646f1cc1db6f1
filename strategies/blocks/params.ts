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

/**
 * What an `onlyWith` parameter carries in zod's registry: the parameter `key` it shapes the run
 * beside — set at all (no `values`), or set to one of `values` (its default counts).
 */
export interface AppliesWith {
  readonly key: string;
  readonly values?: readonly (string | number | boolean)[];
}

/**
 * `schema`, a parameter that shapes the run only beside parameter `key` (set, or one of `values`):
 * given where it would shape nothing (`maxLeverage` without `targetVol`, `halfLife` with
 * `covariance=sample`), the parameters are refused in one line naming what it needs (givenShapingNothing),
 * as a study's `sample:` block beside a data path is. Left at its default it is never refused.
 */
export function onlyWith<T extends z.ZodType>(schema: T, key: string, values?: readonly (string | number | boolean)[]): T {
  const appliesWith: AppliesWith = values === undefined ? { key } : { key, values };
  return schema.meta({ appliesWith }) as T;
}

/** `key=v`, or `key=a, b or c` for the values an onlyWith parameter needs beside it. */
function neededText({ key, values }: AppliesWith): string {
  if (values === undefined) return key;
  const words = values.map(String);
  return `${key}=${words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : words[0]}`;
}

/**
 * The parameters `raw` gives (a key present, not undefined) that an onlyWith parameter of `schema`
 * declares shape nothing beside `parsed` (the validated parameters, defaults filled), as zod
 * custom issues at their paths: "applies only with targetVol — drop it or set targetVol". A value
 * equal to the parameter's default is not refused: it shapes the run as the key left out would.
 */
export function givenShapingNothing(schema: z.ZodObject, raw: unknown, parsed: Readonly<Record<string, unknown>>): z.core.$ZodIssue[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const given = raw as Record<string, unknown>;
  const issues: z.core.$ZodIssue[] = [];
  for (const [key, field] of Object.entries(schema.shape)) {
    const needs = (field as z.ZodType).meta()?.appliesWith as AppliesWith | undefined;
    if (needs === undefined || !Object.hasOwn(given, key) || given[key] === undefined) continue;
    // At its default it shapes the run as if left out: parameters round-tripped with their defaults
    // filled (a sweep trial's, a walk-forward window's choice, a stored run's) are not refused.
    if (atDefault(field as z.ZodType, parsed[key])) continue;
    const beside = parsed[needs.key];
    const applies = needs.values === undefined ? beside !== undefined : needs.values.includes(beside as string | number | boolean);
    if (applies) continue;
    const need = neededText(needs);
    issues.push({ code: 'custom', path: [key], input: given[key], params: { appliesWith: needs }, message: `applies only with ${need} — drop it or set ${need}` });
  }
  return issues;
}

/** True when `value` (parsed) is what `field` gives for a key left out: its default. */
function atDefault(field: z.ZodType, value: unknown): boolean {
  const left = field.safeParse(undefined);
  return left.success && left.data !== undefined && JSON.stringify(left.data) === JSON.stringify(value);
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
