// The market cache: one SQLite file holding whole source Markets as BLOBs of their typed
// columns (cache/marketCodec.ts), so a second load of the same source skips parsing. One entry
// per source (its resolved path and the options that change what it holds); a load's period,
// symbols and calendar are selected in memory from that entry, never cached apart. Prices are
// stored one row per symbol, so a load of a few symbols reads and decodes only theirs.
//
// Where and how big: cache/location.ts (the user's cache directory; 2 GB by default). Each entry
// records its size and when it was last used; storing one evicts the least recently used entries
// until the total fits (an entry larger than the limit is not stored, and the load says so).
//
// Validity. An entry is valid while its source files keep the size, mtime, ctime (ns) and inode
// they had when they were read (ctime cannot be set back by tools that restore an mtime):
// hashing the contents on every load would cost a full read of the sources. Stat alone has one
// hole, the one git calls "racy": a file rewritten within the file system's timestamp
// granularity of the moment it was read keeps its stat. So an entry also stores each file's
// content hash and the time its contents were read; when a file's mtime falls within
// RACY_WINDOW_MS of that time, the file is re-hashed before the entry is trusted (lazily, once:
// a verified entry gets a new time). The Market's own fingerprint is always the content hash.
//
// Atomicity: an entry is written in one transaction, so a killed process leaves either the old
// entry or the new one, never half of one — also when it is written on a worker thread while the
// load returns (CacheOptions.cacheInBackground, cache/backgroundStore.ts). A transaction that
// fails (a full disk) is rolled back at once, the file cut back to its size before it
// (MarketCache #change), and the load is told (onCache 'skipped'). The journal is
// SQLite's rollback journal, not a write-ahead log: an entry's pages are new pages, which a
// rollback journal writes once, where a write-ahead log writes them twice (to the log, then to
// the file at the checkpoint) — a 400 MB source cost 0.9 s more CPU. A load waits (busy timeout)
// while another process commits. A cache that cannot be read (older schema, damaged file) is
// treated as empty and rebuilt. Cache trouble never stops a load: it is reported (CacheEvent)
// and the load goes on without the cache.

import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Market } from '../market.ts';
import { sha256 } from '../formats/text.ts';
import { pricesShared, storeInBackground } from './backgroundStore.ts';
import { cacheDirectory, cacheLimit, formatBytes } from './location.ts';
import { columnFromBytes, decodeMarket, encodeMarket, symbolRunsOf, type EncodedMarket, type MarketMeta } from './marketCodec.ts';
import { statKey, type SourceFileState } from './sourceFiles.ts';
import type { SymbolRun } from './symbolRuns.ts';

