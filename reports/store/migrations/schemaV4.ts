// Schema step V4 (a step of MIGRATIONS in schema.ts, documented in reports/SCHEMA.md): every
// order on record.

const cascade = 'INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE';

/** The run_summary view of V1, plus the orders hash and count (V4). */
const RUN_SUMMARY_V4 = `
CREATE VIEW run_summary AS
  SELECT r.id, r.created_at, r.label, r.strategy, r.data_name, r.synthetic, r.look_ahead_prone,
    r.period_from, r.period_to, r.sessions, r.initial_cash, r.final_nav, r.fills_hash, r.orders_hash,
    w.total_return, w.annual_return, w.annual_volatility, w.sharpe, w.max_drawdown, w.turnover,
    w.cost_total_drag,
    (SELECT COUNT(*) FROM fills f WHERE f.run_id = r.id) AS fill_count,
    (SELECT COUNT(*) FROM orders o WHERE o.run_id = r.id) AS order_count,
    (SELECT COUNT(*) FROM warnings x WHERE x.run_id = r.id) AS warning_count
  FROM runs r LEFT JOIN metrics_wide w ON w.run_id = r.id;
`;

/**
 * V4 (every order on record): an `orders` table, and `fills.order_id` as its foreign key — NULL
 * for fills no order asked for (delistings, data ends, a split's cash in lieu), which V1 stored as
 * 0. Runs stored before V4 kept no orders: each order id their fills name becomes an
 * `unrecorded` row (symbol and shares filled; the rest NULL). The orders hash beside the fills hash.
 */
export const V4 = `
DROP VIEW run_summary;

CREATE TABLE orders (
  run_id ${cascade},
  id INTEGER NOT NULL,
  session INTEGER,
  date TEXT,
  symbol TEXT NOT NULL,
  quantity REAL,
  type TEXT CHECK (type IN ('market', 'limit', 'stop')),
  limit_price REAL,
  stop_price REAL,
  tif TEXT CHECK (tif IN ('day', 'gtc')),
  origin TEXT CHECK (origin IN ('targets', 'explicit')),
  filled REAL NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('filled', 'partially-filled', 'cancelled', 'expired', 'rejected', 'open', 'unrecorded')),
  reason TEXT,
  end_session INTEGER,
  end_date TEXT,
  PRIMARY KEY (run_id, id),
  CHECK (status = 'unrecorded' OR (session IS NOT NULL AND date IS NOT NULL AND quantity IS NOT NULL AND type IS NOT NULL
    AND tif IS NOT NULL AND origin IS NOT NULL AND end_session IS NOT NULL AND end_date IS NOT NULL
    AND (reason IS NULL) = (status = 'filled')))
) WITHOUT ROWID;

INSERT INTO orders (run_id, id, symbol, filled, status)
  SELECT run_id, order_id, MIN(symbol), SUM(quantity), 'unrecorded' FROM fills WHERE order_id <> 0 GROUP BY run_id, order_id;

CREATE TABLE fills_v3 (
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
  order_id INTEGER,
  reason TEXT NOT NULL,
  PRIMARY KEY (run_id, seq),
  FOREIGN KEY (run_id, order_id) REFERENCES orders (run_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO fills_v3 SELECT run_id, seq, session, date, symbol, quantity, price, reference_price, commission, slippage, NULLIF(order_id, 0), reason FROM fills;
DROP TABLE fills;
ALTER TABLE fills_v3 RENAME TO fills;
CREATE INDEX fills_by_order ON fills (run_id, order_id);

ALTER TABLE runs ADD COLUMN orders_hash TEXT;
${RUN_SUMMARY_V4}`;
