// writeReport: the whole file or nothing, and no temporary files left behind.

import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { outputTarget, writeReport } from '../../../reports/html/page/writeReport.ts';

describe('writeReport', () => {
  const dirs: string[] = [];
  const scratch = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'breadth-write-'));
    dirs.push(dir);
    return dir;
  };
  const readers: ReturnType<typeof spawn>[] = [];
  afterEach(() => {
    for (const reader of readers.splice(0)) reader.kill(); // a reader left waiting on a pipe that was never written
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('writes the file, creating its folder, and replaces an older report', () => {
    const path = join(scratch(), 'reports', 'run.html');
    writeReport(path, '<p>first</p>');
    writeReport(path, '<p>second</p>');
    expect(readFileSync(path, 'utf8')).toBe('<p>second</p>');
    expect(readdirSync(join(path, '..'))).toEqual(['run.html']);
  });

  it('leaves the old report and no temporary file when the final step fails', () => {
    const dir = scratch();
    const path = join(dir, 'run.html');
    mkdirSync(path); // a folder in the way: the rename cannot replace it
    writeFileSync(join(path, 'keep'), 'old');
    expect(() => writeReport(path, '<p>new</p>')).toThrow();
    expect(readdirSync(dir)).toEqual(['run.html']);
    expect(readFileSync(join(path, 'keep'), 'utf8')).toBe('old');
  });

  // Every link below sits in a scratch folder: should the write rename over a link, only that link is lost.
  it('follows a symbolic link: the file it points to is replaced, the link stays a link', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'daily.csv'), 'old\n');
    symlinkSync('real/daily.csv', join(dir, 'latest.csv'));
    symlinkSync('latest.csv', join(dir, 'chain.csv')); // a link to a link
    writeReport(join(dir, 'chain.csv'), 'a,b\n1,2\n');
    expect(readFileSync(join(dir, 'real', 'daily.csv'), 'utf8')).toBe('a,b\n1,2\n');
    expect(lstatSync(join(dir, 'chain.csv')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'chain.csv'))).toBe('latest.csv');
    expect(readlinkSync(join(dir, 'latest.csv'))).toBe('real/daily.csv');
    expect(readdirSync(join(dir, 'real'))).toEqual(['daily.csv']); // no temporary file left
  });

  it('a link to a file not yet there creates that file and keeps the link', () => {
    const dir = scratch();
    symlinkSync(join(dir, 'made', 'run.html'), join(dir, 'run.html'));
    writeReport(join(dir, 'run.html'), '<p>new</p>');
    expect(readFileSync(join(dir, 'made', 'run.html'), 'utf8')).toBe('<p>new</p>');
    expect(lstatSync(join(dir, 'run.html')).isSymbolicLink()).toBe(true);
  });

  it('refuses a link that leads back to itself in one line', () => {
    const dir = scratch();
    symlinkSync('b.csv', join(dir, 'a.csv'));
    symlinkSync('a.csv', join(dir, 'b.csv'));
    expect(() => writeReport(join(dir, 'a.csv'), 'x')).toThrow(`${join(dir, 'a.csv')}: a symbolic link that leads back to itself — point the link (or the path) at the file itself`);
  });

  it('writes through a named pipe, read by another process; the pipe stays a pipe', async () => {
    const dir = scratch();
    const fifo = join(dir, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    readers.push(reader);
    let read = '';
    reader.stdout.on('data', (chunk: Buffer) => (read += chunk.toString('utf8')));
    await once(reader, 'spawn');
    writeReport(fifo, 'date,nav\n2024-01-02,100\n');
    await once(reader, 'close');
    expect(read).toBe('date,nav\n2024-01-02,100\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['out.fifo']);
  });

  it('says in one line when the reader of a pipe leaves before the whole file is written', async () => {
    const dir = scratch();
    const fifo = join(dir, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('head', ['-c', '1', fifo]); // reads one byte and closes
    readers.push(reader);
    await once(reader, 'spawn');
    // 1 MB: more than a pipe holds, so the write is still going when the reader leaves.
    expect(() => writeReport(fifo, 'x'.repeat(1 << 20))).toThrow(`${fifo}: the reading end of the pipe closed before the whole file was written — let the reader read to the end (not \`| head\`), or write to a file`);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('writes through a link to /dev/null: the device stays, the link stays', () => {
    const dir = scratch();
    symlinkSync('/dev/null', join(dir, 'discard.csv'));
    expect(outputTarget(join(dir, 'discard.csv'))).toEqual({ kind: 'through' });
    writeReport(join(dir, 'discard.csv'), 'x\n');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readlinkSync(join(dir, 'discard.csv'))).toBe('/dev/null');
  });

  it('writes through an open descriptor (/proc/self/fd/N, as /dev/stdout is), appending to the file the descriptor holds', () => {
    const dir = scratch();
    const file = join(dir, 'redirected.csv');
    writeFileSync(file, 'before\n');
    const fd = openSync(file, 'a');
    try {
      const inode = statSync(file).ino;
      symlinkSync(`/proc/self/fd/${fd}`, join(dir, 'stdout'));
      expect(outputTarget(join(dir, 'stdout'))).toEqual({ kind: 'descriptor', fd });
      writeReport(join(dir, 'stdout'), 'after\n');
      expect(readFileSync(file, 'utf8')).toBe('before\nafter\n');
      expect(statSync(file).ino).toBe(inode); // the open file written, not replaced
      expect(lstatSync(join(dir, 'stdout')).isSymbolicLink()).toBe(true);
    } finally {
      closeSync(fd);
    }
  });
});