/** Also raised when loading builds a different Market from the same files (v4: weekend-dated bars read earlier, prices/series/weekendBars.ts; vendor event columns, reverse splits past 1:100 and the print-resolution noise floor in corporateActions.ts; v5: whole-number splits of any size, stated splits on suspended days; v6: zipline's split column, the yfinance total-return rule on its own header only, optional columns judged per ticker, events on priceless rows moved to the next bar, vendor date/close columns; v7: stray weekend bars noted; v8: a derived split on a suspended ex-date applied on the next traded row; v9: a decimal-mark guess's note names its columns and how far off the magnitude may be, a run's caveat; v10: price sources name the symbols they provided, and notes that list symbols keep their entries, so a run restates them for the symbols it read; v11: the decimal mark decided from every number of a file, not its head: a quoted "194,350" below line 6 is a guess said as such, a mark shown late reads the whole file; v12: ignored columns do not decide the mark, stated dividends above 10 % noted, identical series of two tickers a caveat; v13: with a split column, a split Close and AdjClose both show is applied where the column states none, or a stated ratio Close did not move by, corporateActions.ts; v14: a .txt beside the prices is advised by what it is: not a price file, a copy of a read CSV, or a rename; v15: a Close-only split-sized move named where a split column states nothing that day, and a split stated a row away from the day the prices show it applied there; v16: a number beyond binary64's range (1e400) refused at its line, where it was read as Infinity; .tsv and .tsv.gz files read as price files; v17: a number in scientific notation shows its decimal mark (1,005E+02 reads as 100.5, and 1.5E+02 settles a tab file's mark that was a guess),  and a tab-separated FRED file is a rate series; v18: a subnormal price (below 2.2e-308) refused at its line; v19: Alpha Vantage's numbered names ("1. open") read as their columns, where a file with another close had them ignored, and a "$0.24" cash amount read; v20: a split with a same-day dividend above 2 % read as both where the symbol's dividends allow it, and a stated split whose AdjClose/Close does not step, or in yfinance's auto_adjust=True layout, already in Close; v21: a symbol delisted after the data's last session is listed to its end, Market.continuesAfter; v22: a reverse split with a same-day dividend read whatever the symbol's record, a split's same-day dividend up to the record's 1.5 × its largest yield past the 5 % ratio window, and a stated split on a suspended row of the auto_adjust=True layout applied on the next traded row where Close moved by it; v23: a split's same-day dividend read only beside a common ratio (n:1, 1:n, or terms ≤ 10) and within the record of regular dividends, specials above 10 % left out; v24: a rate source names the series it provided, SourceInfo.rate, so its notes concern only a run that used it; v25: a percent (a rate, a delisting return) is the decimal it writes, formats/fields.ts parseScaledNumber, where ÷ 100 was a bit off for a third of them; v26: the date of a delisting on or after the data's last session, Market.delistingAfterData; v27: SimFin's blank debt side 0 beside a reported one in every debt field, and a publish date under 10 days after the period end taken as 45 days after it, with a note, fundamentals/statements.ts; v28: such a filing public on its SEC deadline, 90 days after a Q4 or fiscal year's end, 45 after a Q1–Q3's; v29: a split's same-day dividend within the print rounding of a Close read where the rows before show the Closes exact (AdjClose/Close steady between different Closes), corporateActions.ts closeExact; v30: a distribution a split below 3:2 with a small same-day dividend reads alike listed, a medium caveat, DerivedActions.smallSplitReadings; v31: a symbol of yfinance's auto_adjust=True layout with a stated split applied and dividends taken as in Close noted, a medium caveat; v32: a split-sized Close move on a symbol whose AdjClose column is empty said as a move of Close, not as an AdjClose/Close step; v33: a price column without a name (pandas' index under an empty header) listed as ignored, "(unnamed column 1)", in the columns and notes, and a symbols file's unpriced symbol with the loaded one it may mean, "AAA (did you mean AAA.US?)", and notes counting one thing in the singular, "1 ticker, 20 rows", "1 dividend", with the stated splits read beside those applied). */
const SCHEMA_VERSION = 33;
const RACY_WINDOW_MS = 2000;
/**
 * The file carries its schema version: a breadth of another version keeps its own file beside
 * this one instead of rebuilding a shared one on every load (`clear` removes both).
 */
export const CACHE_FILE_NAME = `markets-v${SCHEMA_VERSION}.sqlite`;
/** The database and its journals (rollback here; write-ahead in earlier schemas). */
const FILE_SUFFIXES = ['', '-journal', '-wal', '-shm'];
/** Cache files of earlier schemas (markets.sqlite, markets-v4.sqlite …) and their journals, which `clear` removes. */
const isOlderCacheFile = (name: string): boolean => /^markets(-v\d+)?\.sqlite(-journal|-wal|-shm)?$/.test(name) && !name.startsWith(CACHE_FILE_NAME);

/**
 * Which symbols of a cached source a load wants, given all of them: whole-market indexes in the
 * order wanted, or undefined for every symbol. May throw (an unknown symbol).
 */
export type SymbolPick = (symbols: readonly string[]) => readonly number[] | undefined;

