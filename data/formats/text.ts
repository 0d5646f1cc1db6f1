// Reading source files: plain or gzip (detected by its magic bytes, not the file name), with a
// UTF-8 byte-order mark removed, classic Mac OS line ends (CR alone) read as LF, and a sha256 of
// the bytes as stored on disk for fingerprints.
// Every failure becomes a DataError naming the file and what to do about it.

import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { constants as zlibConstants, createGunzip, gunzipSync } from 'node:zlib';
import { DataError } from '../errors.ts';

/** A source file's decoded bytes (gunzipped, BOM removed) and the hash of its stored bytes. */
export interface SourceBytes {
  readonly file: string;
  readonly bytes: Buffer;
  readonly contentHash: string;
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;
const MAX_COMPRESSION_RATIO = 64;
const CORRUPT_GZIP_FIX = 'the file is damaged or truncated; download or copy it again (`gzip -t FILE` checks it)';

/** The DataError for a path `stat` failed on: a symbolic link loop said as one, anything else (not found) as `problem` with `fix`. */
export function unreadablePath(path: string, err: unknown, problem: string, fix: string): DataError {
  if ((err as NodeJS.ErrnoException).code === 'ELOOP') return new DataError(path, undefined, 'a symbolic link that leads back to itself', 'point the link (or the path) at the file itself');
  return new DataError(path, undefined, problem, fix);
}

/** Throws a DataError unless `file` is an existing, non-empty regular file. */
export function requireFile(file: string): void {
  let stat;
  try {
    stat = statSync(file);
  } catch (err) {
    throw unreadablePath(file, err, 'file not found', 'check the path (relative paths start at the working directory)');
  }
  if (!stat.isFile()) throw new DataError(file, undefined, 'not a regular file', 'pass a CSV file (or a folder where a folder is expected)');
  if (stat.size === 0) throw new DataError(file, undefined, 'file is empty (0 bytes)', 'remove it, or give it a header line followed by data rows');
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Up to `length` bytes from the start of a file. */
function readHead(file: string, length: number, position = 0): Buffer {
  const head = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    return head.subarray(0, readSync(fd, head, 0, length, position));
  } finally {
    closeSync(fd);
  }
}

function isGzip(stored: Uint8Array): boolean {
  return stored.length >= 2 && stored[0] === GZIP_MAGIC_0 && stored[1] === GZIP_MAGIC_1;
}

/**
 * Length of a UTF-8 byte-order mark at the start of `bytes` (0 or 3). Throws a DataError for a
 * UTF-16 one (Excel's "Unicode text"), which would otherwise read as garbled fields, and for
 * bytes that are not text at all (a NUL in the first 4 KB).
 */
export function bomLength(bytes: Uint8Array, file: string): number {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    // Named .txt (Excel's "Unicode text" export), it is to become a .csv as it is converted.
    const txt = /\.txt$/i.test(file) ? ` ${basename(file)} > ${basename(file).replace(/\.txt$/i, '.csv')}` : '';
    throw new DataError(file, undefined, 'the file is UTF-16 text (as Excel saves "Unicode text")', `save it as UTF-8 (in Excel: CSV UTF-8; or \`iconv -f UTF-16 -t UTF-8${txt}\`)`);
  }
  // No CSV text holds a NUL byte: a program, an image or a spreadsheet (.xlsx) under a .csv name.
  if (bytes.subarray(0, BINARY_SNIFF).includes(0)) {
    // A zip archive (an .xlsx is one too: only the name tells them apart) is to be unpacked.
    if (/\.zip$/i.test(file) && bytes[0] === 0x50 && bytes[1] === 0x4b) throw new DataError(file, undefined, 'is a zip archive, not CSV text', `unzip it and point at the folder or file inside (\`unzip ${basename(file)}\`)`);
    throw new DataError(file, undefined, 'is not text: it holds NUL bytes (a binary file, e.g. a spreadsheet saved as .xlsx)', 'export the data as CSV text, or point at the CSV file');
  }
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/** Bytes of a file's start searched for a NUL (bomLength). */
const BINARY_SNIFF = 4096;

const CR = 0x0d;
const LF = 0x0a;

/**
 * True for text with classic Mac OS line ends: a CR and no LF (Excel's "CSV (Macintosh)"). Judged on
 * the file's start (a whole file, a stream's first chunk, or a sniffed head): a CR LF file shows an
 * LF within its first line.
 */
const endsLinesWithCr = (bytes: Buffer): boolean => bytes.indexOf(LF) < 0 && bytes.indexOf(CR) >= 0;

/** A copy of `bytes` with each CR made an LF: one byte for one, so offsets and line numbers hold. */
function crToLf(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  for (let p = out.indexOf(CR); p >= 0; p = out.indexOf(CR, p + 1)) out[p] = LF;
  return out;
}

/** `bytes` with LF line ends: CR-only text (endsLinesWithCr) converted, any other returned as it is. */
const withLineFeeds = (bytes: Buffer): Buffer => (endsLinesWithCr(bytes) ? crToLf(bytes) : bytes);

function gunzipWhole(file: string, stored: Buffer): Buffer {
  // The gzip trailer holds the uncompressed size (mod 2^32); one output chunk of that size
  // avoids zlib growing and concatenating many small chunks, which is several times slower.
  // A damaged trailer can claim anything, so the size is capped by a generous compression ratio.
  const declared = stored.length >= 18 ? stored.readUInt32LE(stored.length - 4) : 0;
  try {
    return gunzipSync(stored, { chunkSize: Math.max(64 * 1024, Math.min(declared + 1, stored.length * MAX_COMPRESSION_RATIO)) });
  } catch (err) {
    throw new DataError(file, undefined, `corrupt gzip data (${(err as Error).message})`, CORRUPT_GZIP_FIX);
  }
}

/** The whole file, decoded, with LF line ends (withLineFeeds). For files small enough to hold twice in memory. */
export function readSource(file: string): SourceBytes {
  requireFile(file);
  const stored = readFileSync(file);
  const decoded = isGzip(stored) ? gunzipWhole(file, stored) : stored;
  if (decoded.length === 0) throw new DataError(file, undefined, 'file is empty after decompression', 'the archive must contain a CSV with a header line');
  return { file, bytes: withLineFeeds(decoded.subarray(bomLength(decoded, file))), contentHash: sha256(stored) };
}

/** The file as text lines: BOM removed, CR LF, LF or CR endings, no trailing empty line. */
export function readTextLines(file: string): { lines: string[]; contentHash: string } {
  const { bytes, contentHash } = readSource(file);
  const lines = bytes.toString('utf8').split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return { lines, contentHash };
}

/**
 * Streams the decoded bytes of a (possibly gzipped) file to `onChunk`, chunk by chunk, so that
 * decompression (zlib runs on the libuv thread pool) overlaps parsing on the main thread and the
 * whole decompressed file never sits in memory. CR-only line ends (endsLinesWithCr, judged on the
 * first chunk) reach `onChunk` as LF. Resolves with the stored bytes' sha256.
 */
export async function streamSource(file: string, onChunk: (chunk: Buffer) => void): Promise<string> {
  requireFile(file);
  const CHUNK = 1 << 20;
  const head = readHead(file, 2);
  const hash = createHash('sha256');
  const raw = createReadStream(file, { highWaterMark: CHUNK });
  raw.on('data', (chunk) => hash.update(chunk as Buffer));
  const gzipped = isGzip(head);
  let decoded: NodeJS.ReadableStream = raw;
  if (gzipped) {
    const gunzip = createGunzip({ chunkSize: CHUNK });
    raw.on('error', (err) => gunzip.destroy(err)); // pipe() does not forward read errors
    decoded = raw.pipe(gunzip);
  }
  let first = true;
  let crOnly = false;
  let consumerError: unknown;
  try {
    for await (const chunk of decoded) {
      let bytes = chunk as Buffer;
      if (first) {
        bytes = bytes.subarray(bomLength(bytes, file));
        crOnly = endsLinesWithCr(bytes);
      }
      try {
        onChunk(crOnly ? crToLf(bytes) : bytes);
      } catch (err) {
        consumerError = err;
        throw err;
      }
      first = false;
    }
  } catch (err) {
    raw.destroy();
    if (err === consumerError || err instanceof DataError) throw err;
    if (gzipped) throw new DataError(file, undefined, `corrupt gzip data (${(err as Error).message})`, CORRUPT_GZIP_FIX);
    throw new DataError(file, undefined, `cannot read the file (${(err as Error).message})`, 'check that the file is readable');
  }
  return hash.digest('hex');
}

/** Decoded size of a file in bytes: the gzip trailer's size field, else the file size. */
export function decodedSizeHint(file: string): number {
  requireFile(file);
  const size = statSync(file).size;
  if (size < 18 || !isGzip(readHead(file, 2))) return size;
  return Math.min(readHead(file, 4, size - 4).readUInt32LE(0), size * MAX_COMPRESSION_RATIO);
}

/** The first line of a (possibly gzipped) file, without reading the rest: to sniff a header. */
export function readFirstLine(file: string): string {
  return readHeadText(file).split(/\r?\n/, 1)[0];
}

/** The decoded start of a (possibly gzipped) file, BOM removed, LF line ends: to sniff a header and dialect. */
export function readHeadText(file: string, bytes = 8 * 1024): string {
  requireFile(file);
  const head = readHead(file, bytes);
  let text = head;
  if (isGzip(head)) {
    try {
      // SYNC_FLUSH: decode what this prefix holds instead of failing on the missing rest.
      text = gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    } catch (err) {
      throw new DataError(file, undefined, `corrupt gzip data (${(err as Error).message})`, CORRUPT_GZIP_FIX);
    }
  }
  return withLineFeeds(text.subarray(bomLength(text, file))).toString('utf8');
}
