import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_FILE_NAME, MarketCache } from '../../../data/cache/marketCache.ts';
import { sourceFileState } from '../../../data/cache/sourceFiles.ts';
import { loadMarket, type CacheEvent, type LoadMarketOptions } from '../../../data/load.ts';
import { symbolIndex, type Market } from '../../../data/market.ts';
import { isoDay, parseIsoDay } from '../../../data/dates.ts';
import { encodeMarket, symbolRunsOf } from '../../../data/cache/marketCodec.ts';
import { generateSampleMarket } from '../../../data/sample.ts';
import { writeSampleCsv } from '../../../data/sample/csv.ts';
import { csv, explainSkip, hasData, repoRoot, sharedData, tempDir, writeFile } from '../fixtures.ts';

explainSkip('market cache on real files');

/** Loads `path` and reports what the cache did. */
async function load(path: string, options: LoadMarketOptions): Promise<{ market: Market; events: string[] }> {
  const events: string[] = [];
  const market = await loadMarket(path, { ...options, onCache: (e: CacheEvent) => events.push(e.kind) });
  return { market, events };
}

const bytesOf = (column: ArrayBufferView): Buffer => Buffer.from(column.buffer, column.byteOffset, column.byteLength);

/** Every stored column and price run of two markets is bit-for-bit equal, and so is the description. */
function expectSameMarket(a: Market, b: Market): void {
  const [ea, eb] = [encodeMarket(a), encodeMarket(b)];
  expect({ ...eb.meta, name: '' }).toEqual({ ...ea.meta, name: '' });
  expect([...eb.columns.keys()]).toEqual([...ea.columns.keys()]);
  for (const [name, column] of ea.columns) expect(bytesOf(eb.columns.get(name)!).equals(bytesOf(column)), name).toBe(true);
  const [ra, rb] = [[...symbolRunsOf(ea.prices)], [...symbolRunsOf(eb.prices)]];
  expect(rb.map((r) => [r.symbol, r.first])).toEqual(ra.map((r) => [r.symbol, r.first]));
  ra.forEach((run, k) => expect(bytesOf(rb[k].values).equals(bytesOf(run.values)), a.symbols[run.symbol]).toBe(true));
  expect(b.fundamentals.rowCount).toBe(a.fundamentals.rowCount);
}

/** Two markets hold the same values everywhere: typed arrays bit for bit, the rest as values. */
function expectIdentical(a: Market, b: Market): void {
  const arrays = (m: Market) => {
    const found: [string, ArrayBufferView][] = [];
    const walk = (value: unknown, path: string): void => {
      if (ArrayBuffer.isView(value)) found.push([path, value]);
      else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
    };
    walk(m, 'market');
    return found.sort(([p], [q]) => (p < q ? -1 : 1));
  };
  const [xa, xb] = [arrays(a), arrays(b)];
  expect(xb.map(([path]) => path)).toEqual(xa.map(([path]) => path));
  xa.forEach(([path, column], k) => expect(bytesOf(xb[k][1]).equals(bytesOf(column)), path).toBe(true));
  const plain = (m: Market) => JSON.stringify(m, (_, v) => (ArrayBuffer.isView(v) ? undefined : v));
  expect(plain(b)).toBe(plain(a));
}

/** Loads of some symbols (and periods, calendars) from the cache equal the same loads read from the files. */
async function expectSubsetsAsRead(path: string, selections: readonly LoadMarketOptions[]): Promise<void> {
  const cacheDir = tempDir();
  expect((await load(path, { cacheDir })).events).toEqual(['stored']);
  for (const selection of selections) {
    const cached = await load(path, { ...selection, cacheDir });
    expect(cached.events).toEqual(['hit']);
    expectIdentical((await load(path, { ...selection, cacheDir: false })).market, cached.market);
  }
}

