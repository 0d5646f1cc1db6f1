// Schema step V7 (a step of MIGRATIONS in schema.ts, documented in reports/SCHEMA.md): the splits
// a run applied, so its fills (each in the shares of its own day) can be read in one share unit:
// a holding rebuilt from fills is multiplied by `ratio` at the open of each ex-date, before that
// session's fills. Runs stored before V7 have no rows here.

export const V7 = `
CREATE TABLE splits (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  session INTEGER NOT NULL,
  date TEXT NOT NULL,
  symbol TEXT NOT NULL,
  ratio REAL NOT NULL CHECK (ratio > 0),
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
`;
