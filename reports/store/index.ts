// The SQLite results store: the system of record for runs (schema: reports/SCHEMA.md).
export { canonicalJson, parseCanonicalJson, sha256 } from './canonicalJson.ts';
export { type FillsContext, fillsHash } from './fillsHash.ts';
export { ordersHash } from './ordersHash.ts';
export { BUSY_TIMEOUT_MS, migrate, openStore, type OpenStoreOptions, type Store } from './openStore.ts';
export {
  deleteRun,
  findRuns,
  getRun,
  listRuns,
  type RunFilter,
  type RunRecord,
  type StoredBreach,
  type StoredDaily,
  type StoredDeferral,
  type StoredFill,
  type StoredOrder,
  type StoredPosition,
  type StoredRun,
  type StoredSplit,
  type StoredSymbolInfo,
} from './readRun.ts';
export { APPLICATION_ID, type Migration, MIGRATIONS, SCHEMA_VERSION, WIDE_METRICS } from './schema.ts';
export { type RunToWrite, writeRun } from './writeRun.ts';
export { failuresBefore, keepTrialRun, linkTrials, recordedTrials, recordSweep, storedTrialKeys, type StoredTrial, sweepFailures, sweepTrials, type SweepToRecord, type TrialCaveat, type TrialFailure, type TrialPlace, type TrialRecord, writeTrial, writeTrialFailures, writeTrials } from './trials.ts';
export { claimSweep, releaseSweepClaim, renewSweepClaim, type SweepClaim } from './sweepClaims.ts';
export { readWindows, saveWindows, walkForwardRun, type WindowRecord } from './walkForward.ts';