describe.skipIf(!hasData)('market cache (real files)', () => {
  it('a round trip gives identical columns (prices, volume, events, sources, fingerprint)', async () => {
    const cacheDir = tempDir();
    const path = join(sharedData, 'etf', 'ohlcv');
    const first = await load(path, { cacheDir });
    const second = await load(path, { cacheDir });
    expect(first.events).toEqual(['stored']);
    expect(second.events).toEqual(['hit']);
    expectSameMarket(first.market, second.market);
    expect(second.market.dividends.value.length).toBeGreaterThan(500);
    expect(second.market.fingerprint).toBe(first.market.fingerprint);
    expect(second.market.fingerprint).toBe((await load(path, { cacheDir: false })).market.fingerprint);
  });

  it('some symbols from the cache are those symbols as read from the files (funds, stocks with fundamentals, calendars)', async () => {
    // One selection: each read of the whole folder from its files takes seconds.
    await expectSubsetsAsRead(sharedData, [{ symbols: ['AAPL', 'SPY', 'MSFT', 'AAPL', 'TLT'], from: '2018-01-02', to: '2020-12-31', calendar: 'SPY' }]);
  });

  it('a changed file is re-read', async () => {
    const dir = tempDir();
    const cacheDir = tempDir();
    for (const symbol of ['IWM', 'SPY']) copyFileSync(join(sharedData, 'etf', 'adjclose', `${symbol}.csv`), join(dir, `${symbol}.csv`));
    const before = await load(dir, { cacheDir });
    const iwm = join(dir, 'IWM.csv');
    writeFileSync(iwm, readFileSync(iwm, 'utf8').replace(/\n2026-07-31,[0-9.]+\n$/, '\n2026-07-31,300.5\n'));
    const after = await load(dir, { cacheDir });
    expect(after.events).toEqual(['stored']);
    const last = (m: Market) => m.close[(m.dates.length - 1) * m.symbols.length + symbolIndex(m, 'IWM')];
    expect(last(before.market)).toBeCloseTo(291.2, 4);
    expect(last(after.market)).toBe(300.5);
    expect(after.market.fingerprint).not.toBe(before.market.fingerprint);
    expect((await load(dir, { cacheDir })).events).toEqual(['hit']);
  });
});