/** How a load uses the cache. */
export interface CacheOptions {
  /** Cache folder (default: the user's cache directory, see cache/location.ts); false: no cache. */
  readonly cacheDir?: string | false;
  /** Size limit in bytes (default `$BREADTH_CACHE_LIMIT` or 2 GB). */
  readonly cacheLimitBytes?: number;
  /**
   * Store a newly read market on a worker thread (cache/backgroundStore.ts) while the load
   * returns: the caller goes on (a run replays while the cache is written) and the process stays
   * alive until the entry is stored; `onCache` says when. Its price columns are then in shared
   * memory, which V8 counts as no reason to collect: for a command's one market, not for a
   * long-lived process that loads and drops many. A load of the same cache in the meantime waits
   * for the entry's transaction. Default false: the load returns once the market is stored.
   */
  readonly cacheInBackground?: boolean;
  /** Told what the cache did: served the market, stored it, or was skipped (and why). */
  readonly onCache?: (event: CacheEvent) => void;
}

export interface CacheEvent {
  readonly kind: 'hit' | 'stored' | 'skipped';
  readonly detail: string;
}

/** One cached source, for `breadth cache info`. */
export interface CacheEntry {
  readonly source: string;
  readonly symbols: number;
  readonly sessions: number;
  readonly bytes: number;
  /** ms since epoch. */
  readonly lastUsed: number;
}

export interface CacheInfo {
  readonly dir: string;
  readonly file: string;
  /** Bytes of the cache files on disk (database and journal). */
  readonly fileBytes: number;
  readonly limitBytes: number;
  readonly entries: readonly CacheEntry[];
}

interface EntryRow {
  stat_key: string;
  verified_at: number;
  files: string;
  meta: string;
}

export interface StoredFile extends SourceFileState {
  readonly contentHash: string;
}

/** One entry as `MarketCache.write` stores it (plain data: it can be posted to a worker thread). */
export interface EntryToWrite {
  readonly slot: string;
  /** The source files as stat'ed before reading, each with the hash of its contents. */
  readonly files: readonly StoredFile[];
  readonly market: EncodedMarket;
  /** ms since epoch when reading began. */
  readonly readAt: number;
}

/**
 * The entry of `market` read from `files` (as stat'ed before reading, at `readAt`):
 * encoded, with each file's content hash (loaders hash what they read; a file read only for its
 * presence or first line is hashed here).
 */
export function entryToWrite(slot: string, files: readonly SourceFileState[], contentHashes: ReadonlyMap<string, string>, market: Market, readAt: number): EntryToWrite {
  const stored = files.map((f) => ({ ...f, contentHash: contentHashes.get(f.path) ?? sha256(readFileSync(f.path)) }));
  return { slot, files: stored, market: encodeMarket(market), readAt };
}

function isDamagedDatabase(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}

export class MarketCache {
  readonly #db: Database.Database;
  readonly dir: string;
  readonly limitBytes: number;

