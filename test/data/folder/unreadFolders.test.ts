// A data folder reads its funds from etf/adjclose/ (else etf/): any other folder of price files
// under etf/ (../shared/data's etf/ohlcv/) is listed as not read, once per folder, with why and the
// fix, and a run whose next-open fills used the close names the folder that holds opens (probe r71b
// F1: etf/ohlcv/ was ignored silently, and runs said the data had no opens). Expected lines by hand.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataFolderFiles, planDataFolder } from '../../../data/folder/dataFolder.ts';
import { inspectMarket, renderInspection } from '../../../data/inspect.ts';
import { loadMarket } from '../../../data/load.ts';
import { backtest } from '../../../engine/backtest.ts';
import { createStrategy } from '../../../strategies/index.ts';
import { csv, tempDir, writeFile } from '../fixtures.ts';

const DAYS = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08'];
const adjclose = csv('Date,AdjClose', ...DAYS.map((d, k) => `${d},${100 + k}`));
const ohlcv = csv('Date,Open,High,Low,Close,AdjClose,Volume', ...DAYS.map((d, k) => `${d},${99 + k + 0.5 * Math.min(k, 1)},${101 + k},${98 + k},${100 + k},,1000`));

/** The probe's folder: etf/adjclose/AAA.csv (closes 100…104) and etf/ohlcv/AAA.csv (opens 99, 100.5, 101.5, …). */
function probeFolder(): string {
  const root = tempDir();
  writeFile(root, 'etf/adjclose/AAA.csv', adjclose);
  writeFile(root, 'etf/ohlcv/AAA.csv', ohlcv);
  return root;
}

const ohlcvReason = (root: string, files: number): string =>
  `etf/ohlcv/ (${files} price file${files === 1 ? '' : 's'}) not read: a data folder reads its funds from etf/adjclose/ (total-return closes); raw opens are in another unit than those closes — to fill at the open, run on etf/ohlcv/ itself (--data ${root}/etf/ohlcv), whose files carry their own closes`;

const unread = (m: Awaited<ReturnType<typeof loadMarket>>) => m.sources.filter((s) => s.unread !== undefined).map((s) => [s.path, s.format, s.notes]);

