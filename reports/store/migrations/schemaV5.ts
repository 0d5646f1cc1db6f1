// Schema step V5 (a step of MIGRATIONS in schema.ts, documented in reports/SCHEMA.md): the trial
// registry of sweeps and walk-forward tests, and positions stored only when a decision changed them.

const cascade = 'INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE';

/**
 * V5 (sweeps): the trial registry — every trial of a sweep or walk-forward, keyed by what makes
 * it that trial (strategy, canonical params, engine config hash, data fingerprint, period), with
 * its headline metrics, the moments its DSR needs and its daily returns as a Float64 BLOB; sweeps
 * and which trials they hold; walk-forward windows. `decisions` lists every decision of a run and
 * the session whose stored positions it repeats, so `positions` holds a decision's rows only when
 * its holdings or targets changed.
 */
export const V5 = `
CREATE TABLE sweeps (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('sweep', 'walk-forward')),
  created_at TEXT NOT NULL,
  name TEXT NOT NULL,
  study TEXT,
  spec TEXT NOT NULL CHECK (json_valid(spec)),
  data_name TEXT NOT NULL,
  data_fingerprint TEXT NOT NULL,
  planned INTEGER NOT NULL
);

CREATE TABLE trials (
  key TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  name TEXT NOT NULL,
  strategy TEXT NOT NULL,
  params TEXT NOT NULL CHECK (json_valid(params)),
  engine TEXT NOT NULL CHECK (json_valid(engine)),
  config_hash TEXT NOT NULL,
  data_name TEXT NOT NULL,
  data_fingerprint TEXT NOT NULL,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  sessions INTEGER NOT NULL,
  benchmark TEXT,
  periods_per_year REAL NOT NULL,
  fills_hash TEXT NOT NULL,
  orders_hash TEXT,
  fill_count INTEGER NOT NULL,
  sharpe REAL,
  annual_return REAL,
  annual_volatility REAL,
  max_drawdown REAL,
  total_return REAL,
  sr REAL,
  skew REAL,
  kurtosis REAL,
  n INTEGER NOT NULL,
  metrics TEXT NOT NULL CHECK (json_valid(metrics)),
  returns BLOB NOT NULL,
  run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL
);
CREATE INDEX trials_by_dataset ON trials (strategy, data_fingerprint);

CREATE TABLE sweep_trials (
  sweep_id INTEGER NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
  trial_key TEXT NOT NULL REFERENCES trials (key) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  grp TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (sweep_id, trial_key)
) WITHOUT ROWID;

CREATE TABLE walk_forward_windows (
  sweep_id INTEGER NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  is_from TEXT NOT NULL,
  is_to TEXT NOT NULL,
  oos_from TEXT NOT NULL,
  oos_to TEXT NOT NULL,
  trial_key TEXT NOT NULL REFERENCES trials (key),
  params TEXT NOT NULL CHECK (json_valid(params)),
  is_metric REAL,
  is_annual_return REAL,
  oos_annual_return REAL,
  oos_sharpe REAL,
  efficiency REAL,
  run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
  PRIMARY KEY (sweep_id, seq)
) WITHOUT ROWID;

CREATE TABLE decisions (
  run_id ${cascade},
  session INTEGER NOT NULL,
  date TEXT NOT NULL,
  positions_session INTEGER NOT NULL,
  PRIMARY KEY (run_id, session)
) WITHOUT ROWID;
`;
