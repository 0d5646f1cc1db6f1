// Price files parsed on worker threads (parsePool.ts) give exactly what the main thread's reader
// gives — dates, every price column, derived corporate actions, notes — with the columns handed
// back in shared memory slabs, many files to a slab (parseWorker.ts).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseOnWorkers } from '../../../data/prices/files/parsePool.ts';
import type { ParseTask } from '../../../data/prices/files/parseWorker.ts';
import { readPriceFile } from '../../../data/prices/files/priceReader.ts';
import { seriesFromParsed, type SymbolSeries } from '../../../data/prices/series/priceSeries.ts';

const dir = mkdtempSync(join(tmpdir(), 'breadth-parse-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** File k: a seeded walk of 50 + 37k sessions from 2020-01-02, weekdays, every 11th day skipped; odd k carry an AdjClose with a 1 % dividend and, for k % 4 = 1, a 2:1 split. */
function writeFile(k: number): ParseTask {
  let seed = k + 1;
  const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const header = k % 2 === 1 ? 'Date,Open,High,Low,Close,Adj Close,Volume' : 'Date,Open,High,Low,Close,Volume';
  const lines = [header];
  let close = 20 + k;
  const day = new Date(Date.UTC(2020, 0, 2));
  for (let r = 0; lines.length <= 50 + 37 * k; r++, day.setUTCDate(day.getUTCDate() + 1)) {
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6 || r % 11 === 5) continue;
    const row = lines.length;
    if (k % 4 === 1 && row === 40) close /= 2; // the split: traded price halves, adjusted history does not move
    close *= 1 + (random() - 0.5) * 0.04;
    const factor = k % 2 === 1 && row < 30 ? 0.99 : 1; // a 1% dividend with ex-date on row 30: adjusted history before it scaled down
    const open = close * (1 + (random() - 0.5) * 0.01);
    const high = Math.max(open, close) * 1.01;
    const low = Math.min(open, close) * 0.99;
    const prices = [open, high, low, close].map((x) => x.toFixed(4));
    const adjusted = k % 2 === 1 ? [(close * factor * (k % 4 === 1 && row < 40 ? 0.5 : 1)).toFixed(4)] : [];
    lines.push([day.toISOString().slice(0, 10), ...prices, ...adjusted, String(1000 + Math.floor(random() * 1e6))].join(','));
  }
  const file = join(dir, `S${k}.csv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, symbol: `S${k}`, assetClass: 0, snapshotEnd: 20_000 + k };
}

const plain = (s: SymbolSeries) => ({
  ...s,
  dates: Array.from(s.dates),
  close: Array.from(s.close),
  open: s.open && Array.from(s.open),
  high: s.high && Array.from(s.high),
  low: s.low && Array.from(s.low),
  volume: s.volume && Array.from(s.volume),
});

describe('parsing on worker threads', () => {
  const tasks = Array.from({ length: 40 }, (_, k) => writeFile(k));

  it('gives every file the series, hash and notes the main thread reads', async () => {
    const outcomes = await parseOnWorkers(tasks);
    expect(outcomes.length).toBe(tasks.length);
    for (const [k, task] of tasks.entries()) {
      const outcome = outcomes[k];
      if (!outcome.ok) throw new Error(outcome.message);
      const read = readPriceFile(task.file, { symbol: task.symbol });
      const mine = seriesFromParsed(read.parsed, () => ({ assetClass: 0, snapshotEnd: task.snapshotEnd }));
      expect(outcome.read.contentHash, task.file).toBe(read.contentHash);
      expect(outcome.notes).toEqual(mine.notes);
      expect(outcome.series.map(plain)).toEqual(mine.series.map(plain));
      expect(outcome.series[0].dates.length).toBe(50 + 37 * k);
    }
    // The splits and dividends the files were written with were derived (not just equal to nothing).
    const s1 = (outcomes[1] as { series: SymbolSeries[] }).series[0];
    expect(s1.splits.map((e) => e.value)).toEqual([2]);
    expect(s1.dividends.length).toBe(1);
  });

  it('files the parser must grow its columns for, quoted files and newest-first files come back as the main thread reads them', async () => {
    const day = (k: number): string => new Date(Date.UTC(2000, 0, 3 + k)).toISOString().slice(0, 10);
    // Long rows at both ends and short ones between: the rows estimated from the ends are too few.
    const grown = ['Date,Close,Volume', ...Array.from({ length: 9000 }, (_, k) => (k < 1500 || k >= 7500 ? `${day(k)},${(1 + k / 1e4).toFixed(12)},${1e9 + k}` : `${day(k)},1,1`))];
    const quoted = ['"Date","Close"', ...Array.from({ length: 300 }, (_, k) => `"${day(k)}","${(10 + k / 7).toFixed(4)}"`)];
    const newestFirst = ['Date,Open,High,Low,Close', ...Array.from({ length: 300 }, (_, k) => `${day(299 - k)},10,12,9,${(11 - k / 1000).toFixed(3)}`)];
    const special = [grown, quoted, newestFirst, grown].map((lines, k): ParseTask => {
      const file = join(dir, `X${k}.csv`);
      writeFileSync(file, `${lines.join('\n')}\n`);
      return { file, symbol: `X${k}`, assetClass: 0, snapshotEnd: Infinity };
    });
    // Among the regular files, so that the odd ones share slabs with others.
    const all = [...tasks.slice(0, 10), ...special, ...tasks.slice(10, 20)];
    const outcomes = await parseOnWorkers(all);
    for (const [k, task] of all.entries()) {
      const outcome = outcomes[k];
      if (!outcome.ok) throw new Error(outcome.message);
      const mine = seriesFromParsed(readPriceFile(task.file, { symbol: task.symbol }).parsed, () => ({ assetClass: 0, snapshotEnd: task.snapshotEnd }));
      expect(outcome.series.map(plain), task.file).toEqual(mine.series.map(plain));
    }
    expect((outcomes[10] as { series: SymbolSeries[] }).series[0].dates.length).toBe(9000);
  });

  it('hands the columns back in shared slabs, many files to a slab', async () => {
    const outcomes = await parseOnWorkers(tasks);
    // Each message gives its own SharedArrayBuffer object for a slab, so a slab shows as a size far
    // above one file's column, holding the column at an offset.
    const closes = outcomes.flatMap((o) => (o.ok ? [o.series[0].close] : []));
    for (const close of closes) {
      expect(close.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(close.buffer.byteLength).toBeGreaterThanOrEqual(32 << 20);
    }
    // Only the first file of each worker's slab starts at offset 0.
    expect(closes.filter((c) => c.byteOffset === 0).length).toBeLessThanOrEqual(4);
  });
});
