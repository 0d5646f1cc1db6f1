// A byte stream read chunk by chunk (a 200 MB gzip stream never sits in memory whole) handed on as
// whole lines: a chunk's trailing partial line waits, and is completed with the head of the next
// chunk only (no big copy).

const NEWLINE = 10;

/** Where whole lines go: bytes[0, end), where bytes[end-1] is a newline. */
export type LinesSink = (bytes: Buffer, end: number) => void;

/** The partial line carried between chunks. */
export class LineCarry {
  #carry: Buffer | undefined;

  /** Hands every complete line in `chunk` to `lines`; a trailing partial line waits for the next chunk. */
  push(chunk: Buffer, lines: LinesSink): void {
    let bytes = chunk;
    if (this.#carry) {
      const nl = chunk.indexOf(NEWLINE);
      if (nl < 0) {
        this.#carry = Buffer.concat([this.#carry, chunk]);
        return;
      }
      const joined = Buffer.concat([this.#carry, chunk.subarray(0, nl + 1)]);
      this.#carry = undefined;
      lines(joined, joined.length);
      bytes = chunk.subarray(nl + 1);
    }
    const lastNewline = bytes.lastIndexOf(NEWLINE);
    if (lastNewline < 0) {
      if (bytes.length > 0) this.#carry = Buffer.from(bytes);
      return;
    }
    lines(bytes, lastNewline + 1);
    if (lastNewline + 1 < bytes.length) this.#carry = Buffer.from(bytes.subarray(lastNewline + 1));
  }

  /** Hands on the last line, ended with a newline (a file need not end with one). */
  finish(lines: LinesSink): void {
    if (!this.#carry) return;
    const last = Buffer.concat([this.#carry, Buffer.from([NEWLINE])]);
    this.#carry = undefined;
    lines(last, last.length);
  }
}
