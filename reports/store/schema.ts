// The results store's schema, as forward migrations (documented in reports/SCHEMA.md).
// PRAGMA user_version holds the number of migrations applied; a migration is never edited once
// released: a change is a new step appended to MIGRATIONS.
import { DAILY_COLUMNS, snakeCase } from '../../engine/result.ts';
import { V4 } from './migrations/schemaV4.ts';
import { V5 } from './migrations/schemaV5.ts';
import { V6 } from './migrations/schemaV6.ts';
import { V7 } from './migrations/schemaV7.ts';
import { V8 } from './migrations/schemaV8.ts';
import { V9 } from './migrations/schemaV9.ts';
import { V10 } from './migrations/schemaV10.ts';
import { V11 } from './migrations/schemaV11.ts';
import { V12 } from './migrations/schemaV12.ts';
import { V13 } from './migrations/schemaV13.ts';

export interface Migration {
  /** The user_version after this step (1, 2, …, in order). */
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

/** PRAGMA application_id of a breadth results store ('brdt'), to refuse other SQLite files. */
export const APPLICATION_ID = 0x62726474;

/** Headline metrics the `metrics_wide` view shows side by side, one column each (frozen with v1). */
export const WIDE_METRICS = [
  'total_return',
  'annual_return',
  'cagr_calendar',
  'annual_volatility',
  'sharpe',
  'sortino',
  'calmar',
  'max_drawdown',
  'max_drawdown_duration',
  'psr',
  'dsr',
  'alpha',
  'beta',
  'information_ratio',
  'turnover',
  'avg_gross_exposure',
  'avg_net_exposure',
  'cost_total',
  'cost_total_drag',
  'trade_count',
  'trade_win_rate',
] as const;

/**
 * The engine's daily columns, snake_case. V1 spells them out (a released migration must not
 * change when the engine does); a new engine column fails the insert until a migration adds it.
 */
export const DAILY_SQL_COLUMNS: readonly string[] = DAILY_COLUMNS.map(snakeCase);

const cascade = 'INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE';

const V1 = `
CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at TEXT NOT NULL,
  label TEXT,
  strategy TEXT NOT NULL,
  schedule TEXT NOT NULL,
  params TEXT NOT NULL CHECK (json_valid(params)),
  manifest TEXT NOT NULL CHECK (json_valid(manifest)),
  engine_version TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  strategy_source_hash TEXT,
  data_name TEXT NOT NULL,
  data_fingerprint TEXT NOT NULL,
  fills_hash TEXT NOT NULL,
  synthetic INTEGER NOT NULL CHECK (synthetic IN (0, 1)),
  execution TEXT NOT NULL,
  look_ahead_prone INTEGER NOT NULL CHECK (look_ahead_prone IN (0, 1)),
  seed INTEGER NOT NULL,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  sessions INTEGER NOT NULL,
  universe_size INTEGER NOT NULL,
  initial_cash REAL NOT NULL,
  final_nav REAL,
  metric_convention TEXT NOT NULL,
  periods_per_year REAL NOT NULL,
  risk_free_source TEXT NOT NULL,
  risk_free_kind TEXT NOT NULL,
  risk_free_mean REAL,
  benchmark TEXT,
  downside_target REAL NOT NULL,
  omega_threshold REAL NOT NULL
);
CREATE INDEX runs_by_strategy ON runs (strategy, id);

CREATE TABLE daily (
  run_id ${cascade},
  session INTEGER NOT NULL,
  date TEXT NOT NULL,
  nav_return REAL,
  benchmark_return REAL,
  risk_free_return REAL,
  gross_exposure REAL,
  net_exposure REAL,
  nav REAL NOT NULL,
  cash REAL,
  long_value REAL,
  short_value REAL,
  long_count REAL,
  short_count REAL,
  traded_notional REAL,
  long_pnl REAL,
  short_pnl REAL,
  dividends REAL,
  interest_received REAL,
  borrow_rebate REAL,
  commission REAL,
  slippage REAL,
  borrow_fee REAL,
  short_dividends REAL,
  interest_paid REAL,
  PRIMARY KEY (run_id, session)
) WITHOUT ROWID;

CREATE TABLE fills (
  run_id ${cascade},
  seq INTEGER NOT NULL,
  session INTEGER NOT NULL,
  date TEXT NOT NULL,
  symbol TEXT NOT NULL,
  quantity REAL NOT NULL,
  price REAL NOT NULL,
  reference_price REAL NOT NULL,
  commission REAL NOT NULL,
  slippage REAL NOT NULL,
  order_id INTEGER NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

CREATE TABLE positions (
  run_id ${cascade},
  seq INTEGER NOT NULL,
  session INTEGER NOT NULL,
  date TEXT NOT NULL,
  symbol TEXT NOT NULL,
  shares REAL NOT NULL,
  price REAL,
  value REAL,
  weight REAL,
  target_weight REAL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

CREATE TABLE metrics (
  run_id ${cascade},
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  value REAL,
  n INTEGER NOT NULL,
  note TEXT,
  PRIMARY KEY (run_id, name)
) WITHOUT ROWID;

CREATE TABLE drawdowns (
  run_id ${cascade},
  seq INTEGER NOT NULL,
  peak_session INTEGER NOT NULL,
  trough_session INTEGER NOT NULL,
  recovery_session INTEGER,
  peak_date TEXT,
  trough_date TEXT,
  recovery_date TEXT,
  depth REAL NOT NULL,
  length INTEGER NOT NULL,
  time_to_trough INTEGER NOT NULL,
  open INTEGER NOT NULL CHECK (open IN (0, 1)),
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

CREATE TABLE attribution_models (
  run_id ${cascade},
  model TEXT NOT NULL,
  seq INTEGER NOT NULL,
  frequency TEXT NOT NULL CHECK (frequency IN ('daily', 'monthly')),
  periods_per_year REAL NOT NULL,
  n INTEGER NOT NULL,
  date_from TEXT,
  date_to TEXT,
  alpha REAL,
  alpha_std_error REAL,
  alpha_t REAL,
  alpha_annualized REAL,
  r_squared REAL,
  adj_r_squared REAL,
  note TEXT,
  PRIMARY KEY (run_id, model)
) WITHOUT ROWID;

CREATE TABLE attribution (
  run_id INTEGER NOT NULL,
  model TEXT NOT NULL,
  seq INTEGER NOT NULL,
  factor TEXT NOT NULL,
  loading REAL,
  std_error REAL,
  t_stat REAL,
  PRIMARY KEY (run_id, model, factor),
  FOREIGN KEY (run_id, model) REFERENCES attribution_models (run_id, model) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE decomposition (
  run_id ${cascade},
  seq INTEGER NOT NULL,
  line TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('pnl', 'income', 'cost')),
  amount REAL NOT NULL,
  share REAL,
  PRIMARY KEY (run_id, line)
) WITHOUT ROWID;

CREATE TABLE contributions (
  run_id ${cascade},
  rank INTEGER NOT NULL,
  symbol TEXT NOT NULL,
  price_pnl REAL NOT NULL,
  income REAL NOT NULL,
  cost REAL NOT NULL,
  total REAL NOT NULL,
  PRIMARY KEY (run_id, rank)
) WITHOUT ROWID;

CREATE TABLE deferrals (
  run_id ${cascade},
  seq INTEGER NOT NULL,
  session INTEGER NOT NULL,
  date TEXT NOT NULL,
  symbol TEXT NOT NULL,
  reason TEXT NOT NULL,
  remaining REAL NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

CREATE TABLE breaches (
  run_id ${cascade},
  seq INTEGER NOT NULL,
  session INTEGER NOT NULL,
  date TEXT NOT NULL,
  gross REAL NOT NULL,
  net REAL NOT NULL,
  max_gross REAL,
  max_net REAL,
  action TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

CREATE TABLE warnings (
  run_id ${cascade},
  seq INTEGER NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

CREATE VIEW latest_run_per_strategy AS
  SELECT r.* FROM runs r WHERE r.id = (SELECT MAX(id) FROM runs WHERE strategy = r.strategy);

CREATE VIEW metrics_wide AS
  SELECT run_id,
    ${WIDE_METRICS.map((m) => `MAX(CASE WHEN name = '${m}' THEN value END) AS ${m}`).join(',\n    ')}
  FROM metrics GROUP BY run_id;

CREATE VIEW run_summary AS
  SELECT r.id, r.created_at, r.label, r.strategy, r.data_name, r.synthetic, r.look_ahead_prone,
    r.period_from, r.period_to, r.sessions, r.initial_cash, r.final_nav, r.fills_hash,
    w.total_return, w.annual_return, w.annual_volatility, w.sharpe, w.max_drawdown, w.turnover,
    w.cost_total_drag,
    (SELECT COUNT(*) FROM fills f WHERE f.run_id = r.id) AS fill_count,
    (SELECT COUNT(*) FROM warnings x WHERE x.run_id = r.id) AS warning_count
  FROM runs r LEFT JOIN metrics_wide w ON w.run_id = r.id;
`;

/**
 * V2 (real-data truth): structured caveats; what a run really did (requested start, first
 * investment, ruin, account); stale marks; the benchmark's level beside NAV; deferrals whose
 * remaining size is unknown (a target that had no price to size it) store NULL.
 */
const V2 = `
ALTER TABLE warnings ADD COLUMN code TEXT NOT NULL DEFAULT 'data-note';
ALTER TABLE warnings ADD COLUMN severity TEXT NOT NULL DEFAULT 'low' CHECK (severity IN ('high', 'medium', 'low'));
ALTER TABLE warnings ADD COLUMN size REAL;
ALTER TABLE warnings ADD COLUMN unit TEXT;
ALTER TABLE warnings ADD COLUMN symbols TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(symbols));

ALTER TABLE runs ADD COLUMN account TEXT NOT NULL DEFAULT 'margin';
ALTER TABLE runs ADD COLUMN requested_from TEXT;
ALTER TABLE runs ADD COLUMN first_invested_date TEXT;
ALTER TABLE runs ADD COLUMN sessions_in_cash INTEGER;
ALTER TABLE runs ADD COLUMN ruin_date TEXT;

ALTER TABLE daily ADD COLUMN benchmark_level REAL;
ALTER TABLE daily ADD COLUMN stale_value REAL;

ALTER TABLE breaches ADD COLUMN symbol TEXT;

CREATE TABLE deferrals_v2 (
  run_id ${cascade},
  seq INTEGER NOT NULL,
  session INTEGER NOT NULL,
  date TEXT NOT NULL,
  symbol TEXT NOT NULL,
  reason TEXT NOT NULL,
  remaining REAL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
INSERT INTO deferrals_v2 SELECT run_id, seq, session, date, symbol, reason, remaining FROM deferrals;
DROP TABLE deferrals;
ALTER TABLE deferrals_v2 RENAME TO deferrals;

CREATE TABLE stale_marks (
  run_id ${cascade},
  seq INTEGER NOT NULL,
  symbol TEXT NOT NULL,
  first_stale_date TEXT NOT NULL,
  sessions INTEGER NOT NULL,
  value REAL NOT NULL,
  peak_share REAL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
`;

/**
 * V3 (tear sheet): what a factor's loading earned — the factor's mean return and the model's
 * mean excess return over the regression rows, so a report splits return into factor
 * contributions and alpha; and the sector and industry of each symbol a run traded, for
 * sector exposure from the stored positions.
 */
const V3 = `
ALTER TABLE attribution ADD COLUMN factor_mean REAL;
ALTER TABLE attribution_models ADD COLUMN mean_excess REAL;

CREATE TABLE symbols (
  run_id ${cascade},
  symbol TEXT NOT NULL,
  sector TEXT NOT NULL,
  industry TEXT NOT NULL,
  PRIMARY KEY (run_id, symbol)
) WITHOUT ROWID;
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'runs, daily series, ledger, metrics, attribution, views', sql: V1 },
  { version: 2, description: 'caveats, run facts, stale marks, benchmark level, unknown deferral sizes', sql: V2 },
  { version: 3, description: 'factor means for return attribution, sectors of traded symbols', sql: V3 },
  { version: 4, description: 'orders, fills.order_id as their foreign key, orders hash', sql: V4 },
  { version: 5, description: 'trial registry, sweeps, walk-forward windows, positions stored only when a decision changed them', sql: V5 },
  { version: 6, description: 'trials that failed for a user reason, with their message', sql: V6 },
  { version: 7, description: 'the splits a run applied, to read its fills in one share unit', sql: V7 },
  { version: 8, description: 'the decision that last amended an order', sql: V8 },
  { version: 9, description: 'the marks of a decision that repeated an earlier book', sql: V9 },
  { version: 10, description: 'the shares an amended order was first decided for', sql: V10 },
  { version: 11, description: 'the benchmark return beside nav_return over the same session (NULL after a benchmark holiday)', sql: V11 },
  { version: 12, description: 'whether a session\'s NAV only carried earlier closes (not paired with a benchmark there)', sql: V12 },
  { version: 13, description: 'the coordinator running each sweep now (one per sweep and database)', sql: V13 },
];

/** The newest schema this breadth knows. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
