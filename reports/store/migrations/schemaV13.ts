// Schema step V13 (a step of MIGRATIONS in schema.ts, documented in reports/SCHEMA.md): the
// coordinator running each sweep now (`sweep_claims`, reports/store/sweepClaims.ts). Two
// coordinators of one sweep on one results database both ran — every trial computed twice, each
// kept run stored twice (probe r48d F2); a second is now refused while the first holds the claim,
// which lapses when its process is gone or has given no sign of life for a while.

export const V13 = `
CREATE TABLE sweep_claims (
  sweep_id INTEGER PRIMARY KEY REFERENCES sweeps (id) ON DELETE CASCADE,
  token TEXT NOT NULL,
  pid INTEGER NOT NULL,
  host TEXT NOT NULL,
  started_at TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL
);
`;