describe('market cache', () => {
  it('one source is one entry: symbols and periods are selected from it in memory', async () => {
    const dir = tempDir();
    const cacheDir = tempDir();
    writeFile(dir, 'A.csv', csv('Date,AdjClose', '2020-01-02,1', '2020-01-03,2'));
    writeFile(dir, 'B.csv', csv('Date,AdjClose', '2020-01-03,3'));
    expect((await load(dir, { cacheDir })).events).toEqual(['stored']);
    const narrow = await load(dir, { cacheDir, symbols: ['B'] });
    expect(narrow.events).toEqual(['hit']);
    expect(narrow.market.symbols).toEqual(['B']);
    // Every symbol of the source, for a strategy's `A?` (probe r73a F2), from the cache's listing as from the files.
    expect(narrow.market.sourceSymbols).toEqual(['A', 'B']);
    expect((await loadMarket(dir, { cacheDir: false, symbols: ['B'] })).sourceSymbols).toEqual(['A', 'B']);
    expect(Array.from(narrow.market.close)).toEqual([3]);
    const late = await load(dir, { cacheDir, from: '2020-01-03' });
    expect(late.events).toEqual(['hit']);
    expect(Array.from(late.market.close)).toEqual([2, 3]);
    expect((await load(dir, { cacheDir })).market.symbols).toEqual(['A', 'B']);
    const other = await load(dir, { cacheDir, assetClass: 'fund' });
    expect(other.events).toEqual(['stored']); // what a source holds changed: another entry
  });

  it('some symbols from the cache are those symbols as read from the files (events, delistings, fundamentals)', async () => {
    const dir = tempDir();
    await writeSampleCsv(generateSampleMarket({ stocks: 40, years: 6 }), dir);
    const whole = await loadMarket(dir, { cacheDir: false });
    const delisted = whole.symbols.filter((_, i) => whole.delistedAfter[i] >= 0);
    const split = whole.symbols[whole.splits.symbol[0]];
    const paid = whole.symbols[whole.dividends.symbol[0]];
    expect(delisted.length).toBeGreaterThan(0);
    const mid = isoDay(whole.dates[Math.floor(whole.dates.length / 2)]);
    const beforeDelistings = isoDay(whole.dates[Math.min(...whole.delistedAfter.filter((t) => t >= 0)) - 10]);
    await expectSubsetsAsRead(dir, [
      { symbols: [split, paid, ...delisted] },
      { symbols: [...delisted, split], from: beforeDelistings },
      { symbols: [paid], to: mid, calendar: whole.symbols.find((symbol) => symbol !== paid) },
      { symbols: whole.symbols.slice(0, 5) },
    ]);
  });

  it('an unknown symbol is reported as from the whole source, without reading the files again', async () => {
    const dir = tempDir();
    const cacheDir = tempDir();
    writeFile(dir, 'A.csv', csv('Date,AdjClose', '2020-01-02,1'));
    writeFile(dir, 'B.csv', csv('Date,AdjClose', '2020-01-02,2'));
    await load(dir, { cacheDir });
    const events: string[] = [];
    await expect(loadMarket(dir, { cacheDir, symbols: ['A', 'ZZZ'], onCache: (e) => events.push(e.kind) })).rejects.toThrow(`no symbol matches ZZZ in ${dir} (it holds 2 symbols, e.g. A, B)`);
    expect(events).toEqual([]);
  });

  it('a file rewritten without a visible stat change is caught by the content check (racy entries)', async () => {
    const dir = tempDir();
    const cacheDir = tempDir();
    const file = writeFile(dir, 'A.csv', csv('Date,AdjClose', '2020-01-02,1.5'));
    const { market } = await load(dir, { cacheDir });
    const statBefore = sourceFileState(file);
    const slot = 'test-slot';
    const cache = new MarketCache(cacheDir);
    try {
      cache.store(slot, [statBefore], new Map([[file, market.sources[0].fingerprint]]), market, Date.now());
      expect(cache.lookup(slot, [statBefore])).toBeDefined(); // fresh entry, content verified: a hit
      writeFileSync(file, csv('Date,AdjClose', '2020-01-02,9.5')); // same size
      // Pretend the file system kept the old stat (a rewrite within its timestamp granularity).
      expect(cache.lookup(slot, [statBefore])).toBeUndefined();
    } finally {
      cache.close();
    }
  });

  it('a damaged cache file is replaced, and the load goes on', async () => {
    const dir = tempDir();
    const cacheDir = tempDir();
    writeFile(dir, 'A.csv', csv('Date,AdjClose', '2020-01-02,1'));
    writeFileSync(join(cacheDir, CACHE_FILE_NAME), Buffer.alloc(8192, 7));
    expect((await load(dir, { cacheDir })).events).toEqual(['stored']);
    expect((await load(dir, { cacheDir })).events).toEqual(['hit']);
  });
});

describe('market cache bounds', () => {
  it('evicts the least recently used source beyond the limit; a market larger than the limit is not stored', async () => {
    const cacheDir = tempDir();
    const sources = ['A', 'B', 'C'].map((name) => {
      const dir = tempDir();
      writeFile(dir, `${name}.csv`, csv('Date,Close', ...Array.from({ length: 400 }, (_, k) => `${isoDay(parseIsoDay('2000-01-01') + k)},${k + 1}`)));
      return dir;
    });
    const sizeOf = async (dir: string): Promise<number> => {
      await load(dir, { cacheDir: tempDir() });
      const cache = new MarketCache(cacheDir);
      try {
        return cache.info().entries[0]?.bytes ?? 0;
      } finally {
        cache.close();
      }
    };
    await load(sources[0], { cacheDir });
    const one = await sizeOf(sources[0]);
    const limit = Math.floor(one * 2.5); // room for two entries, not three
    await load(sources[1], { cacheDir, cacheLimitBytes: limit });
    await load(sources[0], { cacheDir, cacheLimitBytes: limit }); // A is now more recent than B
    await load(sources[2], { cacheDir, cacheLimitBytes: limit });
    const cache = new MarketCache(cacheDir, limit);
    try {
      expect(cache.info().entries.map((e) => e.source).sort()).toEqual([sources[0], sources[2]].sort());
    } finally {
      cache.close();
    }
    const tooBig = await load(sources[1], { cacheDir, cacheLimitBytes: 100 });
    expect(tooBig.events).toEqual(['skipped']);
  });
});

