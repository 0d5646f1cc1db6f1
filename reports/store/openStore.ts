// Opening the results store: one SQLite file in WAL mode (readers never block the writer), a
// 10 s busy timeout (concurrent writers queue instead of failing), foreign keys on, and the schema
// brought forward by MIGRATIONS. Every way a path can be wrong becomes a UserError that names it.
// Read-only opening (for commands that only read) writes nothing and works on a read-only file,
// folder or mount (from a private snapshot copy where SQLite cannot read it in place),
// except that an older breadth's store is upgraded first where it is writable; a file that holds
// no store (an empty one) is refused as it is, never made one.
import { closeSync, copyFileSync, existsSync, openSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { ensureFolder, removeFolders } from '../../core/folders.ts';
import { privateTempFolder } from '../../core/tempFolder.ts';
import { UserError } from '../../data/errors.ts';
import { APPLICATION_ID, type Migration, MIGRATIONS } from './schema.ts';

/** How long a writer waits for another process's write transaction before giving up. */
export const BUSY_TIMEOUT_MS = 10_000;
/** Truncate the write-ahead log back to this size after a checkpoint (a large run grows it). */
const WAL_SIZE_LIMIT = 64 * 1024 * 1024;

/** An open results store (openStore): one SQLite file of runs, their daily series, fills, orders, metrics and caveats, with its path and connection; `close()` it when done. */
export interface Store {
  readonly path: string;
  /** The connection, for queries beyond this module's (read-only use is the intent). */
  readonly db: Database.Database;
  /** The schema version the file had when this open upgraded it (undefined: created, or already current). */
  readonly upgradedFrom?: number;
  close(): void;
}

function pragmaNumber(db: Database.Database, name: string): number {
  return db.pragma(name, { simple: true }) as number;
}

function newerSchema(path: string, found: number, known: number): UserError {
  return new UserError(`${path} was written by a newer breadth (schema v${found}; this one knows up to v${known}); upgrade breadth`);
}

/**
 * The refusal of a file that holds no store yet — empty, or an SQLite database with no tables — by
 * an open that needs one there (a command that reads it): it is left as it was, never made a store.
 */
function noStoreIn(path: string): UserError {
  const what = statSync(path).size === 0 ? 'is empty' : 'is an SQLite database with no tables';
  return new UserError(`${path} ${what}: not a breadth store; name the results database \`breadth run --db\` or \`breadth study\` wrote`);
}

/**
 * Refuse SQLite files that are not breadth stores, and stores from a newer breadth; with
 * `existing`, a file that holds no store yet too (noStoreIn), where a new one would be created.
 */
function checkFile(db: Database.Database, path: string, known: number, existing: boolean): void {
  const version = pragmaNumber(db, 'user_version');
  const application = pragmaNumber(db, 'application_id');
  const tables = (db.prepare("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table'").pluck().get() as number) > 0;
  const fresh = application === 0 && version === 0 && !tables;
  if (fresh && existing) throw noStoreIn(path);
  if (!fresh && application !== APPLICATION_ID) {
    throw new UserError(`${path} is an SQLite database but not a breadth results store; choose another file`);
  }
  if (version > known) throw newerSchema(path, version, known);
}

/**
 * Apply the migrations newer than the file's user_version, in one write transaction. BEGIN
 * IMMEDIATE takes the write lock first, so processes opening a new file at once create the
 * schema once: the others wait, then find it done.
 * @returns the schema version this call found and upgraded (0: a new file), or undefined when
 *   the file was already current (or another process upgraded it first).
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], path: string): number | undefined {
  const known = migrations.length > 0 ? migrations[migrations.length - 1].version : 0;
  if (pragmaNumber(db, 'user_version') === known) return undefined;
  return db.transaction(() => {
    const current = pragmaNumber(db, 'user_version');
    if (current > known) throw newerSchema(path, current, known);
    if (current === known) return undefined;
    for (const step of migrations) {
      if (step.version <= current) continue;
      db.exec(step.sql);
      db.pragma(`user_version = ${step.version}`);
    }
    db.pragma(`application_id = ${APPLICATION_ID}`);
    return current;
  }).immediate();
}

/**
 * True for SQLite's ways of saying it may not write the file or beside it (its journal, -wal or
 * -shm): the file, its folder or its mount is read-only. A folder read-only by its permissions
 * says SQLITE_READONLY_DIRECTORY, a read-only mount SQLITE_CANTOPEN, a -shm it may only read
 * SQLITE_READONLY_CANTINIT or _RECOVERY; EPERM says SQLITE_PERM.
 */
function isReadOnlyError(err: unknown): boolean {
  if (!(err instanceof Database.SqliteError)) return false;
  return ['SQLITE_READONLY', 'SQLITE_PERM', 'SQLITE_AUTH', 'SQLITE_CANTOPEN'].some((code) => err.code.startsWith(code));
}

/** A UserError for what SQLite or the driver said about `path`, or the error itself if unexpected. */
function explain(err: unknown, path: string): unknown {
  if (err instanceof UserError) return err;
  if (!(err instanceof Database.SqliteError)) return err;
  const code = err.code;
  if (code === 'SQLITE_NOTADB') return new UserError(`${path} is not an SQLite database; choose another file for the results store`);
  if (code === 'SQLITE_CORRUPT') return new UserError(`${path} is damaged (${err.message}); restore it from a copy or use another file`);
  if (code.startsWith('SQLITE_CANTOPEN')) return new UserError(`cannot open results store ${path}: check that it is a file (not a directory) and that its folder is writable`);
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_AUTH')) {
    return new UserError(`cannot write results store ${path}: the file or its folder is read-only`);
  }
  if (code.startsWith('SQLITE_BUSY')) return new UserError(`results store ${path} stayed locked by another process for ${BUSY_TIMEOUT_MS / 1000} s; try again`);
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_FULL') return new UserError(`cannot write results store ${path}: ${err.message}`);
  return err;
}

