// What the coordinator and the workers of a distributed sweep say to each other through BullMQ:
// one job per trial and settings (trialJobId, so a trial is never queued twice with them), carrying the trial
// spec and what the worker must load to run it; the job's return value is the compact trial
// result (the registry row). Both sides must run the same breadth build on the same data — the
// job names both, and a worker refuses a job whose build or data fingerprint differs from its own.

import { buildFingerprint } from '../../../core/buildFingerprint.ts';
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
  /** The coordinator's breadth: version and build (breadthBuild), which the worker's must equal. */
  readonly version: string;
  readonly spec: TrialSpec;
  readonly market: MarketRequest;
  /** The coordinator's market fingerprint: the worker's must equal it. */
  readonly fingerprint: string;
  /** End the trial this many milliseconds after its thread began it (`--trial-timeout`: a retryable failure, trialTimeout.ts). */
  readonly timeoutMs: number;
}

/** Where the queue is and how often a failure that is not the user's is retried (how long a trial may run is the sweep's `trialTimeoutMs`). */
export interface QueueSettings {
  /** `redis://HOST:PORT[/DB]`. */
  readonly url: string;
  /** Attempts for failures that are not the user's (a worker crash, a timeout); default 3. */
  readonly attempts?: number;
  /** Where the coordinator tells of a Redis outage and its end (one line each). */
  log?(line: string): void;
}

export const DEFAULT_ATTEMPTS = 3;

/** A user's error travels as the job's failed reason with this prefix (no retries for it). */
export const USER_ERROR = 'breadth user error: ';

export function marketRequest(config: Pick<StudyConfig, 'data' | 'sample' | 'symbols' | 'to'>): MarketRequest {
  return { sample: config.data === 'sample' ? config.sample : null, symbols: config.symbols ?? null, to: config.to ?? null };
}

/**
 * This breadth as a job names it: `<version>+<build fingerprint>` (semver's build metadata), e.g.
 * `0.1.0+86ad1c4a…` with the 64 hex digits of core/buildFingerprint.ts. A worker from before builds
 * were compared checks the version alone, reads another one here and refuses as well.
 */
export const breadthBuild = (): string => `${ENGINE_VERSION}+${buildFingerprint()}`;

/**
 * The id of trial `key`'s job run under `--trial-timeout` `timeoutMs` and `--attempts` `attempts`:
 * `<key>-<timeoutMs>ms-<attempts>x`. A job queued, running or done with the same settings is
 * collected, not queued again (a `--resume`, another sweep with the trial); other settings are
 * another job. BullMQ keeps a job's data and options for its life — `retry` and re-adding keep them
 * — so a job id of the key alone re-ran the first coordinator's timeout and attempts for the 7 days
 * a failed job is kept, whatever a later `--resume --trial-timeout 600` asked (probe r50a F3).
 */
export const trialJobId = (key: string, timeoutMs: number, attempts: number): string => `${key}-${timeoutMs}ms-${attempts}x`;

export function trialJob(spec: TrialSpec, market: MarketRequest, fingerprint: string, timeoutMs: number): TrialJob {
  return { version: breadthBuild(), spec, market, fingerprint, timeoutMs };
}

/** Why this worker refuses the job of trial `name` queued by breadth `queued` (a breadthBuild), in one line; null when it is this build. */
export function buildMismatch(queued: string, name: string): string | null {
  if (queued === breadthBuild()) return null;
  const plus = queued.indexOf('+');
  const version = plus < 0 ? queued : queued.slice(0, plus);
  if (version !== ENGINE_VERSION) return `job ${name} is for breadth ${version}, this worker runs ${ENGINE_VERSION}: run the same breadth version on every machine`;
  const theirs = plus < 0 ? 'a build that names no fingerprint' : `build ${queued.slice(plus + 1, plus + 13)}…`;
  return `job ${name} was queued by another build of breadth ${version} (${theirs}; this worker is build ${buildFingerprint().slice(0, 12)}…): its source differs, so its trials would too — run the same checkout or package on every machine`;
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
