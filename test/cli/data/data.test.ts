// The data commands as a user runs them: `run` on the shared cases' layouts (NAV read back from
// the results store), `data inspect` (columns read and ignored, --symbols by name, refusals),
// and `cache info|clear` with --no-cache. Every process gets its own cache folder.

import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CACHE_FILE_NAME } from '../../../data/cache/marketCache.ts';
import { hasPlainCase, yfinanceCsv } from '../../data/yfinanceLayouts.ts';
import { breadth, expectBadInput, expectOk, repoRoot, scratch, write } from '../helpers.ts';

const cases = resolve(repoRoot, '../shared/cases');
const hasCases = existsSync(join(cases, 'formats'));

function finalNav(db: string): number {
  const store = new Database(db, { readonly: true });
  try {
    return (store.prepare('SELECT final_nav FROM runs ORDER BY id DESC LIMIT 1').get() as { final_nav: number }).final_nav;
  } finally {
    store.close();
  }
}

describe.skipIf(!hasCases)('breadth run on the shared cases (formats, impossible-bar)', () => {
  it.each([
    ['semicolon-decimal-comma', 965_918.4],
    ['long-date-symbol', 965_918.4],
    ['date-close', 981_956.8],
  ])('%s: buy-and-hold IWM ends at the stated NAV', async (layout, nav) => {
    const cwd = scratch();
    const cache = scratch('breadth-cache-');
    const o = await breadth(['run', '--data', join(cases, 'formats', layout), '--strategy', 'buy-and-hold', '--param', 'weights={"IWM":1}', '--cash', '1000000'], { cwd, env: { BREADTH_CACHE_DIR: cache } });
    expectOk(o);
    expect(finalNav(join(cwd, 'out', 'breadth.db'))).toBeCloseTo(nav, 6);
  });

  it('impossible-bar is refused in one line naming file and line', async () => {
    const cwd = scratch();
    const o = await breadth(['run', '--data', join(cases, 'impossible-bar'), '--strategy', 'buy-and-hold', '--param', 'weights={"AAA":1}', '--no-cache'], { cwd });
    expectBadInput(o, 'AAA.csv:4: Close 150 is above High 101');
  });
});

// yf.download(...).to_csv() of the cases' plain-ohlcv IWM and SPY, as yfinance writes it (test/data/yfinanceLayouts.ts); refused before.
describe.skipIf(!hasPlainCase)("breadth on yf.download's CSV (a column per field and ticker)", () => {
  it.each([
    // Written when the test runs: the table is built even where the describe is skipped (no ../shared/cases).
    ['one ticker per file', () => ({ 'IWM.csv': yfinanceCsv(['IWM']), 'SPY.csv': yfinanceCsv(['SPY']) })],
    ['several tickers, fields by column', () => ({ 'prices.csv': yfinanceCsv(['IWM', 'SPY']) })],
    ["several tickers, group_by='ticker'", () => ({ 'prices.csv': yfinanceCsv(['IWM', 'SPY'], { groupBy: 'ticker' }) })],
  ])('%s: buy-and-hold IWM ends at 965,918.40', async (_, files) => {
    const cwd = scratch();
    mkdirSync(join(cwd, 'data'));
    for (const [name, text] of Object.entries(files())) write(cwd, `data/${name}`, text);
    const o = await breadth(['run', '--data', 'data', '--strategy', 'buy-and-hold', '--param', 'weights={"IWM":1}', '--cash', '1000000', '--no-cache'], { cwd });
    expectOk(o);
    // 5,012 shares sized on the 01-02 close 199.52, filled at the 01-03 open 197.40 (cash 10,631.20), marked at the 01-18 close 190.60.
    expect(finalNav(join(cwd, 'out', 'breadth.db'))).toBeCloseTo(965_918.4, 6);
  });

  it("data inspect says the layout read and the columns used and ignored; in a data folder's universe/ it is a long file", async () => {
    const cwd = scratch();
    for (const sub of ['etf', 'universe']) mkdirSync(join(cwd, 'df', sub), { recursive: true });
    write(cwd, 'df/etf/AGG.csv', 'Date,Close\n2024-01-02,98\n2024-01-03,98.5\n');
    write(cwd, 'df/universe/prices.csv', yfinanceCsv(['IWM', 'SPY'], { extra: [['Repaired?', 'False']] }));
    const o = await breadth(['data', 'inspect', 'df', '--no-cache'], { cwd });
    expectOk(o);
    expect(o.stdout).toContain('(long csv: Date,Ticker,Adj Close,High,Low,Open,Volume)');
    expect(o.stdout).toContain('columns used: Date, Ticker, Adj Close, High, Low, Open, Volume; ignored: Repaired?');
    expect(o.stdout).toContain('- yfinance multi-row header, 2 tickers (IWM, SPY; Price,… then Ticker,… then Date,,,…: a column per field and ticker): read as a long file Date,Ticker,Adj Close,High,Low,Open,Volume,Repaired?; no Adj Close: its Close is adjusted for dividends and splits (auto_adjust=True, yfinance\'s default), read as Adj Close');
    expect(o.stdout).toMatch(/3 symbols \(2 stocks, 1 fund\)/);
  });
});

