// Writes a generated sample universe in the file formats the real-data loaders read, so the
// sample can be inspected, edited and loaded back like any other data folder:
//   prices_daily.csv       Ticker,Date,Open,High,Low,Close,AdjClose,Volume (raw prices; stocks only)
//   etf/<SYMBOL>.csv       Date,AdjClose for the four fund series (total-return levels)
//   simfin_*.csv           SimFin-style statements, companies and industries (csvSimfin.ts)
//   DTB3_daily.csv         observation_date,DTB3 (percent, FRED style)
//   delistings.csv         Ticker,LastDate,DelistReturn,Reason (the price files cannot carry it)
//   README.txt             says SYNTHETIC, with the seed and options
// Numbers are printed with String(x), JavaScript's shortest round-trip form, so parsing a file
// gives back the exact doubles of the Market.

import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { isoDay } from '../dates.ts';
import { AssetClass, type Market } from '../market.ts';
import { SAMPLE_GENERATOR_VERSION, type SampleMarket } from '../sample.ts';
import { writeSimfinFiles } from './csvSimfin.ts';
import { DelistKind } from './prices.ts';

export const SAMPLE_PRICE_HEADER = 'Ticker,Date,Open,High,Low,Close,AdjClose,Volume';
export const SAMPLE_FUND_HEADER = 'Date,AdjClose';
export const SAMPLE_RATE_HEADER = 'observation_date,DTB3';
export const SAMPLE_DELISTINGS_HEADER = 'Ticker,LastDate,DelistReturn,Reason';

/** Writes every sample file under `outDir` (created if needed); returns the paths written. */
export function writeSampleCsv(market: SampleMarket, outDir: string): string[] {
  mkdirSync(join(outDir, 'etf'), { recursive: true });
  const isoDates = Array.from(market.dates, isoDay);
  return [
    writePrices(market, isoDates, join(outDir, 'prices_daily.csv')),
    ...writeFunds(market, isoDates, join(outDir, 'etf')),
    ...writeSimfinFiles(market, outDir),
    writeRates(market, isoDates, join(outDir, 'DTB3_daily.csv')),
    writeDelistings(market, isoDates, join(outDir, 'delistings.csv')),
    writeReadme(market, join(outDir, 'README.txt')),
  ];
}

/**
 * Split- and dividend-adjusted closes of symbol `i`, back-adjusted from its last close (Yahoo /
 * CRSP convention): before an ex-date s every close is multiplied by (1 − D / Close_{s−1}) / ratio.
 * NaN where the symbol has no close.
 */
export function adjustedCloses(market: Market, i: number): Float64Array {
  const n = market.symbols.length;
  const sessions = market.dates.length;
  const steps = new Map<number, number>();
  const addStep = (t: number, factor: number): void => {
    steps.set(t, (steps.get(t) ?? 1) * factor);
  };
  for (let k = 0; k < market.splits.value.length; k++) {
    if (market.splits.symbol[k] === i) addStep(market.splits.session[k], 1 / market.splits.value[k]);
  }
  for (let k = 0; k < market.dividends.value.length; k++) {
    if (market.dividends.symbol[k] !== i) continue;
    const t = market.dividends.session[k];
    addStep(t, 1 - market.dividends.value[k] / market.close[(t - 1) * n + i]);
  }
  const adjusted = new Float64Array(sessions).fill(NaN);
  let factor = 1;
  for (let t = sessions - 1; t >= 0; t--) {
    adjusted[t] = market.close[t * n + i] * factor;
    factor *= steps.get(t) ?? 1; // the step on ex-date t applies to the closes before it
  }
  return adjusted;
}

function writePrices(market: SampleMarket, isoDates: readonly string[], path: string): string {
  const n = market.symbols.length;
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, SAMPLE_PRICE_HEADER + '\n');
    for (let i = 0; i < n; i++) {
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
      writeSync(fd, rows.join(''));
    }
  } finally {
    closeSync(fd);
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