  constructor(dir: string, limitBytes = cacheLimit()) {
    this.dir = dir;
    this.limitBytes = limitBytes;
    mkdirSync(dir, { recursive: true });
    const file = join(dir, CACHE_FILE_NAME);
    try {
      this.#db = MarketCache.#open(file);
    } catch (err) {
      if (!isDamagedDatabase(err)) throw err;
      // A damaged cache holds nothing worth keeping: start a new one.
      for (const suffix of FILE_SUFFIXES) rmSync(file + suffix, { force: true });
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
    db.pragma('page_size = 8192'); // a run per symbol: small pages waste little after each
    db.pragma('auto_vacuum = INCREMENTAL'); // evicted entries give their pages back to the disk
    const create = db.transaction(() => {
      // Re-checked inside the write lock: another process may have just built the schema.
      if (db.pragma('user_version', { simple: true }) === SCHEMA_VERSION) return;
      db.exec(`
        DROP TABLE IF EXISTS market_symbol;
        DROP TABLE IF EXISTS market_column;
        DROP TABLE IF EXISTS market;
        CREATE TABLE market (
          slot TEXT PRIMARY KEY,         -- hash of resolved path + load options
          stat_key TEXT NOT NULL,        -- hash of the source files' size, mtime, inode
          verified_at REAL NOT NULL,     -- ms since epoch when the contents were last hashed
          files TEXT NOT NULL,           -- JSON: StoredFile[]
          meta TEXT NOT NULL,            -- JSON: MarketMeta
          source TEXT NOT NULL,          -- the source path, for cache info
          symbols INTEGER NOT NULL,
          sessions INTEGER NOT NULL,
          bytes INTEGER NOT NULL,        -- stored size of the entry's columns and meta
          last_used REAL NOT NULL        -- ms since epoch: the eviction order (least recent first)
        );
        CREATE TABLE market_column (
          slot TEXT NOT NULL REFERENCES market(slot) ON DELETE CASCADE,
          name TEXT NOT NULL,
          data BLOB NOT NULL,
          PRIMARY KEY (slot, name)
        );
        CREATE TABLE market_symbol (     -- a symbol's prices: its stored fields from its first bar to its last
          slot TEXT NOT NULL REFERENCES market(slot) ON DELETE CASCADE,
          symbol INTEGER NOT NULL,       -- index in the market's symbols
          first INTEGER NOT NULL,        -- session of its first bar
          data BLOB NOT NULL,            -- float64 values, field after field (meta.priceFields)
          PRIMARY KEY (slot, symbol)
        );
        PRAGMA user_version = ${SCHEMA_VERSION};
      `);
    });
    create.immediate();
  }

  /**
   * The cached market of `slot`, when its source files are unchanged; else undefined. With
   * `pick`, only the symbols it names (over every session; see decodeMarket).
   */
  lookup(slot: string, files: readonly SourceFileState[], pick?: SymbolPick): Market | undefined {
    const entry = this.#db.prepare('SELECT stat_key, verified_at, files, meta FROM market WHERE slot = ?').get(slot) as EntryRow | undefined;
    if (!entry || entry.stat_key !== statKey(files)) return undefined;
    const stored = JSON.parse(entry.files) as StoredFile[];
    const racy = stored.filter((f) => Number(BigInt(f.mtimeNs) / 1_000_000n) >= entry.verified_at - RACY_WINDOW_MS);
    if (racy.length > 0) {
      const now = Date.now();
      if (racy.some((f) => sha256(readFileSync(f.path)) !== f.contentHash)) return undefined;
      this.#db.prepare('UPDATE market SET verified_at = ? WHERE slot = ?').run(now, slot);
    }
    this.#db.prepare('UPDATE market SET last_used = ? WHERE slot = ?').run(Date.now(), slot);
    const meta = JSON.parse(entry.meta) as MarketMeta;
    const wanted = pick?.(meta.symbols);
    const rows = this.#db.prepare('SELECT name, data FROM market_column WHERE slot = ?').all(slot) as { name: string; data: Buffer }[];
    const columns = new Map(rows.map((r) => [r.name, columnFromBytes(r.data, meta.columnTypes[r.name])]));
    return decodeMarket(meta, columns, this.#runs(slot, wanted), wanted);
  }

  /** The stored runs of `symbols` (all when undefined), read one row at a time. */
  *#runs(slot: string, symbols: readonly number[] | undefined): Generator<SymbolRun> {
    const run = (row: { symbol: number; first: number; data: Buffer }): SymbolRun => ({ symbol: row.symbol, first: row.first, values: columnFromBytes(row.data, 'f64') as Float64Array });
    if (symbols === undefined) {
      for (const row of this.#db.prepare('SELECT symbol, first, data FROM market_symbol WHERE slot = ? ORDER BY symbol').iterate(slot)) yield run(row as { symbol: number; first: number; data: Buffer });
      return;
    }
    const one = this.#db.prepare('SELECT symbol, first, data FROM market_symbol WHERE slot = ? AND symbol = ?');
    for (const symbol of symbols) {
      const row = one.get(slot, symbol) as { symbol: number; first: number; data: Buffer } | undefined;
      if (row) yield run(row);
    }
  }

  /**
   * Stores `market` under `slot`, replacing what was there, in one transaction, then evicts the
   * least recently used entries beyond the limit. `files` are the sources as stat'ed before
   * reading; `readAt` is when reading began. Returns false (nothing stored) when the market
   * alone is larger than the limit.
   */
  store(slot: string, files: readonly SourceFileState[], contentHashes: ReadonlyMap<string, string>, market: Market, readAt: number): boolean {
    return this.write(entryToWrite(slot, files, contentHashes, market, readAt));
  }

  /** Stores an encoded entry (see `store`). */
  write(entry: EntryToWrite): boolean {
    const { slot, files, market, readAt } = entry;
    const { meta, columns, prices } = market;
    const metaText = JSON.stringify(meta);
    const insertColumn = this.#db.prepare('INSERT INTO market_column (slot, name, data) VALUES (?, ?, ?)');
    const insertRun = this.#db.prepare('INSERT INTO market_symbol (slot, symbol, first, data) VALUES (?, ?, ?, ?)');
    const bytesOf = (column: ArrayBufferView): Buffer => Buffer.from(column.buffer, column.byteOffset, column.byteLength);
    const tooLarge = new Error('larger than the cache limit');
    try {
      this.#change(() => {
        this.#delete(slot);
        this.#db
          .prepare('INSERT INTO market (slot, stat_key, verified_at, files, meta, source, symbols, sessions, bytes, last_used) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)')
          .run(slot, statKey(files), readAt, JSON.stringify(files), metaText, meta.name, prices.N, prices.T, Date.now());
        let bytes = metaText.length;
        for (const [name, column] of columns) {
          bytes += column.byteLength;
          if (bytes > this.limitBytes) throw tooLarge; // rolls the entry back
          insertColumn.run(slot, name, bytesOf(column));
        }
        for (const run of symbolRunsOf(prices, true)) { // each run's bytes are in SQLite once inserted
          bytes += run.values.byteLength;
          if (bytes > this.limitBytes) throw tooLarge;
          insertRun.run(slot, run.symbol, run.first, bytesOf(run.values));
        }
        this.#db.prepare('UPDATE market SET bytes = ? WHERE slot = ?').run(bytes, slot);
        this.#evict(slot);
      });
    } catch (err) {
      if (err === tooLarge) return false;
      throw err;
    }
    return true;
  }