describe('breadth data inspect', () => {
  it('lists the columns used and ignored; --symbols takes names', async () => {
    const cwd = scratch();
    write(cwd, 'A.csv', 'Date,Open,High,Low,Close,Volume,Note\n2020-01-02,1,2,1,1.5,10,x\n');
    write(cwd, 'B.csv', 'Date,Open,High,Low,Close,Volume,Note\n2020-01-02,1,2,1,1.5,10,y\n');
    const o = await breadth(['data', 'inspect', '.', '--symbols', 'B', '--no-cache'], { cwd });
    expectOk(o);
    expect(o.stdout).toMatch(/columns used: Date, Open, High, Low, Close, Volume; ignored: Note/);
    expect(o.stdout).toMatch(/1 symbol \(1 stock, 0 funds\)/);
    expect(o.stdout).toMatch(/asset class stock for every symbol \(the default/);
  });

  it('--asset-class fund makes a folder funds; unknown symbols are said, summarised when many', async () => {
    const cwd = scratch();
    write(cwd, 'A.csv', 'Date,Close\n2020-01-02,1\n');
    const funds = await breadth(['data', 'inspect', '.', '--asset-class', 'fund', '--no-cache', '--json'], { cwd });
    expectOk(funds);
    expect(JSON.parse(funds.stdout).funds).toBe(1);
    const many = Array.from({ length: 10_000 }, (_, k) => `Z${k}`).join(',');
    const unknown = await breadth(['data', 'inspect', '.', '--symbols', many, '--no-cache'], { cwd });
    expectBadInput(unknown, /no symbols match Z0, Z1, .*, Z9, … \(10,000 in all\) in \./);
    expect(unknown.stderr.length).toBeLessThan(500);
  });

  it('--from after --to is refused as such, not as a range holding no data (before: "no price data inside the requested date range … check from/to")', async () => {
    const cwd = scratch();
    write(cwd, 'A.csv', 'Date,Close\n2020-01-02,1\n2020-01-03,2\n');
    const o = await breadth(['data', 'inspect', '.', '--from', '2020-01-03', '--to', '2020-01-02', '--no-cache'], { cwd });
    expectBadInput(o, /^breadth: from 2020-01-03 is after to 2020-01-02: swap them, or drop to$/);
  });
});

// Probe r60c F3: rates/DTB3.csv with a third column was skipped without a word, and --rf tbill3m said the data "has none".
describe('a file in rates/ that is not a FRED series', () => {
  it('is listed by data inspect as not read, with why, and named by the --rf refusal', async () => {
    const cwd = scratch();
    for (const sub of ['etf', 'rates']) mkdirSync(join(cwd, 'df', sub), { recursive: true });
    write(cwd, 'df/etf/AAA.csv', 'Date,AdjClose\n2024-01-02,100\n2024-01-03,101\n');
    write(cwd, 'df/rates/DTB3.csv', 'observation_date,DTB3,X\n2024-01-02,5.20,1\n2024-01-03,5.20,1\n');
    const why = 'its header "observation_date,DTB3,X" is not observation_date,<SERIES> — give it FRED\'s header, a date column and one series column (observation_date,DTB3)';
    const inspect = await breadth(['data', 'inspect', 'df', '--no-cache'], { cwd });
    expectOk(inspect);
    expect(inspect.stdout).toContain(`rates/DTB3.csv  (not read (rate file))\n      - ${why}\n`);
    const run = await breadth(['run', '--data', 'df', '--strategy', 'buy-and-hold', '--rf', 'tbill3m', '--db', 'r.db', '--no-cache'], { cwd });
    expectBadInput(run, `--rf tbill3m: no rate series "tbill3m" in df (it has none; rates/DTB3.csv was not read: ${why}); or give an annual rate such as 0.03`);
  });
});

describe('breadth cache', () => {
  it('info shows where the cache is and what it holds; clear empties it; --no-cache stores nothing', async () => {
    const cwd = scratch();
    const cache = scratch('breadth-cache-');
    const env = { BREADTH_CACHE_DIR: cache };
    write(cwd, 'A.csv', 'Date,Close\n2020-01-02,1\n2020-01-03,2\n');
    expectOk(await breadth(['data', 'inspect', '.', '--no-cache'], { cwd, env }));
    const empty = await breadth(['cache', 'info', '--json'], { cwd, env });
    expectOk(empty);
    expect(JSON.parse(empty.stdout).entries).toEqual([]);
    expectOk(await breadth(['data', 'inspect', '.'], { cwd, env }));
    expectOk(await breadth(['data', 'inspect', '.', '--from', '2020-01-03'], { cwd, env }));
    const info = await breadth(['cache', 'info'], { cwd, env });
    expectOk(info);
    expect(info.stdout).toContain(join(cache, CACHE_FILE_NAME));
    expect(info.stdout).toMatch(/1 sources, .* limit 2\.00 GB/); // two periods, one entry
    write(cache, 'markets.sqlite', 'a cache file of an earlier breadth');
    write(cache, 'markets-v4.sqlite', 'a cache file of a later, still earlier breadth');
    write(cache, 'markets-v4.sqlite-wal', 'its journal');
    write(cache, 'notes.txt', 'not breadth’s');
    const cleared = await breadth(['cache', 'clear'], { cwd, env });
    expectOk(cleared);
    expect(cleared.stdout).toMatch(/removed 1 cached source/);
    expect(readdirSync(cache).filter((name) => !name.startsWith(CACHE_FILE_NAME))).toEqual(['notes.txt']); // earlier versions' files too, nothing else
    expect(readdirSync(cwd).sort()).toEqual(['A.csv']); // nothing written into the working folder
  });
});
