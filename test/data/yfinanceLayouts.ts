// yf.download(...).to_csv() as yfinance writes it, made from the shared cases' plain per-symbol
// files (../shared/cases/formats/plain-ohlcv: IWM and SPY, Date,Open,High,Low,Close,Volume, 12
// sessions): the data tests and the CLI tests load these beside the plain files.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const plainCase = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/cases/formats/plain-ohlcv');
export const hasPlainCase = existsSync(join(plainCase, 'IWM.csv'));

/** yf.download's fields with auto_adjust=True (its default), in the order it writes them. */
const FIELDS = ['Close', 'High', 'Low', 'Open', 'Volume'] as const;
type Field = (typeof FIELDS)[number];

/** A ticker's rows of the plain case: date → the field's text. */
export function plainRows(ticker: string): Map<string, Record<Field, string>> {
  const [header, ...rows] = readFileSync(join(plainCase, `${ticker}.csv`), 'utf8').trim().split('\n');
  const names = header.split(',');
  return new Map(
    rows.map((line) => {
      const cells = line.split(',');
      const at = (name: string): string => cells[names.indexOf(name)];
      return [at('Date'), { Close: at('Close'), High: at('High'), Low: at('Low'), Open: at('Open'), Volume: at('Volume') }];
    }),
  );
}

export interface Layout {
  /** 'ticker': group_by='ticker' (Ticker,… then Price,…); default fields by column (Price,… then Ticker,…). */
  readonly groupBy?: 'column' | 'ticker';
  /** False: no index row (Date,,,…), as pandas writes an index with no name. */
  readonly indexRow?: boolean;
  /** False: the levels unnamed, as yfinance before 0.2.33 wrote them (`,Close,Close,…`). */
  readonly named?: boolean;
  /** Per ticker: the dates it has no bar on (its cells written empty). */
  readonly noBar?: Readonly<Record<string, readonly string[]>>;
  /** Fields written beside the prices (e.g. repair=True's `Repaired?`), with each cell's text. */
  readonly extra?: readonly [string, string][];
}

/** The text of yf.download(tickers).to_csv() over the plain case's dates, in `layout`. */
export function yfinanceCsv(tickers: readonly string[], layout: Layout = {}): string {
  const rows = new Map(tickers.map((t) => [t, plainRows(t)]));
  const dates = [...rows.get(tickers[0])!.keys()];
  const fields = [...FIELDS, ...(layout.extra ?? []).map(([name]) => name)];
  const columns = layout.groupBy === 'ticker' ? tickers.flatMap((t) => fields.map((f) => [f, t] as const)) : fields.flatMap((f) => tickers.map((t) => [f, t] as const));
  const named = layout.named ?? true;
  const fieldRow = [named ? 'Price' : '', ...columns.map(([f]) => f)].join(',');
  const tickerRow = [named ? 'Ticker' : '', ...columns.map(([, t]) => t)].join(',');
  const header = layout.groupBy === 'ticker' ? [tickerRow, fieldRow] : [fieldRow, tickerRow];
  if (layout.indexRow ?? true) header.push(`Date${','.repeat(columns.length)}`);
  const cell = (date: string, f: string, t: string): string => {
    if (layout.noBar?.[t]?.includes(date)) return '';
    const extra = layout.extra?.find(([name]) => name === f);
    return extra ? extra[1] : rows.get(t)!.get(date)![f as Field];
  };
  return [...header, ...dates.map((d) => [d, ...columns.map(([f, t]) => cell(d, f, t))].join(','))].join('\n') + '\n';
}

/** The plain case's file of `ticker` without the rows of `dropped` dates. */
export function plainCsv(ticker: string, dropped: readonly string[] = []): string {
  const lines = readFileSync(join(plainCase, `${ticker}.csv`), 'utf8').trim().split('\n');
  return [lines[0], ...lines.slice(1).filter((line) => !dropped.includes(line.split(',')[0]))].join('\n') + '\n';
}
