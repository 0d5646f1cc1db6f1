// Schema step V6 (a step of MIGRATIONS in schema.ts, documented in reports/SCHEMA.md): trials that
// failed, kept with their message so a sweep reports them: for a user's reason (a strategy that
// throws on some parameters; `--resume` does not run them again), or after their attempts ran out
// on a queue (worker crashes, timeouts; `--resume` tries them again).

export const V6 = `
CREATE TABLE trial_failures (
  sweep_id INTEGER NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
  trial_key TEXT NOT NULL,
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  grp TEXT NOT NULL,
  message TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('user', 'exhausted')),
  failed_at TEXT NOT NULL,
  PRIMARY KEY (sweep_id, trial_key)
) WITHOUT ROWID;
CREATE INDEX trial_failures_by_key ON trial_failures (trial_key);
`;
