// Parameter fragments more than one strategy declares, so they validate and read alike.

import { z } from 'zod';

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

/** A trailing window in sessions. */
export function sessionsParam(fallback: number, description: string, min = 2) {
  return z.number().int().min(min).max(5_000).default(fallback).describe(description);
}
