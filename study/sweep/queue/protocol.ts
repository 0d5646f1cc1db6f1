// What the coordinator and the workers of a distributed sweep say to each other through BullMQ:
// one job per trial (job id = the trial key, so a trial is never queued twice), carrying the trial
// spec and what the worker must load to run it; the job's return value is the compact trial
// result (the registry row). Both sides must run the same breadth version on the same data — the
// job names both, and a worker refuses a job whose version or data fingerprint differs from its own.

import { ENGINE_VERSION } from '../../../engine/version.ts';
import { canonicalJson, parseCanonicalJson } from '../../../reports/store/canonicalJson.ts';
import type { TrialResult, TrialSpec } from '../trial.ts';
import type { StudyConfig } from '../../config.ts';

/** The BullMQ queue every breadth coordinator and worker on a Redis database shares. */
export const QUEUE_NAME = 'breadth-trials';

/** The market a trial runs on, as the worker loads it from its own `--data`. */
export interface MarketRequest {
  /** The built-in sample with these options (the worker generates it), or null: the worker's data folder. */
  readonly sample: StudyConfig['sample'] | null;
  readonly symbols: readonly string[] | null;
  readonly to: string | null;
}

export interface TrialJob {
  readonly version: string;
  readonly spec: TrialSpec;
  readonly market: MarketRequest;
  /** The coordinator's market fingerprint: the worker's must equal it. */
  readonly fingerprint: string;
  /** Abort the trial after this many milliseconds (a retryable failure). */
  readonly timeoutMs: number;
}

/** How long a trial may run and how often a failure that is not the user's is retried. */
export interface QueueSettings {
  /** `redis://HOST:PORT[/DB]`. */
  readonly url: string;
  /** Per trial; default 10 minutes. */
  readonly timeoutMs?: number;
  /** Attempts for failures that are not the user's (a worker crash, a timeout); default 3. */
  readonly attempts?: number;
  /** Where the coordinator tells of a Redis outage and its end (one line each). */
  log?(line: string): void;
}

export const DEFAULT_TIMEOUT_MS = 10 * 60_000;
export const DEFAULT_ATTEMPTS = 3;

/** A user's error travels as the job's failed reason with this prefix (no retries for it). */
export const USER_ERROR = 'breadth user error: ';

export function marketRequest(config: Pick<StudyConfig, 'data' | 'sample' | 'symbols' | 'to'>): MarketRequest {
  return { sample: config.data === 'sample' ? config.sample : null, symbols: config.symbols ?? null, to: config.to ?? null };
}

export function trialJob(spec: TrialSpec, market: MarketRequest, fingerprint: string, timeoutMs: number): TrialJob {
  return { version: ENGINE_VERSION, spec, market, fingerprint, timeoutMs };
}

/**
 * A result as a job's return value: canonical JSON (non-finite numbers kept, as the store keeps
 * them), the daily returns as their Float64 bytes in base64 — exact, so a trial stored from a
 * queue equals the same trial run here, bit for bit.
 */
export function encodeResult(result: TrialResult): string {
  const r = result.returns;
  return canonicalJson({ ...result, returns: Buffer.from(r.buffer, r.byteOffset, r.byteLength).toString('base64') });
}

export function decodeResult(encoded: string): TrialResult {
  const parsed = parseCanonicalJson(encoded) as Omit<TrialResult, 'returns'> & { returns: string };
  const bytes = Buffer.from(parsed.returns, 'base64');
  const returns = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(returns.buffer).set(bytes);
  return { ...parsed, returns };
}
