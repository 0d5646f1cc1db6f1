// What the cache remembers about a source file to tell whether it changed: size, mtime, ctime
// (ns) and inode — stat alone, since hashing every file on every load would cost a full read.

import { statSync } from 'node:fs';
import { sha256 } from '../formats/text.ts';

export interface SourceFileState {
  readonly path: string;
  readonly size: number;
  readonly mtimeNs: string;
  readonly ctimeNs: string;
  readonly inode: string;
}

export function sourceFileState(path: string): SourceFileState {
  const s = statSync(path, { bigint: true });
  return { path, size: Number(s.size), mtimeNs: s.mtimeNs.toString(), ctimeNs: s.ctimeNs.toString(), inode: s.ino.toString() };
}

export function statKey(files: readonly SourceFileState[]): string {
  return sha256(Buffer.from(JSON.stringify(files.map((f) => [f.path, f.size, f.mtimeNs, f.ctimeNs, f.inode]))));
}
