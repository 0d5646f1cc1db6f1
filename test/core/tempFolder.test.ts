// privateTempFolder (core/tempFolder.ts): a job's folder in the temp folder is named with its
// process id, so a later one can tell a killed process's leftovers (removed) from a live one's
// (kept), and it goes with its owner or with the process.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { privateTempFolder } from '../../core/tempFolder.ts';

describe('privateTempFolder', () => {
  let temp: string;
  const saved = process.env.TMPDIR;
  beforeEach(() => {
    temp = mkdtempSync(join(tmpdir(), 'breadth-temp-folder-'));
    process.env.TMPDIR = temp; // os.tmpdir() reads it at each call
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(temp, { recursive: true, force: true });
  });

  it('is breadth-<purpose>-<pid>-<8 hex> in the temp folder, and goes with remove()', () => {
    const folder = privateTempFolder('store');
    expect(dirname(folder.path)).toBe(temp);
    expect(basename(folder.path)).toMatch(new RegExp(`^breadth-store-${process.pid}-[0-9a-f]{8}$`));
    writeFileSync(join(folder.path, 's.db'), 'copy');
    folder.remove();
    expect(readdirSync(temp)).toEqual([]);
  });

  it("removes a dead process's leftovers of the same purpose, and keeps a live one's, another purpose's and older unnamed ones", async () => {
    const gone = spawn('true');
    await once(gone, 'close'); // a process that ran and ended: its pid no longer runs
    const dead = `breadth-store-${gone.pid}-a1b2c3d4`;
    const live = `breadth-store-${process.ppid}-a1b2c3d4`; // a reader still running
    const other = `breadth-pdf-${gone.pid}-a1b2c3d4`; // another purpose's: its own next folder clears it
    const unnamed = 'breadth-store-a1B2c3'; // an older breadth's, which named no process: cannot be told stale
    for (const name of [dead, live, other, unnamed]) {
      mkdirSync(join(temp, name));
      writeFileSync(join(temp, name, 's.db'), 'a 90 MB copy, once');
    }
    const folder = privateTempFolder('store');
    expect(readdirSync(temp).sort()).toEqual([live, other, unnamed, basename(folder.path)].sort());
    folder.remove();
    expect(existsSync(join(temp, dead))).toBe(false);
  });
});
