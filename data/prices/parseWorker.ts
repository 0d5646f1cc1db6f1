// A worker thread's task (parsePool.ts): read, hash and parse one per-symbol price file and turn
// it into its series, then hand the typed columns back without copying them (transferred).

import { move, transferableSymbol, valueSymbol } from 'piscina';
import { parsePriceBytes, type ReadPrices } from './priceReader.ts';
import { seriesFromParsed, type SymbolSeries } from './priceSeries.ts';
import { readSource } from '../formats/text.ts';

export interface ParseTask {
  readonly file: string;
  readonly symbol: string;
  readonly assetClass: number;
  readonly snapshotEnd: number;
}

export type ParseOutcome =
  | { readonly ok: true; readonly read: ReadPrices; readonly series: SymbolSeries[]; readonly notes: string[] }
  | { readonly ok: false; readonly message: string };

export default function parseTask(task: ParseTask): ParseOutcome | object {
  try {
    const { bytes, contentHash } = readSource(task.file);
    const read = parsePriceBytes(task.file, bytes, contentHash, { symbol: task.symbol });
    const { series, notes } = seriesFromParsed(read.parsed, () => ({ assetClass: task.assetClass as 0 | 1, snapshotEnd: task.snapshotEnd }));
    const { parsed } = read;
    const buffers = new Set<ArrayBuffer>([parsed.day.buffer as ArrayBuffer, parsed.rowStart.buffer as ArrayBuffer]);
    for (const column of Object.values(parsed.fields)) buffers.add(column.buffer as ArrayBuffer);
    const outcome: ParseOutcome = { ok: true, read, series, notes };
    return move({ [transferableSymbol]: [...buffers], [valueSymbol]: outcome } as never);
  } catch (err) {
    // The main thread reads the file again to raise the same error as its own (DataError with file and line).
    return { ok: false, message: (err as Error).message };
  }
}