  /**
   * Runs `change` in one write transaction that ends by giving freed pages back to the disk
   * (incremental_vacuum: evicted or replaced entries). When it fails — a full disk says
   * SQLITE_FULL, a file-size limit SQLITE_IOERR — SQLite may leave the file grown by the pages it
   * had already written and a hot journal beside it, rolled back only when the file is next read
   * (probe r56d: a cold run on a nearly full disk left it 100 % full after exit 0). One read here
   * rolls it back at once: the file is cut back to its size before the transaction, the journal
   * removed. Where even that read fails, the next process to open the cache rolls it back.
   */
  #change(change: () => void): void {
    try {
      this.#db.transaction(() => {
        change();
        this.#db.pragma('incremental_vacuum');
      })();
    } catch (err) {
      try {
        this.#db.prepare('SELECT COUNT(*) FROM market').get();
      } catch {
        // left to the next open (see above)
      }
      throw err;
    }
  }

  #delete(slot: string): void {
    this.#db.prepare('DELETE FROM market_symbol WHERE slot = ?').run(slot);
    this.#db.prepare('DELETE FROM market_column WHERE slot = ?').run(slot);
    this.#db.prepare('DELETE FROM market WHERE slot = ?').run(slot);
  }

  /** Least recently used entries out until the total fits (never `keep`, the one just stored). */
  #evict(keep: string): void {
    const entries = this.#db.prepare('SELECT slot, bytes FROM market ORDER BY last_used ASC').all() as { slot: string; bytes: number }[];
    let total = entries.reduce((sum, e) => sum + e.bytes, 0);
    for (const e of entries) {
      if (total <= this.limitBytes) break;
      if (e.slot === keep) continue;
      this.#delete(e.slot);
      total -= e.bytes;
    }
  }

  info(): CacheInfo {
    const rows = this.#db.prepare('SELECT source, symbols, sessions, bytes, last_used FROM market ORDER BY last_used DESC').all() as { source: string; symbols: number; sessions: number; bytes: number; last_used: number }[];
    const file = join(this.dir, CACHE_FILE_NAME);
    const fileBytes = FILE_SUFFIXES.reduce((sum, suffix) => sum + (existsSync(file + suffix) ? statSync(file + suffix).size : 0), 0);
    return {
      dir: this.dir,
      file,
      fileBytes,
      limitBytes: this.limitBytes,
      entries: rows.map((r) => ({ source: r.source, symbols: r.symbols, sessions: r.sessions, bytes: r.bytes, lastUsed: r.last_used })),
    };
  }

  /** Removes every entry; returns how many there were. */
  clear(): number {
    const count = (this.#db.prepare('SELECT COUNT(*) AS n FROM market').get() as { n: number }).n;
    this.#change(() => this.#db.exec('DELETE FROM market_symbol; DELETE FROM market_column; DELETE FROM market;'));
    for (const name of readdirSync(this.dir)) if (isOlderCacheFile(name)) rmSync(join(this.dir, name), { force: true });
    return count;
  }

  close(): void {
    this.#db.close();
  }
}