export interface OpenStoreOptions {
  /**
   * Open for reading only: nothing is written (no journal-mode change), so a read-only file or
   * folder works. A store from an older breadth is first upgraded where it is writable (as a
   * writing open does: all pending steps in one transaction), and refused where it is not. A
   * missing file, or one that holds no store (an empty file), is refused and left as it was.
   */
  readonly readonly?: boolean;
  /**
   * For writing, open only a store that is there (`breadth runs delete`): a file that holds none
   * (an empty file) is refused as a read-only open refuses it, never made a store.
   */
  readonly existing?: boolean;
  /**
   * A store this open creates is removed again on close, with the folders made for it, when it then
   * holds nothing (holdsNothing) and no other connection has it open: a command that fails or is
   * stopped before it stores anything leaves no empty store (probe r68b F2). A store that was there
   * is never removed.
   */
  readonly discardEmpty?: boolean;
}

/**
 * Open (or create, with its missing folders) a results database at `path` in WAL mode, upgrading an older breadth's schema
 * in place (each migration in one transaction); `readonly` opens it without writing anything.
 * @throws UserError for a file that is not a breadth results database, one from a newer breadth,
 *   or one that cannot be opened or written (its path and the fix in one line).
 */
export function openStore(path: string, migrations: readonly Migration[] = MIGRATIONS, options: OpenStoreOptions = {}): Store {
  if (options.readonly) return openReadOnly(path, migrations);
  try {
    return openWritable(path, migrations, options.existing === true, options.discardEmpty === true);
  } catch (err) {
    throw explain(err, path);
  }
}

/**
 * openStore for writing (`existing`: only a store that is there; `discardEmpty` as OpenStoreOptions),
 * throwing what SQLite says as it is.
 */
