// Price columns symbol by symbol, the cache's storage form: each symbol's values from its first
// to its last bar (the session-major T×N columns are mostly NaN where histories start late: the
// shared data root holds ETFs since 1993 and stocks since 2016), and back to session-major
// columns — of every symbol, or of the few a load asked for, which then costs only their bytes.
//
// Both directions go tile by tile (TILE_SYMBOLS symbols × TILE_SESSIONS sessions): a symbol's run
// is contiguous while a session-major column strides N cells from one session to the next, and
// walking whole runs would touch a new page of the column at every session.

/** One symbol's stored prices. */
export interface SymbolRun {
  /** The symbol's index in the whole market. */
  readonly symbol: number;
  /** Session of its first bar. */
  readonly first: number;
  /** The stored fields' values from `first` to the last bar, field after field (fields × length). */
  readonly values: Float64Array;
}

const TILE_SYMBOLS = 64;
const TILE_SESSIONS = 64;

/** Per symbol, the first and last session with a close (last < first: none). */
export function barRanges(close: Float64Array, T: number, N: number): { first: Int32Array; last: Int32Array } {
  const first = new Int32Array(N).fill(T);
  const last = new Int32Array(N).fill(-1);
  for (let t = 0; t < T; t++) {
    const row = t * N;
    for (let i = 0; i < N; i++) {
      if (close[row + i] !== close[row + i]) continue;
      if (first[i] === T) first[i] = t;
      last[i] = t;
    }
  }
  return { first, last };
}

/**
 * The runs of every symbol with a bar, in symbol order, from session-major `columns` (T × N
 * each); produced a tile of symbols at a time, so a store holds a few runs, never a second copy
 * of the columns. With `reuse`, every tile's runs share one buffer, written over by the next
 * tile: for a consumer done with each run before it asks for the next (the cache's writer, whose
 * tiles would otherwise pile up as garbage beside whatever else the process holds).
 */
export function* packRuns(columns: readonly Float64Array[], T: number, N: number, first: Int32Array, last: Int32Array, reuse = false): Generator<SymbolRun> {
  const fields = columns.length;
  let buffer = new Float64Array(0);
  for (let i0 = 0; i0 < N; i0 += TILE_SYMBOLS) {
    const i1 = Math.min(N, i0 + TILE_SYMBOLS);
    const runs: (SymbolRun | undefined)[] = [];
    let from = T;
    let to = -1;
    let cells = 0;
    for (let i = i0; i < i1; i++) cells += fields * Math.max(0, last[i] - first[i] + 1);
    if (!reuse || buffer.length < cells) buffer = new Float64Array(cells);
    for (let i = i0, at = 0; i < i1; i++) {
      const length = last[i] - first[i] + 1;
      runs.push(length > 0 ? { symbol: i, first: first[i], values: buffer.subarray(at, (at += fields * length)) } : undefined);
      if (length > 0) [from, to] = [Math.min(from, first[i]), Math.max(to, last[i])];
    }
    for (let t0 = from; t0 <= to; t0 += TILE_SESSIONS) {
      const t1 = Math.min(to + 1, t0 + TILE_SESSIONS);
      for (let f = 0; f < fields; f++) {
        const column = columns[f];
        for (const run of runs) {
          if (run === undefined) continue;
          const i = run.symbol;
          const length = last[i] - first[i] + 1;
          const values = run.values;
          const base = f * length - first[i];
          const stop = Math.min(t1 - 1, last[i]);
          for (let t = Math.max(t0, first[i]), at = t * N + i; t <= stop; t++, at += N) values[base + t] = column[at];
        }
      }
    }
    for (const run of runs) if (run !== undefined) yield run;
  }
}

/**
 * Session-major columns (T × width each, NaN where no run covers a cell) filled from runs: `add`
 * places a run at output position j (any order); runs are written a tile at a time.
 */
export class RunScatter {
  readonly columns: Float64Array[];
  readonly #T: number;
  readonly #width: number;
  readonly #pending: { run: SymbolRun; j: number }[] = [];

  constructor(fields: number, T: number, width: number) {
    this.#T = T;
    this.#width = width;
    this.columns = Array.from({ length: fields }, () => new Float64Array(T * width).fill(NaN));
  }

  add(run: SymbolRun, j: number): void {
    this.#pending.push({ run, j });
    if (this.#pending.length === TILE_SYMBOLS) this.flush();
  }

  /** Writes the runs still pending; call once after the last `add`. */
  flush(): void {
    const fields = this.columns.length;
    const W = this.#width;
    let from = this.#T;
    let to = -1;
    for (const { run } of this.#pending) {
      from = Math.min(from, run.first);
      to = Math.max(to, run.first + run.values.length / fields - 1);
    }
    for (let t0 = from; t0 <= to; t0 += TILE_SESSIONS) {
      const t1 = Math.min(to + 1, t0 + TILE_SESSIONS);
      for (let f = 0; f < fields; f++) {
        const column = this.columns[f];
        for (const { run, j } of this.#pending) {
          const length = run.values.length / fields;
          const values = run.values;
          const base = f * length - run.first;
          const stop = Math.min(t1 - 1, run.first + length - 1);
          for (let t = Math.max(t0, run.first), at = t * W + j; t <= stop; t++, at += W) column[at] = values[base + t];
        }
      }
    }
    this.#pending.length = 0;
  }
}