describe('folders of price files under etf/ that a data folder does not read', () => {
  it('etf/ohlcv/ beside etf/adjclose/: one source, not read, with why and the fix; data inspect lists it', async () => {
    const root = probeFolder();
    const m = await loadMarket(root, { cacheDir: false });
    expect(m.symbols).toEqual(['AAA']);
    expect(unread(m)).toEqual([[`${root}/etf/ohlcv`, 'not read (price folder with opens)', [ohlcvReason(root, 1)]]]);
    const lines = renderInspection(inspectMarket(m)).split('\n');
    expect(lines).toContain(`    ${root}/etf/ohlcv  (not read (price folder with opens))`);
    expect(lines).toContain(`      - ${ohlcvReason(root, 1)}`);
  });

  it('one entry per folder, whatever its count of files; price files in etf/ itself are a folder too', async () => {
    const root = probeFolder();
    writeFile(root, 'etf/ohlcv/BBB.csv', ohlcv);
    writeFile(root, 'etf/ohlcv/CCC.csv', ohlcv);
    writeFile(root, 'etf/adjclose/BBB.csv', adjclose);
    writeFile(root, 'etf/adjclose/CCC.csv', adjclose);
    writeFile(root, 'etf/AAA.csv', adjclose);
    const m = await loadMarket(root, { cacheDir: false });
    expect(unread(m)).toEqual([
      [`${root}/etf`, 'not read (price folder)', [`etf/ (1 price file) not read: a data folder reads its funds from etf/adjclose/ (total-return closes) — to read its files, run on etf/ itself (--data ${root}/etf)`]],
      [`${root}/etf/ohlcv`, 'not read (price folder with opens)', [ohlcvReason(root, 3)]],
    ]);
  });

  it('a folder holding a symbol no folder read says the universe lacks it', async () => {
    const root = probeFolder();
    writeFile(root, 'etf/raw/AAA.csv', csv('Date,Close', '2024-01-02,100'));
    writeFile(root, 'etf/raw/ZZZ.csv', csv('Date,Close', '2024-01-02,50'));
    const m = await loadMarket(root, { cacheDir: false });
    expect(unread(m)[1]).toEqual([
      `${root}/etf/raw`,
      'not read (price folder)',
      [`etf/raw/ (2 price files) not read: a data folder reads its funds from etf/adjclose/ (total-return closes) — to read its files, run on etf/raw/ itself (--data ${root}/etf/raw); its symbol ZZZ is in no folder read, so the universe lacks it`],
    ]);
    // That is a run's low caveat, as a .txt price file not read is; etf/ohlcv/, whose AAA is read, is not.
    const run = backtest(m, await createStrategy('buy-and-hold', { weights: { AAA: 1 } }), { execution: 'next-close' });
    expect(run.caveats.filter((c) => /not read/.test(c.message)).map((c) => [c.severity, c.message])).toEqual([
      ['low', `raw: not read: etf/raw/ (2 price files) not read: a data folder reads its funds from etf/adjclose/ (total-return closes) — to read its files, run on etf/raw/ itself (--data ${root}/etf/raw); its symbol ZZZ is in no folder read, so the universe lacks it`],
    ]);
  });

  it("the folder's files are in the cache key: a file added there is counted, not served stale", async () => {
    const root = probeFolder();
    const plan = planDataFolder(root)!;
    expect(dataFolderFiles(plan)).toEqual([join(root, 'etf/adjclose/AAA.csv'), join(root, 'etf/ohlcv/AAA.csv')]);
    const cacheDir = tempDir('breadth-cache-');
    expect(unread(await loadMarket(root, { cacheDir }))[0][2]).toEqual([ohlcvReason(root, 1)]);
    writeFile(root, 'etf/ohlcv/BBB.csv', ohlcv);
    expect(unread(await loadMarket(root, { cacheDir }))[0][2]).toEqual([`${ohlcvReason(root, 2)}; its symbol BBB is in no folder read, so the universe lacks it`]);
  });
});

describe('a run whose next-open fills used the close names the folder holding opens', () => {
  const opensCaveat = (runCaveats: readonly { message: string }[]) => runCaveats.filter((c) => /opening prices/.test(c.message)).map((c) => c.message);

  it('etf/ohlcv/ holds opens: the no-opens caveat names it; no other "not read" caveat', async () => {
    const m = await loadMarket(probeFolder(), { cacheDir: false });
    // Buy-and-hold decides at the close of 2024-01-02 and fills once, at the open of 2024-01-03: a close, as etf/adjclose/ has no opens.
    const run = backtest(m, await createStrategy('buy-and-hold', { weights: { AAA: 1 } }));
    expect(opensCaveat(run.caveats)).toEqual([
      "1 next-open fill used the session close because the data has no opening prices; etf/ohlcv/ holds opening prices, not read (a data folder does not mix another folder's opens with the closes it reads): to fill at the open, run on etf/ohlcv/ itself",
    ]);
    expect(run.caveats.filter((c) => /not read: /.test(c.message))).toEqual([]);
  });

  it('without such a folder the caveat is as before', async () => {
    const root = tempDir();
    writeFile(root, 'etf/adjclose/AAA.csv', adjclose);
    writeFile(root, 'etf/raw/AAA.csv', csv('Date,Close', '2024-01-02,100'));
    const run = backtest(await loadMarket(root, { cacheDir: false }), await createStrategy('buy-and-hold', { weights: { AAA: 1 } }));
    expect(opensCaveat(run.caveats)).toEqual(['1 next-open fill used the session close because the data has no opening prices']);
  });
});
