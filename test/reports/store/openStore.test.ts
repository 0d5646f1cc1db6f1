import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../data/errors.ts';
import { DAILY_COLUMNS } from '../../../engine/result.ts';
import { runMetrics } from '../../../reports/runMetrics.ts';
import { canonicalJson, getRun, type Migration, MIGRATIONS, migrate, openStore, parseCanonicalJson, SCHEMA_VERSION, type Store, writeRun } from '../../../reports/store/index.ts';
import { DAILY_SQL_COLUMNS } from '../../../reports/store/schema.ts';
import { longShortRun } from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'breadth-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const path = (): string => join(dir, `store-${files++}.db`);

/** The UserError openStore throws for `file`, or a failure if it throws something else. */
function openError(file: string, migrations?: readonly Migration[]): UserError {
  try {
    openStore(file, migrations).close();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error(`${file} opened`);
}

describe('openStore', () => {
  it('opens in WAL mode with foreign keys, a 10 s busy timeout and the current schema', () => {
    const store = openStore(path());
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(10_000);
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(store.db.pragma('application_id', { simple: true })).toBe(0x62726474);
    store.close();
  });

  it('has a daily column for every engine daily column', () => {
    const store = openStore(path());
    const columns = store.db.prepare<[], string>("SELECT name FROM pragma_table_info('daily')").pluck().all();
    for (const c of DAILY_SQL_COLUMNS) expect(columns).toContain(c);
    expect(DAILY_SQL_COLUMNS).toHaveLength(DAILY_COLUMNS.length);
    store.close();
  });

  it('reopening keeps the runs and does not migrate again', () => {
    const file = path();
    const first = openStore(file);
    const result = longShortRun();
    const id = writeRun(first, { result, metrics: runMetrics(result) });
    first.close();
    const again = openStore(file);
    expect(getRun(again, id)?.run.sessions).toBe(30);
    again.close();
  });

  it('discardEmpty: a store this open made is removed on close, with its folders, while it holds nothing (probe r68b F2: a stopped run left an empty store)', () => {
    const base = join(dir, 'discard');
    const file = join(base, 'x', 'y', 'a.db');
    openStore(file, MIGRATIONS, { discardEmpty: true }).close();
    expect(readdirSync(dir)).not.toContain('discard'); // nothing stored: the file, its journals and x/y are gone

    // A run stored: kept.
    const kept = openStore(file, MIGRATIONS, { discardEmpty: true });
    const result = longShortRun();
    const id = writeRun(kept, { result, metrics: runMetrics(result) });
    kept.close();
    expect(readdirSync(join(base, 'x', 'y'))).toEqual(['a.db']);

    // A store that was there, though empty, is not this open's to remove.
    const empty = path();
    openStore(empty).close();
    openStore(empty, MIGRATIONS, { discardEmpty: true }).close();
    expect(statSync(empty).isFile()).toBe(true);

    // Another connection still has the new store open (a second process storing into it): left to it.
    const shared = join(base, 'shared.db');
    const mine = openStore(shared, MIGRATIONS, { discardEmpty: true });
    const other = openStore(shared);
    mine.close();
    expect(getRun(other, writeRun(other, { result, metrics: runMetrics(result) }))?.run.id).toBe(1);
    other.close();
    expect(statSync(shared).isFile()).toBe(true);
    const reader = openStore(file, MIGRATIONS, { readonly: true });
    expect(getRun(reader, id)?.run.sessions).toBe(30);
    reader.close();
  });

  it('a store from a newer breadth is refused, untouched', () => {
    const file = path();
    openStore(file).close();
    const raw = new Database(file);
    const newer = SCHEMA_VERSION + 1;
    raw.pragma(`user_version = ${newer}`);
    raw.close();
    expect(openError(file).message).toBe(`${file} was written by a newer breadth (schema v${newer}; this one knows up to v${SCHEMA_VERSION}); upgrade breadth`);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(newer);
    check.close();
  });

  it('refuses other SQLite files, non-database files, directories and missing folders with a UserError', () => {
    const other = path();
    const raw = new Database(other);
    raw.exec('CREATE TABLE notes (x TEXT)');
    raw.close();
    expect(openError(other).message).toBe(`${other} is an SQLite database but not a breadth results store; choose another file`);

    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'this is not a database, just some text that is long enough to have a header\n'.repeat(20));
    expect(openError(text).message).toBe(`${text} is not an SQLite database; choose another file for the results store`);

    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    expect(openError(folder).message).toMatch(/^cannot open results store .*a-folder: check that it is a file \(not a directory\)/);

    // A writing open makes the store's missing folders, as it makes its file (core/folders.ts: commands check the folder first and make it only as they write); one that cannot be made is named.
    const missing = join(dir, 'no', 'such', 'folder', 'runs.db');
    openStore(missing).close();
    expect(statSync(missing).isFile()).toBe(true);
    expect(openError(join(text, 'sub', 'runs.db')).message).toBe(`cannot create folder ${join(text, 'sub')}: ${text} is a file, not a folder (ENOTDIR) — choose a writable location`);
  });

  it('a file that holds no store — empty, or an SQLite file with no tables — is refused by a read and by an open of an existing store, byte for byte as it was; a writing open makes it one (probe r60c L2: `runs list notes.txt` made a 0-byte notes.txt a 147 KB store)', () => {
    const empty = join(dir, 'empty-notes.txt');
    writeFileSync(empty, '');
    const fix = 'not a breadth store; name the results database `breadth run --db` or `breadth study` wrote';
    const refusal = (file: string, options: { readonly?: boolean; existing?: boolean }): string => {
      try {
        openStore(file, MIGRATIONS, options).close();
      } catch (err) {
        if (err instanceof UserError) return err.message;
        throw err;
      }
      throw new Error(`${file} opened`);
    };
    expect(refusal(empty, { readonly: true })).toBe(`${empty} is empty: ${fix}`);
    expect(refusal(empty, { existing: true })).toBe(`${empty} is empty: ${fix}`);
    expect(readFileSync(empty).length).toBe(0);
    expect(readdirSync(dir).filter((f) => f.startsWith('empty-notes.txt-'))).toEqual([]); // no -wal, -shm or journal beside it
    const bare = path();
    const raw = new Database(bare);
    raw.pragma('user_version = 0');
    raw.exec('CREATE TABLE t (x); DROP TABLE t');
    raw.close();
    const before = readFileSync(bare);
    expect(refusal(bare, { readonly: true })).toBe(`${bare} is an SQLite database with no tables: ${fix}`);
    expect(readFileSync(bare).equals(before)).toBe(true);
    const created = openStore(empty);
    expect(created.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    created.close();
  });
});

/** A run row with the v1 columns only, as an old breadth wrote it; its id. */
function insertBareRun(store: Store): number {
  const row = {
    created_at: 'x', strategy: 's', schedule: 'm', params: '{}', manifest: '{}', engine_version: '0', config_hash: 'h', data_name: 'd', data_fingerprint: 'f',
    fills_hash: 'h', synthetic: 0, execution: 'next-open', look_ahead_prone: 0, seed: 1, period_from: '2024-01-01', period_to: '2024-01-03', sessions: 3,
    universe_size: 2, initial_cash: 1, metric_convention: 'c', periods_per_year: 252, risk_free_source: 'none', risk_free_kind: 'zero', downside_target: 0, omega_threshold: 0,
  };
  const cols = Object.keys(row);
  return Number(store.db.prepare(`INSERT INTO runs (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row).lastInsertRowid);
}

describe('migrations', () => {
  const next = SCHEMA_VERSION + 1;
  const tags: Migration = { version: next, description: 'run tags', sql: 'CREATE TABLE tags (run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE, tag TEXT NOT NULL)' };

  it(`bring a current store forward to v${next} and keep its runs`, () => {
    const file = path();
    const current = openStore(file);
    const result = longShortRun();
    const id = writeRun(current, { result, metrics: runMetrics(result) });
    current.close();
    const upgraded = openStore(file, [...MIGRATIONS, tags]);
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(next);
    upgraded.db.prepare('INSERT INTO tags VALUES (?, ?)').run(id, 'baseline');
    expect(getRun(upgraded, id)?.fills.length).toBe(result.fills.session.length);
    upgraded.close();
    // The older breadth now meets a newer file.
    expect(openError(file).message).toMatch(new RegExp(`schema v${next}; this one knows up to v${SCHEMA_VERSION}`));
  });

  it('a read-only open upgrades a writable older store in one step and says from which version; a current one is left alone', () => {
    const file = path();
    const v5 = openStore(file, MIGRATIONS.slice(0, 5));
    const id = insertBareRun(v5);
    v5.close();
    const reading = openStore(file, MIGRATIONS, { readonly: true });
    expect(reading.upgradedFrom).toBe(5);
    expect(reading.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(reading.db.prepare('SELECT id FROM runs').pluck().all()).toEqual([id]);
    expect(() => reading.db.prepare('DELETE FROM runs').run()).toThrow(/readonly/);
    reading.close();
    const again = openStore(file, MIGRATIONS, { readonly: true });
    expect(again.upgradedFrom).toBeUndefined();
    again.close();
    const created = openStore(path());
    expect(created.upgradedFrom).toBeUndefined(); // a new file is created, not upgraded
    created.close();
  });

  it('v1 → v2: a v1 file keeps its rows; deferrals may then hold an unknown size; caveats get a severity', () => {
    const file = path();
    const v1 = openStore(file, MIGRATIONS.slice(0, 1));
    const id = insertBareRun(v1);
    v1.db.prepare('INSERT INTO deferrals VALUES (?, 0, 1, ?, ?, ?, ?)').run(id, '2024-01-02', 'A', 'no-trade', 10);
    v1.db.prepare('INSERT INTO warnings VALUES (?, 0, ?)').run(id, 'an old warning');
    expect(() => v1.db.prepare('INSERT INTO deferrals VALUES (?, 1, 1, ?, ?, ?, NULL)').run(id, '2024-01-02', 'B', 'no-price')).toThrow(/NOT NULL/);
    v1.close();
    const v2 = openStore(file, MIGRATIONS.slice(0, 2));
    expect(v2.db.prepare('SELECT symbol, remaining FROM deferrals WHERE run_id = ?').all(id)).toEqual([{ symbol: 'A', remaining: 10 }]);
    v2.db.prepare('INSERT INTO deferrals VALUES (?, 1, 1, ?, ?, ?, NULL)').run(id, '2024-01-02', 'B', 'no-price');
    expect(v2.db.prepare('SELECT message, code, severity, symbols FROM warnings WHERE run_id = ?').get(id)).toEqual({ message: 'an old warning', code: 'data-note', severity: 'low', symbols: '[]' });
    expect(v2.db.prepare('SELECT account, ruin_date FROM runs WHERE id = ?').get(id)).toEqual({ account: 'margin', ruin_date: null });
    v2.close();
  });

  it('v3 → v4: fills keep their order ids as references to unrecorded orders; fills no order asked for get NULL', () => {
    const file = path();
    const v3 = openStore(file, MIGRATIONS.slice(0, 3));
    const id = insertBareRun(v3);
    const fill = v3.db.prepare('INSERT INTO fills VALUES (?, ?, ?, ?, ?, ?, 10, 10, 0, 0, ?, ?)');
    // Order 1 fills in two parts; order 2 once; a delisting closes B with order id 0.
    fill.run(id, 0, 1, '2024-01-02', 'A', 100, 1, 'order');
    fill.run(id, 1, 2, '2024-01-03', 'A', 50, 1, 'order');
    fill.run(id, 2, 2, '2024-01-03', 'B', -30, 2, 'order');
    fill.run(id, 3, 2, '2024-01-03', 'B', 30, 0, 'delisting');
    v3.close();
    const v4 = openStore(file, MIGRATIONS.slice(0, 4));
    expect(v4.db.prepare('SELECT id, symbol, filled, status, session, quantity FROM orders WHERE run_id = ? ORDER BY id').all(id)).toEqual([
      { id: 1, symbol: 'A', filled: 150, status: 'unrecorded', session: null, quantity: null },
      { id: 2, symbol: 'B', filled: -30, status: 'unrecorded', session: null, quantity: null },
    ]);
    expect(v4.db.prepare<[number], number | null>('SELECT order_id FROM fills WHERE run_id = ? ORDER BY seq').pluck().all(id)).toEqual([1, 1, 2, null]);
    expect(v4.db.pragma('foreign_key_check')).toEqual([]);
    expect(() => v4.db.prepare('INSERT INTO fills VALUES (?, 9, 2, ?, ?, 1, 10, 10, 0, 0, 7, ?)').run(id, '2024-01-03', 'A', 'order')).toThrow(/FOREIGN KEY/);
    expect(v4.db.prepare('SELECT orders_hash, order_count, fill_count FROM run_summary WHERE id = ?').get(id)).toEqual({ orders_hash: null, order_count: 2, fill_count: 4 });
    expect(v4.db.prepare<[number], string>('SELECT status FROM orders WHERE run_id = ? ORDER BY id').pluck().all(id)).toEqual(['unrecorded', 'unrecorded']);
    v4.db.prepare('DELETE FROM runs WHERE id = ?').run(id);
    expect(v4.db.prepare('SELECT (SELECT COUNT(*) FROM orders) + (SELECT COUNT(*) FROM fills)').pluck().get()).toBe(0);
    v4.close();
  });

  it('v10 → v11: a benchmark_return after a session without a benchmark level (a return over two sessions beside a one-session nav_return) becomes NULL; a run stored without levels keeps its returns', () => {
    const file = path();
    const v10 = openStore(file, MIGRATIONS.slice(0, 10));
    const [withLevels, withoutLevels] = [insertBareRun(v10), insertBareRun(v10)];
    const day = v10.db.prepare('INSERT INTO daily (run_id, session, date, nav, benchmark_return, benchmark_level) VALUES (?, ?, ?, 1, ?, ?)');
    // Levels 100, 101, –, 99, 100: session 3 held 99/101 − 1 since session 1's level, over two sessions.
    const levels = [100, 101, null, 99, 100];
    const before = [null, 0.01, null, 99 / 101 - 1, 100 / 99 - 1];
    levels.forEach((level, k) => day.run(withLevels, k, `2024-01-0${k + 2}`, before[k], level));
    // A v1 run: no levels stored, its returns the only benchmark it has.
    before.forEach((r, k) => day.run(withoutLevels, k, `2024-01-0${k + 2}`, r, null));
    v10.close();
    const v11 = openStore(file, MIGRATIONS.slice(0, 11));
    const returns = (id: number): (number | null)[] => v11.db.prepare<[number], number | null>('SELECT benchmark_return FROM daily WHERE run_id = ? ORDER BY session').pluck().all(id);
    expect(returns(withLevels)).toEqual([null, 0.01, null, null, 100 / 99 - 1]);
    expect(returns(withoutLevels)).toEqual(before);
    v11.close();
  });

  it('apply every step in order on a new file, and nothing on a current one', () => {
    const db = new Database(':memory:');
    migrate(db, [...MIGRATIONS, tags], 'memory');
    expect(db.pragma('user_version', { simple: true })).toBe(next);
    expect(db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE name IN ('runs', 'tags') ORDER BY name").pluck().all()).toEqual(['runs', 'tags']);
    migrate(db, [...MIGRATIONS, tags], 'memory'); // would fail on CREATE TABLE if it ran again
    db.close();
  });

  it('roll a failing step back entirely', () => {
    const db = new Database(':memory:');
    const broken: Migration = { version: SCHEMA_VERSION + 1, description: 'broken', sql: 'CREATE TABLE half (x); CREATE TABLE runs (y)' };
    expect(() => migrate(db, [...MIGRATIONS, broken], 'memory')).toThrow(/already exists/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table'").pluck().get()).toBe(0);
    db.close();
  });
});

/**
 * Runs `read` where `folder` is read-only by its permissions (not by its mount): as another user
 * (effective uid nobody, for the synchronous call only) where this process is root, whose file
 * modes bind no one; else with the folder's write bits off. Either way SQLite may read the file
 * but create nothing beside it, and says SQLITE_READONLY_DIRECTORY.
 */
function inReadOnlyFolder<T>(folder: string, read: () => T): T {
  if (process.geteuid?.() === 0) {
    chmodSync(dir, 0o755); // nobody may reach the folder
    process.seteuid!(65534);
    try {
      return read();
    } finally {
      process.seteuid!(0);
      chmodSync(dir, 0o700);
    }
  }
  chmodSync(folder, 0o555);
  try {
    return read();
  } finally {
    chmodSync(folder, 0o755);
  }
}

describe('a store where SQLite may not write beside it (probe r56d: only a read-only mount was read)', () => {
  it('a folder read-only by its permissions: a reading open reads it (from a snapshot), creates nothing there; a writing open is refused in one line', () => {
    const folder = join(dir, 'read-only-folder');
    mkdirSync(folder, { mode: 0o755 });
    const file = join(folder, 'runs.db');
    const store = openStore(file);
    const result = longShortRun();
    const id = writeRun(store, { result, metrics: runMetrics(result) });
    store.close();
    const before = readFileSync(file);
    // The run written above: one row, its 30 sessions (longShortRun's length).
    const read = inReadOnlyFolder(folder, () => {
      const reading = openStore(file, MIGRATIONS, { readonly: true });
      try {
        return { ids: reading.db.prepare('SELECT id FROM runs').pluck().all(), sessions: getRun(reading, id)?.run.sessions, upgradedFrom: reading.upgradedFrom };
      } finally {
        reading.close();
      }
    });
    expect(read).toEqual({ ids: [id], sessions: 30, upgradedFrom: undefined });
    expect(readdirSync(folder)).toEqual(['runs.db']);
    expect(readFileSync(file).equals(before)).toBe(true);
    const refused = inReadOnlyFolder(folder, () => openError(file));
    expect(refused.message).toBe(`cannot write results store ${file}: the file or its folder is read-only`);
  });

  it('a store this process may not read is named in one line, as is a folder given for the file', () => {
    const file = path();
    openStore(file).close();
    chmodSync(file, 0o000);
    const refused = inReadOnlyFolder(dir, () => {
      try {
        openStore(file, MIGRATIONS, { readonly: true }).close();
      } catch (err) {
        return err;
      }
    });
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).message).toBe(`cannot read results store ${file}: reading it is not permitted (EACCES); ask its owner to make it readable, or read a copy`);
    const folder = join(dir, 'named-as-a-store');
    mkdirSync(folder);
    expect(() => openStore(folder, MIGRATIONS, { readonly: true })).toThrow(new UserError(`${folder} is a folder, not a results database; name the database file in it`));
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every level and round-trips non-finite numbers', () => {
    const value = { b: 1, a: { d: [Infinity, -Infinity, NaN], c: 'x' } };
    expect(canonicalJson(value)).toBe('{"a":{"c":"x","d":[{"$nonFinite":"Infinity"},{"$nonFinite":"-Infinity"},{"$nonFinite":"NaN"}]},"b":1}');
    expect(canonicalJson({ a: { c: 'x', d: [Infinity, -Infinity, NaN] }, b: 1 })).toBe(canonicalJson(value));
    expect(parseCanonicalJson(canonicalJson(value))).toEqual(value);
  });
});