/**
 * The cache a load uses (undefined with `cacheDir: false`), wrapped so that cache trouble is
 * reported through `onCache` and never stops the load. A user's mistake found on the way (the
 * pick's unknown symbol) is no cache trouble: it is thrown.
 */
export function openMarketCache(options: CacheOptions): { lookup: MarketCache['lookup']; store: (...args: Parameters<MarketCache['store']>) => void; close: () => void } | undefined {
  if (options.cacheDir === false) return undefined;
  const dir = cacheDirectory(options.cacheDir);
  let mistake: { error: unknown } | undefined;
  const skipped = (err: Error): void => options.onCache?.({ kind: 'skipped', detail: `market cache skipped: ${err.message}` });
  /** `action`'s value, or undefined when it failed: `failure` is told (a user's mistake is thrown). */
  const attempt = <T>(action: () => T, failure = skipped): T | undefined => {
    try {
      return action();
    } catch (err) {
      if (mistake?.error === err) throw err;
      failure(err as Error);
      return undefined;
    }
  };
  const cache = attempt(() => new MarketCache(dir, cacheLimit(options.cacheLimitBytes)));
  if (!cache) return undefined;
  return {
    lookup: (slot, files, pick) => {
      const guarded: SymbolPick | undefined = pick && ((symbols) => {
        try {
          return pick(symbols);
        } catch (error) {
          mistake = { error };
          throw error;
        }
      });
      const market = attempt(() => cache.lookup(slot, files, guarded));
      if (market) options.onCache?.({ kind: 'hit', detail: `loaded from the cache in ${dir}` });
      return market;
    },
    store: (slot, files, hashes, market, readAt) => {
      const entry = attempt(() => entryToWrite(slot, files, hashes, market, readAt));
      if (entry === undefined) return;
      const report = (stored: boolean): void => {
        if (stored) options.onCache?.({ kind: 'stored', detail: `stored in ${dir}` });
        else options.onCache?.({ kind: 'skipped', detail: `not cached: the market is larger than the cache limit (${formatBytes(cache.limitBytes)}; raise BREADTH_CACHE_LIMIT)` });
      };
      // MarketCache.write rolls a failed entry back (#change): the cache is as it was.
      const failed = (err: Error): void => options.onCache?.({ kind: 'skipped', detail: `market cache not written: ${err.message}; ${dir} is left as it was` });
      if (options.cacheInBackground && pricesShared(entry.market)) {
        storeInBackground({ dir, limitBytes: cache.limitBytes, entry }).then(report, failed);
        return;
      }
      const stored = attempt(() => cache.write(entry), failed);
      if (stored !== undefined) report(stored);
    },
    close: () => cache.close(),
  };
}