/** `files` per-symbol OHLCV files of `rows` sessions each (deterministic random walks). */
function writeOhlcvFolder(dir: string, files: number, rows: number): void {
  let seed = 7;
  const random = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const start = parseIsoDay('2000-01-03');
  for (let f = 0; f < files; f++) {
    let price = 20 + 80 * random();
    const lines = ['Date,Open,High,Low,Close,Volume'];
    for (let k = 0; k < rows; k++) {
      const open = price;
      price *= 1 + (random() - 0.5) * 0.04;
      const [high, low] = [Math.max(open, price) * 1.01, Math.min(open, price) * 0.99];
      lines.push(`${isoDay(start + k)},${open.toFixed(3)},${high.toFixed(3)},${low.toFixed(3)},${price.toFixed(3)},${Math.round(1e6 * random())}`);
    }
    writeFile(dir, `S${String(f).padStart(4, '0')}.csv`, csv(...lines));
  }
}

describe('market cache written in the background', () => {
  it('the load returns first; the entry stored on the worker thread is the market as read from the files', async () => {
    const dir = tempDir();
    const cacheDir = tempDir();
    writeOhlcvFolder(dir, 150, 60); // three tiles of 64 symbols: runs written from one reused buffer
    const events: CacheEvent[] = [];
    let stored!: () => void;
    const done = new Promise<void>((resolve) => (stored = resolve));
    const market = await loadMarket(dir, { cacheDir, cacheInBackground: true, onCache: (e) => (events.push(e), e.kind !== 'hit' && stored()) });
    expect(events).toEqual([]); // nothing stored yet: the worker reports by message, after this line runs
    await done;
    expect(events.map((e) => e.kind)).toEqual(['stored']);
    const again = await load(dir, { cacheDir });
    expect(again.events).toEqual(['hit']);
    expectSameMarket(market, again.market);
    expectIdentical((await load(dir, { cacheDir: false })).market, again.market);
  });

  it('a process killed while its worker writes the entry leaves the cache as it was (SIGKILL)', async () => {
    const dir = tempDir();
    const cacheDir = tempDir();
    writeOhlcvFolder(dir, 300, 2520);
    const other = tempDir();
    writeFile(other, 'A.csv', csv('Date,AdjClose', '2020-01-02,1'));
    await load(other, { cacheDir }); // the cache exists: the next write transaction is the entry's
    const repo = join(import.meta.dirname, '..', '..', '..');
    const child = spawn(process.execPath, ['--conditions=breadth-source', join(repo, 'cli', 'breadth.ts'), 'data', 'inspect', dir, '--cache-dir', cacheDir], { stdio: 'ignore', env: { ...process.env, CI: '1' } });
    const journal = `${CACHE_FILE_NAME}-journal`;
    // The rollback journal appears when the entry's transaction first writes: kill right then.
    const watcher = watch(cacheDir, (_, name) => name === journal && child.kill('SIGKILL'));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_, s) => resolve(s)));
    watcher.close();
    expect(signal).toBe('SIGKILL');
    expect(existsSync(join(cacheDir, journal)), 'killed after the commit: the journal is gone').toBe(true); // a hot journal: killed mid-entry
    const cache = new MarketCache(cacheDir);
    try {
      expect(cache.info().entries.map((e) => e.source)).toEqual([other]); // rolled back: the old contents only
    } finally {
      cache.close();
    }
    const again = await load(dir, { cacheDir });
    expect(again.events).toEqual(['stored']);
    expectIdentical((await load(dir, { cacheDir: false })).market, again.market);
  }, 60_000);
});

