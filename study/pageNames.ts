// Where a results database's pages go in a reports folder. Sweep and walk-forward ids and run
// names start afresh in each database, so two databases in one folder (sweep.db and msweep.db
// beside each other) would write the same sweep-1.html: a database other than the default
// breadth.db puts its name before each page's name — without a .db extension, with any other
// (a.db → a-…, a.sqlite → a.sqlite-…, so a.db and a.sqlite beside each other write apart). The
// default keeps the plain names.

import { dirname, join, parse } from 'node:path';

/** The results database a study, sweep or walk-forward uses in an output folder unless told otherwise. */
export const DEFAULT_DB_FILE = 'breadth.db';

/**
 * Path of page `name` (no extension) of database `db` in folder `dir`: `<dir>/<name>.html` for a
 * database named breadth.db, else `<dir>/<prefix>-<name>.html` with the database's file name as
 * prefix, less a `.db` extension (`out/msweep.db`, `sweep-1` → `<dir>/msweep-sweep-1.html`;
 * `a.sqlite` → `<dir>/a.sqlite-sweep-1.html`; `a` → `<dir>/a-sweep-1.html`).
 */
export function pagePath(dir: string, db: string, name: string): string {
  const { base, name: stem, ext } = parse(db);
  const prefix = base === DEFAULT_DB_FILE ? '' : `${ext === '.db' ? stem : base}-`;
  return join(dir, `${prefix}${name}.html`);
}

/**
 * The output folder and the results database of a command given --out and --db (either may be
 * absent): the folder is --out, else the folder of --db (pages beside the database, as
 * `breadth run <config>` writes them), else `out`; the database is --db, else <folder>/breadth.db.
 * Pages go in <folder>/reports.
 */
export function outputPlaces(out: string | undefined, db: string | undefined): { out: string; db: string } {
  const folder = out ?? (db === undefined ? 'out' : dirname(db));
  return { out: folder, db: db ?? join(folder, DEFAULT_DB_FILE) };
}