function openWritable(path: string, migrations: readonly Migration[], existing: boolean, discardEmpty = false): Store {
  const created = !existing && !existsSync(path);
  const folders = existing ? [] : ensureFolder(dirname(path) || '.'); // made as the file is (core/folders.ts)
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS, fileMustExist: existing });
  try {
    db.pragma('foreign_keys = ON');
    const known = migrations.length > 0 ? migrations[migrations.length - 1].version : 0;
    checkFile(db, path, known, existing); // before WAL: a file we refuse is left exactly as it was
    enterWal(db);
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
    const found = migrate(db, migrations, path);
    const close = created && discardEmpty ? () => closeDiscardingEmpty(db, path, folders) : () => db.close();
    return { path, db, ...(found ? { upgradedFrom: found } : {}), close };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** True when the store holds no run, trial or trial failure: nothing a command stored (a sweep's own row is only its plan). */
function holdsNothing(db: Database.Database): boolean {
  return db.prepare('SELECT NOT EXISTS (SELECT 1 FROM runs) AND NOT EXISTS (SELECT 1 FROM trials) AND NOT EXISTS (SELECT 1 FROM trial_failures)').pluck().get() === 1;
}

/**
 * Close `db`, a store this process created at `path` (in the `folders` it made), and remove it when
 * it holds nothing. Another connection still open keeps the write-ahead log SQLite removes with the
 * last one (a second process storing into the same new file): the store is then left to it.
 */
function closeDiscardingEmpty(db: Database.Database, path: string, folders: readonly string[]): void {
  const empty = holdsNothing(db);
  db.close();
  if (!empty || existsSync(`${path}-wal`)) return;
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
  removeFolders(folders);
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * Switch a new file into WAL mode, waiting up to BUSY_TIMEOUT_MS for other processes doing the
 * same. SQLite's busy timeout does not cover this switch: it reads the file's header, then
 * upgrades to a write lock, and a connection that already reads is never made to wait (that could
 * deadlock), so the second of two processes creating one store at once got SQLITE_BUSY at once
 * (CI, stop 33). Retried here, the wait ends as soon as the first has switched the file: a store
 * already in WAL mode needs no write.
 * @throws the SqliteError SQLITE_BUSY after BUSY_TIMEOUT_MS, or any other one at once.
 */
function enterWal(db: Database.Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let pause = 2; ; pause = Math.min(pause * 2, 100)) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      const busy = err instanceof Database.SqliteError && err.code.startsWith('SQLITE_BUSY');
      if (!busy || Date.now() >= deadline) throw err;
      Atomics.wait(PAUSE, 0, 0, pause + Math.random() * pause); // jitter: racers do not retry in step
    }
  }
}

/** Run `fn` and turn SQLite's complaints about the store's file into UserErrors. */
export function withStoreErrors<T>(store: Store, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw explain(err, store.path);
  }
}

/**
 * A store opened read-only; one from an older breadth is upgraded first where it is writable
 * (upgradedFrom says so), else refused with the way to upgrade it.
 */
function openReadOnly(path: string, migrations: readonly Migration[]): Store {
  if (!existsSync(path)) throw new UserError(`${path}: no such results database`);
  if (statSync(path).isDirectory()) throw new UserError(`${path} is a folder, not a results database; name the database file in it`);
  const known = migrations.length > 0 ? migrations[migrations.length - 1].version : 0;
  const store = readOnlyConnection(path, known);
  const version = pragmaNumber(store.db, 'user_version');
  if (version >= known) return store;
  store.close();
  try {
    openWritable(path, migrations, true).close();
  } catch (err) {
    if (!isReadOnlyError(err)) throw explain(err, path);
    throw new UserError(
      `${path} is from an older breadth (schema v${version}, now v${known}) and cannot be upgraded here: the file or its folder is read-only; make it writable (or copy it with its -wal file to a writable folder) and run \`breadth runs list\` on it once to upgrade it`,
    );
  }
  return { ...readOnlyConnection(path, known), upgradedFrom: version };
}

/**
 * A read-only connection. SQLite cannot open a WAL-mode file in place where it may not create
 * the shared-memory file beside it (a read-only folder or mount: whichever code it answers,
 * isReadOnlyError); the store is then read from a private snapshot copy (the file and its
 * write-ahead log) in the temp folder, `breadth-store-<pid>-<8 hex>`: removed on close or however
 * the process ends (Ctrl-C, SIGTERM), and by a later snapshot when its process was killed outright
 * (core/tempFolder.ts).
 */
function readOnlyConnection(path: string, known: number): Store {
  const open = (file: string): Database.Database => {
    const db = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    try {
      checkFile(db, path, known, true);
      return db;
    } catch (err) {
      db.close();
      throw err;
    }
  };
  try {
    const db = open(path);
    return { path, db, close: () => db.close() };
  } catch (err) {
    if (!isReadOnlyError(err)) throw explain(err, path);
  }
  try {
    closeSync(openSync(path, 'r')); // as this process may (access() would ask for its real user)
  } catch (err) {
    throw new UserError(`cannot read results store ${path}: reading it is not permitted (${(err as NodeJS.ErrnoException).code}); ask its owner to make it readable, or read a copy`);
  }
  const folder = privateTempFolder('store');
  const copy = join(folder.path, basename(path));
  try {
    copyFileSync(path, copy);
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
    const db = open(copy);
    return {
      path,
      db,
      close: () => {
        db.close();
        folder.remove();
      },
    };
  } catch (err) {
    folder.remove();
    throw explain(err, path);
  }
}
