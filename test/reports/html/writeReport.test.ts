// writeReport: the whole file or nothing, and no temporary files left behind.

import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { outputTarget } from '../../../reports/html/page/outputTarget.ts';
import { writeReport } from '../../../reports/html/page/writeReport.ts';
import { openStore } from '../../../reports/store/index.ts';
import { signalOnEntry, start } from '../../cli/helpers.ts';

const MODULE = join(import.meta.dirname, '../../../reports/html/page/writeReport.ts');

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
    expect(() => writeReport(fifo, 'x'.repeat(1 << 20))).toThrow(`${fifo}: the reading end of the pipe closed before the whole file was written (EPIPE) — let the reader read to the end (not \`| head\`), or write to a file`);
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

  it('refuses every descriptor of its own but standard output and error in one line, before writing: the results database stays intact', () => {
    const dir = scratch();
    const db = join(dir, 'r.db');
    const store = openStore(db);
    try {
      const fds = readdirSync('/proc/self/fd').map(Number).filter((fd) => fd > 2);
      const opened = (fd: number): string | undefined => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`);
        } catch {
          return undefined; // the listing's own descriptor, closed since
        }
      };
      expect(fds.map(opened)).toContain(db); // the store's own descriptor is among those tried
      const before = readFileSync(db);
      for (const fd of fds) {
        for (const path of [`/dev/fd/${fd}`, `/proc/self/fd/${fd}`]) {
          let message = '';
          try {
            writeReport(path, '<!doctype html>');
          } catch (err) {
            message = (err as Error).message;
          }
          expect(message).toBe(`${path}: descriptor ${fd} is not standard output (1) or error (2), the only ones of its own breadth writes (the others may be its database or event loop) — give a file path (or /dev/stdout)`);
        }
      }
      expect(readFileSync(db).equals(before)).toBe(true); // not a byte written
      expect(store.db.prepare('pragma integrity_check').pluck().get()).toBe('ok');
    } finally {
      store.close();
    }
    expect(readFileSync(db).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(() => writeReport('/dev/stdin', 'x')).toThrow('/dev/stdin: descriptor 0 is not standard output (1) or error (2)');
    expect(outputTarget('/dev/stdout')).toEqual({ kind: 'descriptor', fd: 1 });
    expect(outputTarget('/dev/fd/2')).toEqual({ kind: 'descriptor', fd: 2 });
  });

  it('refuses an empty path and a folder\'s name (a trailing slash, . or ..) in one line, writing nothing', () => {
    const dir = scratch();
    expect(() => writeReport('', 'x')).toThrow("'': an empty path names no file — give a file name, e.g. out/report.html");
    for (const name of ['newf/', 'real.csv/', '.', '..', 'a/..']) {
      const path = `${dir}/${name}`;
      expect(() => writeReport(path, 'x')).toThrow(`${path}: names a folder — give a file name`);
    }
    writeFileSync(join(dir, 'real.csv'), 'kept');
    expect(() => writeReport(`${join(dir, 'real.csv')}/`, 'x')).toThrow('names a folder');
    expect(readdirSync(dir)).toEqual(['real.csv']);
    expect(readFileSync(join(dir, 'real.csv'), 'utf8')).toBe('kept');
  });

  it('says every failed write in one line naming the path, the system\'s code and the fix', () => {
    expect(() => writeReport('/dev/full', 'x')).toThrow('/dev/full: the device is full (ENOSPC) — free space there, or write elsewhere');
    expect(() => writeReport('/proc/breadth-new-file', 'x')).toThrow('/proc/breadth-new-file: its folder cannot hold a new file (ENOENT) — give a path in a folder you can write to');
    expect(() => writeReport('/sys/breadth.html', 'x')).toThrow(/^\/sys\/breadth\.html: (writing there is not permitted \(EACCES\)|the file system is read-only \(EROFS\)) — choose a/);
    const dir = scratch();
    mkdirSync(join(dir, 'run.html'));
    expect(() => writeReport(join(dir, 'run.html'), 'x')).toThrow(`${join(dir, 'run.html')}: names a folder (EISDIR) — give a file name`);
  });

  it('writers in several processes making the same new folders at once all succeed (no EEXIST from a level another made meanwhile)', async () => {
    const dir = scratch();
    // Each process waits for a start file, then writes one report under each of 60 new folders, 3 levels deep, in the same order.
    const script = `import { existsSync } from 'node:fs'; import { writeReport } from ${JSON.stringify(MODULE)};
      while (!existsSync(${JSON.stringify(join(dir, 'go'))})) await new Promise((r) => setTimeout(r, 1));
      for (let k = 0; k < 60; k++) writeReport(${JSON.stringify(dir)} + '/f' + k + '/a/b/' + process.pid + '.html', 'x');`;
    const writers = Array.from({ length: 4 }, () => spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] }));
    const errors = writers.map((w) => {
      let text = '';
      w.stderr!.on('data', (d: Buffer) => (text += d));
      return once(w, 'exit').then(([code]) => ({ code, text }));
    });
    await new Promise((r) => setTimeout(r, 1500)); // every process started and waiting
    writeFileSync(join(dir, 'go'), '');
    for (const { code, text } of await Promise.all(errors)) expect({ code, text }).toEqual({ code: 0, text: '' });
    expect(readdirSync(join(dir, 'f59', 'a', 'b'))).toHaveLength(4);
  }, 30_000);

  it('keeps the permissions of the file it replaces', () => {
    const dir = scratch();
    const path = join(dir, 'private.csv');
    writeFileSync(path, 'old');
    chmodSync(path, 0o600);
    writeReport(path, 'new');
    expect(statSync(path).mode & 0o7777).toBe(0o600);
    chmodSync(path, 0o640);
    writeReport(path, 'newer');
    expect(statSync(path).mode & 0o7777).toBe(0o640);
    expect(readFileSync(path, 'utf8')).toBe('newer');
  });

  it('removes the temporary files a killed writer of the same target left, and no others', async () => {
    const dir = scratch();
    const gone = spawn('true');
    await once(gone, 'close'); // a process that ran and ended: its pid no longer runs
    const dead = gone.pid!;
    const stale = `.run.html.${dead}.0a1b2c3d.tmp`;
    const live = `.run.html.${process.ppid}.0a1b2c3d.tmp`; // a writer still running
    const other = `.other.html.${dead}.0a1b2c3d.tmp`; // another target's
    for (const name of [stale, live, other]) writeFileSync(join(dir, name), 'half');
    writeReport(join(dir, 'run.html'), 'whole');
    expect(readdirSync(dir).sort()).toEqual([live, other, 'run.html'].sort());
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} during the write leaves no temporary file: the writer ends by ${signal} once the file is whole (probe r56d F5)`, async () => {
      const dir = scratch();
      const path = join(dir, 'positions.csv');
      const bytes = 64 * 1024 * 1024; // a write long enough for the signal to land while its temporary file is there
      const code = `import { writeReport } from ${JSON.stringify(MODULE)}; writeReport(${JSON.stringify(path)}, 'x'.repeat(${bytes}));`;
      const writer = start(process.execPath, ['--input-type=module', '-e', code], { cwd: dir });
      expect(await signalOnEntry(writer, dir, (name) => name.endsWith('.tmp'), signal)).toBe(true);
      const ended = await writer.ended;
      expect(ended.signal, ended.stderr).toBe(signal); // a shell shows 130 (SIGINT) or 143 (SIGTERM)
      expect(readdirSync(dir)).toEqual(['positions.csv']); // was: only `.positions.csv.<pid>.<hex>.tmp`, the target never made
      expect(statSync(path).size).toBe(bytes);
    });
  }

  it('property: whatever the text, the file holds exactly it and nothing else is left in its folder', () => {
    const dir = scratch();
    const path = join(dir, 'p.csv');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        writeReport(path, text);
        return readFileSync(path, 'utf8') === text && readdirSync(dir).length === 1;
      }),
      { numRuns: 50 },
    );
  });
});
