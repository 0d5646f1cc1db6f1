// A worker thread's task (parsePool.ts): read, hash and parse one per-symbol price file and turn
// it into its series, then hand the typed columns back in shared memory.
//
// The columns go back in large slabs of shared memory, one chain of slabs per column (dates,
// opens, highs, …), not as each file's own small buffers; the parser writes them there in the
// first place (a copy into shared memory runs at a fraction of memcpy's speed: 130 ms a worker
// for backtrader's set). Small buffers come from the
// allocator's heap, which keeps their pages when they are freed; a slab is mapped on its own and
// unmapped once no view of it is left. Alignment copies the opens of every symbol, drops them,
// then the highs, …: with slabs, the memory of each column goes back before the next is built
// (backtrader's 2,000-file set, bench/ingest.ts: peak RSS of the first load 1.11 → 0.93 GB).

import { parsePriceBytes, type ReadPrices } from './priceReader.ts';
import type { ColumnStore, ParsedPrices } from './priceRows.ts';
import { seriesFromParsed, type SeriesFromFile } from '../series/priceSeries.ts';
import { readSource } from '../../formats/text.ts';

export interface ParseTask {
  readonly file: string;
  readonly symbol: string;
  readonly assetClass: number;
  readonly snapshotEnd: number;
}

export type ParseOutcome =
  | ({ readonly ok: true; readonly read: ReadPrices } & SeriesFromFile)
  | { readonly ok: false; readonly message: string };

/** Bytes of one slab: above the largest size glibc's malloc serves from its heap (32 MiB). */
const SLAB_BYTES = 64 << 20;

type Column = Int32Array | Float64Array;
type ColumnKind<T extends Column> = new (buffer: SharedArrayBuffer, offset: number, length: number) => T;

/**
 * Consecutive shared slabs holding one column of many files, allocated like a stack: the parser
 * writes a file's column straight into the slab (`reserve`, sized by the file's estimated rows),
 * and the rows it did not fill go back (`trim`) before the next file's column is reserved.
 */
class SlabChain {
  #slab: SharedArrayBuffer | null = null;
  #used = 0;
  /** Start of the last reservation in the current slab, or -1. */
  #last = -1;

  /** `length` cells of shared memory after the ones in use. */
  reserve<T extends Column>(Kind: ColumnKind<T>, length: number): T {
    const bytes = length * (Kind as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
    if (this.#slab === null || this.#used + bytes > this.#slab.byteLength) {
      this.#slab = new SharedArrayBuffer(Math.max(SLAB_BYTES, bytes));
      this.#used = 0;
    }
    const out = new Kind(this.#slab, this.#used, length);
    this.#last = this.#used;
    this.#used += Math.ceil(bytes / 8) * 8;
    return out;
  }

  /** Keeps `column` (the first cells of the last reservation) and frees the rest; false when it is not that. */
  trim(column: Column): boolean {
    if (column.buffer !== this.#slab || column.byteOffset !== this.#last) return false;
    this.#used = this.#last + Math.ceil(column.byteLength / 8) * 8;
    this.#last = -1;
    return true;
  }

  /** A copy of `column` in shared memory. */
  copy<T extends Column>(column: T): T {
    const out = this.reserve(column.constructor as ColumnKind<T>, column.length);
    out.set(column);
    this.#last = -1;
    return out;
  }
}

const chains = new Map<string, SlabChain>();
const chain = (name: string): SlabChain => {
  let c = chains.get(name);
  if (c === undefined) chains.set(name, (c = new SlabChain()));
  return c;
};

/** The parser's columns, in the slabs. */
const columnStore: ColumnStore = {
  days: (length) => chain('day').reserve(Int32Array, length),
  values: (field, length) => chain(field).reserve(Float64Array, length),
};

/**
 * `parsed` with its dates and price columns (their rows only) in the slabs: where the parser wrote
 * them (trimmed to their rows), or copied there (the general path's columns, long files' regrouped
 * rows).
 */
function packed(parsed: ParsedPrices): ParsedPrices {
  const rows = parsed.rowStart[parsed.rowStart.length - 1];
  const keep = <T extends Column>(name: string, column: T): T => {
    const mine = column.subarray(0, rows) as T;
    return chain(name).trim(mine) ? mine : chain(name).copy(mine);
  };
  const fields: Partial<Record<string, Float64Array>> = {};
  for (const [name, column] of Object.entries(parsed.fields)) fields[name] = keep(name, column);
  return { ...parsed, day: keep('day', parsed.day), fields };
}

export default function parseTask(task: ParseTask): ParseOutcome {
  try {
    const { bytes, contentHash } = readSource(task.file);
    const read = parsePriceBytes(task.file, bytes, contentHash, { symbol: task.symbol, columnStore });
    const parsed = packed(read.parsed);
    return { ok: true, read: { ...read, parsed }, ...seriesFromParsed(parsed, () => ({ assetClass: task.assetClass as 0 | 1, snapshotEnd: task.snapshotEnd })) };
  } catch (err) {
    // The main thread reads the file again to raise the same error as its own (DataError with file and line).
    return { ok: false, message: (err as Error).message };
  }
}