/** `script` in /bin/sh (for ulimit and mounts), its exit status and output. */
function sh(script: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', script], { env: { ...process.env, CI: '1' } });
    let [stdout, stderr] = ['', ''];
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const quote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;
const inspectCommand = (dir: string, cacheDir: string): string =>
  [process.execPath, '--conditions=breadth-source', join(repoRoot, 'cli', 'breadth.ts'), 'data', 'inspect', dir, '--cache-dir', cacheDir].map(quote).join(' ');
const canMountTmpfs = process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0;
if (!canMountTmpfs) console.warn('test/data/cache: the full-disk test needs root and unshare -m (a private tmpfs): skipped here; the file-size-limit test stands in for it');

describe('a cache write that fails leaves the cache as it was, and the command says so in one note (probe r56d: a full disk left 100 % full after exit 0, silently)', () => {
  /** A cache holding one small entry, and a 300 × 2,520 folder whose entry (300 × 2,520 × 5 float64 ≈ 30 MB) cannot fit. */
  async function cacheAndLargeSource(): Promise<{ dir: string; other: string; cacheDir: string }> {
    const dir = tempDir();
    writeOhlcvFolder(dir, 300, 2520);
    const other = tempDir();
    writeFile(other, 'A.csv', csv('Date,AdjClose', '2020-01-02,1'));
    return { dir, other, cacheDir: tempDir() };
  }

  it('a file-size limit (ulimit -f, SQLite says disk I/O error): exit 0, one note, the file its size before, no journal; the cache then works', async () => {
    const { dir, other, cacheDir } = await cacheAndLargeSource();
    await load(other, { cacheDir });
    const file = join(cacheDir, CACHE_FILE_NAME);
    const before = statSync(file).size;
    // 4096 blocks: 2 MiB in 512-byte blocks (dash), 4 MiB in 1-KiB blocks (bash): above the small cache, far below the entry.
    const o = await sh(`ulimit -f 4096 && ${inspectCommand(dir, cacheDir)}`);
    expect(o.status, o.stderr).toBe(0);
    expect(o.stdout).toMatch(/300 symbols/);
    expect(o.stderr).toBe(`breadth: note: market cache not written: disk I/O error; ${cacheDir} is left as it was\n`);
    expect(statSync(file).size).toBe(before);
    expect(readdirSync(cacheDir)).toEqual([CACHE_FILE_NAME]);
    const cache = new MarketCache(cacheDir);
    try {
      expect(cache.info().entries.map((e) => e.source)).toEqual([other]);
    } finally {
      cache.close();
    }
    expect((await load(dir, { cacheDir })).events).toEqual(['stored']);
  }, 60_000);

  it.runIf(canMountTmpfs)('a full disk (an 8 MB tmpfs, SQLite says database or disk is full): exit 0, one note, the free space and the file as before', async () => {
    const { dir, other, cacheDir } = await cacheAndLargeSource();
    const file = join(cacheDir, CACHE_FILE_NAME);
    const free = `df -k --output=avail ${quote(cacheDir)} | tail -1`;
    const script = [
      `mount -t tmpfs -o size=8m tmpfs ${quote(cacheDir)}`,
      `${inspectCommand(other, cacheDir)} > /dev/null`,
      `echo "before $(${free}) $(stat -c %s ${quote(file)})"`,
      `${inspectCommand(dir, cacheDir)} > /dev/null; echo "status $?"`,
      `echo "after $(${free}) $(stat -c %s ${quote(file)}) $(ls ${quote(cacheDir)})"`,
    ].join(' && ');
    const o = await sh(`unshare -m sh -c ${quote(script)}`);
    const [before, status, after] = o.stdout.trim().split('\n').map((line) => line.split(/\s+/));
    expect(status, o.stderr).toEqual(['status', '0']);
    expect(o.stderr).toBe(`breadth: note: market cache not written: database or disk is full; ${cacheDir} is left as it was\n`);
    // The one small entry: a file of 8 pages of 8 KiB = 65,536 bytes, so 8,192 − 64 = 8,128 kB free
    // of the 8 MiB; after the failed entry the same, and the folder holds the file alone (no journal).
    expect(before).toEqual(['before', '8128', '65536']);
    expect(after).toEqual(['after', '8128', '65536', CACHE_FILE_NAME]);
  }, 60_000);
});
