// Writes a generated sample universe in the file formats the real-data loaders read, so the
// sample can be inspected, edited and loaded back like any other data folder:
//   prices_daily.csv       Ticker,Date,Open,High,Low,Close,AdjClose,Volume (raw prices; stocks only)
//   etf/<SYMBOL>.csv       Date,AdjClose for the four fund series (total-return levels)
//   simfin_*.csv           SimFin-style statements, companies and industries (csvSimfin.ts)
//   DTB3_daily.csv         observation_date,DTB3 (percent, FRED style)
//   delistings.csv         Ticker,LastDate,DelistReturn,Reason (the price files cannot carry it)
//   README.txt             says SYNTHETIC, with the seed and options
// Numbers are printed with String(x), JavaScript's shortest round-trip form, so parsing a file
// gives back the exact doubles of the Market. The folder is written whole or not at all
// (core/wholeFolder.ts): a stopped or failed write leaves no smaller sample that reads as valid.

import { mkdirSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { writeWholeFolder } from '../../core/wholeFolder.ts';
import { adjustedCloses } from '../adjustedCloses.ts';
import { isoDay } from '../dates.ts';
import { AssetClass, type Market } from '../market.ts';
import { SAMPLE_GENERATOR_VERSION, type SampleMarket } from '../sample.ts';
import { writeSimfinFiles } from './csvSimfin.ts';
import { DelistKind } from './prices.ts';

export const SAMPLE_PRICE_HEADER = 'Ticker,Date,Open,High,Low,Close,AdjClose,Volume';
export const SAMPLE_FUND_HEADER = 'Date,AdjClose';
export const SAMPLE_RATE_HEADER = 'observation_date,DTB3';
export const SAMPLE_DELISTINGS_HEADER = 'Ticker,LastDate,DelistReturn,Reason';

/**
 * Writes every sample file into the folder `outDir`, whole or not at all: into a temporary folder
 * that becomes `outDir` at the end (core/wholeFolder.ts: an existing `outDir` keeps its other
 * files; the sample's replace theirs). `signal` stops the write between the stocks of
 * prices_daily.csv, the bulk of it: the promise then rejects with the signal's reason, and
 * `outDir` is as it was. `outDir`'s parent must exist.
 * @returns the paths written, inside `outDir`
 */
export async function writeSampleCsv(market: SampleMarket, outDir: string, options: { signal?: AbortSignal } = {}): Promise<string[]> {
  const isoDates = Array.from(market.dates, isoDay);
  const written = await writeWholeFolder(outDir, async (folder) => {
    mkdirSync(join(folder, 'etf'));
    const prices = await writePrices(market, isoDates, join(folder, 'prices_daily.csv'), options.signal);
    return [
      prices,
      ...writeFunds(market, isoDates, join(folder, 'etf')),
      ...writeSimfinFiles(market, folder),
      writeRates(market, isoDates, join(folder, 'DTB3_daily.csv')),
      writeDelistings(market, isoDates, join(folder, 'delistings.csv')),
      writeReadme(market, join(folder, 'README.txt')),
    ].map((path) => relative(folder, path));
  });
  return written.map((path) => join(outDir, path));
}

/** prices_daily.csv, one stock at a time: `signal` is looked at after each (the write awaits, so a signal's handler runs). */
async function writePrices(market: SampleMarket, isoDates: readonly string[], path: string, signal: AbortSignal | undefined): Promise<string> {
  const n = market.symbols.length;
  const file = await open(path, 'wx');
  try {
    await file.writeFile(SAMPLE_PRICE_HEADER + '\n');
    for (let i = 0; i < n; i++) {
      signal?.throwIfAborted();
      if (market.assetClass[i] !== AssetClass.stock) continue;
      const adjusted = adjustedCloses(market, i);
      const symbol = market.symbols[i];
      const rows: string[] = [];
      for (let t = 0; t < isoDates.length; t++) {
        const k = t * n + i;
        if (Number.isNaN(market.close[k])) continue;
        rows.push(
          `${symbol},${isoDates[t]},${market.open[k]},${market.high[k]},${market.low[k]},${market.close[k]},${adjusted[t]},${market.volume[k]}\n`,
        );
      }
      await file.writeFile(rows.join('')); // every byte, or an error (a short write is not ignored)
    }
  } finally {
    await file.close();
  }
  return path;
}

function writeFunds(market: Market, isoDates: readonly string[], dir: string): string[] {
  const n = market.symbols.length;
  const written: string[] = [];
  for (let i = 0; i < n; i++) {
    if (market.assetClass[i] !== AssetClass.fund) continue;
    const rows = [SAMPLE_FUND_HEADER];
    for (let t = 0; t < isoDates.length; t++) {
      if (!Number.isNaN(market.close[t * n + i])) rows.push(`${isoDates[t]},${market.close[t * n + i]}`);
    }
    const path = join(dir, `${market.symbols[i]}.csv`);
    writeFileSync(path, rows.join('\n') + '\n');
    written.push(path);
  }
  return written;
}

function writeRates(market: SampleMarket, isoDates: readonly string[], path: string): string {
  const percent = market.sample.tbillPercent;
  writeFileSync(path, [SAMPLE_RATE_HEADER, ...isoDates.map((d, t) => `${d},${percent[t]}`)].join('\n') + '\n');
  return path;
}

function writeDelistings(market: SampleMarket, isoDates: readonly string[], path: string): string {
  const rows = [SAMPLE_DELISTINGS_HEADER];
  market.delistedAfter.forEach((last, i) => {
    if (last < 0) return;
    const reason = market.sample.delistKind[i] === DelistKind.acquisition ? 'acquisition' : 'bankruptcy';
    rows.push(`${market.symbols[i]},${isoDates[last]},${market.delistReturn[i]},${reason}`);
  });
  writeFileSync(path, rows.join('\n') + '\n');
  return path;
}

function writeReadme(market: SampleMarket, path: string): string {
  const { seed, stocks, years, startDate } = market.sample.options;
  const text = `SYNTHETIC DATA — generated by breadth's sample universe, not market history.

Generator version ${SAMPLE_GENERATOR_VERSION}, seed ${seed}, ${stocks} stocks, ${years} years from ${startDate}.
Fingerprint: ${market.fingerprint}
The same seed and options regenerate these files byte for byte. The model is documented at the
top of data/sample.ts.

prices_daily.csv    Ticker,Date,Open,High,Low,Close,AdjClose,Volume. Raw (as-traded) prices;
                    AdjClose is split- and dividend-adjusted, back-adjusted from each ticker's last
                    date. Volume 0 = no trade that day. Rows stop after a delisting.
etf/<SYMBOL>.csv    Date,AdjClose: SYN_SMALL, SYN_QSMALL, SYN_LARGE, SYN_BOND total-return index levels.
simfin_*.csv        SimFin-style quarterly statements (semicolon-separated, whole dollars, SimFin
                    signs), companies and industries. Fiscal year = calendar year.
DTB3_daily.csv      3-month T-bill in percent a year, FRED DTB3 style.
delistings.csv      Last trading date and the return realised on delisting.
`;
  writeFileSync(path, text);
  return path;
}
