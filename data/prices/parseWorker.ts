// A worker thread's task (parsePool.ts): read, hash and parse one per-symbol price file and turn
// it into its series, then hand the typed columns back in shared memory.
//
// The columns go back packed into large slabs of shared memory, one chain of slabs per column
// (dates, opens, highs, …), not as each file's own small buffers. Small buffers come from the
// allocator's heap, which keeps their pages when they are freed; a slab is mapped on its own and
// unmapped once no view of it is left. Alignment copies the opens of every symbol, drops them,
// then the highs, …: with slabs, the memory of each column goes back before the next is built
// (backtrader's 2,000-file set, bench/ingest.ts: peak RSS of the first load 1.11 → 0.93 GB).

import { parsePriceBytes, type ReadPrices } from './priceReader.ts';
import type { ParsedPrices } from './priceRows.ts';
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

/** Bytes of one slab: above the largest size glibc's malloc serves from its heap (32 MiB). */
const SLAB_BYTES = 64 << 20;

/** Consecutive shared slabs that copies of one column are packed into. */
class SlabChain {
  #slab: SharedArrayBuffer | null = null;
  #used = 0;

  /** A copy of `column` in shared memory. */
  copy<T extends Int32Array | Float64Array>(column: T): T {
    const bytes = column.byteLength;
    if (this.#slab === null || this.#used + bytes > this.#slab.byteLength) {
      this.#slab = new SharedArrayBuffer(Math.max(SLAB_BYTES, bytes));
      this.#used = 0;
    }
    const Kind = column.constructor as new (buffer: SharedArrayBuffer, offset: number, length: number) => T;
    const out = new Kind(this.#slab, this.#used, column.length);
    out.set(column);
    this.#used += Math.ceil(bytes / 8) * 8;
    return out;
  }
}

const chains = new Map<string, SlabChain>();
const chain = (name: string): SlabChain => {
  let c = chains.get(name);
  if (c === undefined) chains.set(name, (c = new SlabChain()));
  return c;
};

/** `parsed` with its dates and price columns (their rows only) copied into the slabs. */
function packed(parsed: ParsedPrices): ParsedPrices {
  const rows = parsed.rowStart[parsed.rowStart.length - 1];
  const fields: Partial<Record<string, Float64Array>> = {};
  for (const [name, column] of Object.entries(parsed.fields)) fields[name] = chain(name).copy(column.subarray(0, rows));
  return { ...parsed, day: chain('day').copy(parsed.day.subarray(0, rows)), fields };
}

export default function parseTask(task: ParseTask): ParseOutcome {
  try {
    const { bytes, contentHash } = readSource(task.file);
    const read = parsePriceBytes(task.file, bytes, contentHash, { symbol: task.symbol });
    const parsed = packed(read.parsed);
    const { series, notes } = seriesFromParsed(parsed, () => ({ assetClass: task.assetClass as 0 | 1, snapshotEnd: task.snapshotEnd }));
    return { ok: true, read: { ...read, parsed }, series, notes };
  } catch (err) {
    // The main thread reads the file again to raise the same error as its own (DataError with file and line).
    return { ok: false, message: (err as Error).message };
  }
}
