// The market cache: one SQLite file holding each loaded Market as BLOBs of its typed columns,
// so a second load of the same source skips parsing and reads a few large BLOBs.
//
// Keys. An entry lives in a slot (a hash of the resolved path and the load options), so a newer
// load of the same request replaces the older one. The entry is valid while its source files
// keep the size, mtime, ctime (ns) and inode they had when they were read (ctime cannot be set
// back by tools that restore an mtime): hashing the contents on every
// load would cost a full read of the sources (~0.1 s warm, ~0.3 s cold for the 49 MB universe
// file), most of the cached-reload budget. Stat alone has one hole, the one git calls "racy":
// a file rewritten within the file system's timestamp granularity of the moment it was read
// keeps its stat. So an entry also stores each file's content hash and the time its contents
// were read; when a file's mtime falls within RACY_WINDOW_MS of that time, the file is
// re-hashed before the entry is trusted (lazily, once: a verified entry gets a new time).
// The Market's own fingerprint is always the content hash, never the stat.
//
// Atomicity: an entry is written in one transaction (WAL journal), so a killed process leaves
// either the old entry or the new one, never half of one. A cache that cannot be read (older
// schema, damaged file) is treated as empty and rebuilt.

import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Market } from '../market.ts';
import { columnFromBytes, decodeMarket, encodeMarket, type MarketMeta } from './marketCodec.ts';
import { sha256 } from '../formats/text.ts';

const SCHEMA_VERSION = 1;
const RACY_WINDOW_MS = 2000;
export const CACHE_FILE_NAME = 'markets.sqlite';

/** What the cache remembers about one source file. */
export interface SourceFileState {
  readonly path: string;
  readonly size: number;
  readonly mtimeNs: string;
  readonly ctimeNs: string;
  readonly inode: string;
}

export function sourceFileState(path: string): SourceFileState {
  const s = statSync(path, { bigint: true });
  return { path, size: Number(s.size), mtimeNs: s.mtimeNs.toString(), ctimeNs: s.ctimeNs.toString(), inode: s.ino.toString() };
}

export function statKey(files: readonly SourceFileState[]): string {
  return sha256(Buffer.from(JSON.stringify(files.map((f) => [f.path, f.size, f.mtimeNs, f.ctimeNs, f.inode]))));
}

interface EntryRow {
  stat_key: string;
  verified_at: number;
  files: string;
  meta: string;
}

interface StoredFile extends SourceFileState {
  readonly contentHash: string;
}

function isDamagedDatabase(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}

export class MarketCache {
  readonly #db: Database.Database;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, CACHE_FILE_NAME);
    try {
      this.#db = MarketCache.#open(file);
    } catch (err) {
      if (!isDamagedDatabase(err)) throw err;
      // A damaged cache holds nothing worth keeping: start a new one.
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
      this.#db = MarketCache.#open(file);
    }
  }

  static #open(file: string): Database.Database {
    const db = new Database(file);
    try {
      db.pragma('busy_timeout = 30000');
      if (db.pragma('user_version', { simple: true }) !== SCHEMA_VERSION) MarketCache.#createSchema(db);
      return db;
    } catch (err) {
      db.close();
      throw err;
    }
  }

  static #createSchema(db: Database.Database): void {
    db.pragma('page_size = 65536'); // big pages: fewer overflow pages per column BLOB
    db.pragma('journal_mode = WAL');
    const create = db.transaction(() => {
      // Re-checked inside the write lock: another process may have just built the schema.
      if (db.pragma('user_version', { simple: true }) === SCHEMA_VERSION) return;
      db.exec(`
        DROP TABLE IF EXISTS market_column;
        DROP TABLE IF EXISTS market;
        CREATE TABLE market (
          slot TEXT PRIMARY KEY,         -- hash of resolved path + load options
          stat_key TEXT NOT NULL,        -- hash of the source files' size, mtime, inode
          verified_at REAL NOT NULL,     -- ms since epoch when the contents were last hashed
          files TEXT NOT NULL,           -- JSON: StoredFile[]
          meta TEXT NOT NULL             -- JSON: MarketMeta
        );
        CREATE TABLE market_column (
          slot TEXT NOT NULL REFERENCES market(slot) ON DELETE CASCADE,
          name TEXT NOT NULL,
          data BLOB NOT NULL,
          PRIMARY KEY (slot, name)
        );
        PRAGMA user_version = ${SCHEMA_VERSION};
      `);
    });
    create.immediate();
  }

  /** The cached market of `slot`, when its source files are unchanged; else undefined. */
  lookup(slot: string, files: readonly SourceFileState[]): Market | undefined {
    const entry = this.#db.prepare('SELECT stat_key, verified_at, files, meta FROM market WHERE slot = ?').get(slot) as EntryRow | undefined;
    if (!entry || entry.stat_key !== statKey(files)) return undefined;
    const stored = JSON.parse(entry.files) as StoredFile[];
    const racy = stored.filter((f) => Number(BigInt(f.mtimeNs) / 1_000_000n) >= entry.verified_at - RACY_WINDOW_MS);
    if (racy.length > 0) {
      const now = Date.now();
      if (racy.some((f) => sha256(readFileSync(f.path)) !== f.contentHash)) return undefined;
      this.#db.prepare('UPDATE market SET verified_at = ? WHERE slot = ?').run(now, slot);
    }
    const meta = JSON.parse(entry.meta) as MarketMeta;
    const rows = this.#db.prepare('SELECT name, data FROM market_column WHERE slot = ?').all(slot) as { name: string; data: Buffer }[];
    const columns = new Map(rows.map((r) => [r.name, columnFromBytes(r.data, meta.columnTypes[r.name])]));
    return decodeMarket(meta, columns);
  }

  /**
   * Stores `market` under `slot`, replacing what was there, in one transaction. `files` are the
   * sources as stat'ed before reading; `readAt` is when reading began.
   */
  store(slot: string, files: readonly SourceFileState[], contentHashes: ReadonlyMap<string, string>, market: Market, readAt: number): void {
    const { meta, columns } = encodeMarket(market);
    // Loaders hash what they read; a file read only for its presence or first line is hashed here.
    const stored: StoredFile[] = files.map((f) => ({ ...f, contentHash: contentHashes.get(f.path) ?? sha256(readFileSync(f.path)) }));
    const insertColumn = this.#db.prepare('INSERT INTO market_column (slot, name, data) VALUES (?, ?, ?)');
    this.#db.transaction(() => {
      this.#db.prepare('DELETE FROM market_column WHERE slot = ?').run(slot);
      this.#db.prepare('DELETE FROM market WHERE slot = ?').run(slot);
      this.#db
        .prepare('INSERT INTO market (slot, stat_key, verified_at, files, meta) VALUES (?, ?, ?, ?, ?)')
        .run(slot, statKey(files), readAt, JSON.stringify(stored), JSON.stringify(meta));
      for (const [name, column] of columns) insertColumn.run(slot, name, Buffer.from(column.buffer, column.byteOffset, column.byteLength));
    })();
  }

  close(): void {
    this.#db.close();
  }
}
