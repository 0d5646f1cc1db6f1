// A folder written whole or not at all (core/wholeFolder.ts): a new target appears by one rename
// or not at all; an existing one gets the written entries (its others kept) or stays as it was; a
// killed writer's temporary folder goes at the next write (core/leftovers.ts).

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { writeWholeFolder } from '../../core/wholeFolder.ts';

const root = mkdtempSync(join(tmpdir(), 'breadth-whole-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let made = 0;
const fresh = (): string => {
  const dir = join(root, `case-${made++}`);
  mkdirSync(dir);
  return dir;
};

/** Every file under `dir` with its text, by path relative to it (folders show as their files). */
function contents(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) found[relative(dir, join(entry.parentPath, entry.name))] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return found;
}

/** A writer of `files` (relative path → text) that throws after writing `failAfter` of them (never when undefined). */
const writer = (files: Record<string, string>, failAfter?: number) => async (folder: string): Promise<number> => {
  let written = 0;
  for (const [path, text] of Object.entries(files)) {
    if (written === failAfter) throw new Error('stopped');
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), text);
    written++;
    await Promise.resolve();
  }
  return written;
};

describe('writeWholeFolder', () => {
  it('a new target: made by the rename at the end, holding exactly what was written; nothing else left beside it', async () => {
    const parent = fresh();
    const target = join(parent, 'sample');
    expect(await writeWholeFolder(target, writer({ 'a.csv': 'a', 'etf/B.csv': 'b' }))).toBe(2);
    expect(contents(target)).toEqual({ 'a.csv': 'a', 'etf/B.csv': 'b' });
    expect(readdirSync(parent)).toEqual(['sample']);
  });

  it('an existing folder keeps its other files; files of the same name are replaced; a folder is merged', async () => {
    const target = join(fresh(), 'sample');
    mkdirSync(join(target, 'etf'), { recursive: true });
    writeFileSync(join(target, 'notes.txt'), 'mine');
    writeFileSync(join(target, 'a.csv'), 'old a');
    writeFileSync(join(target, 'etf', 'MINE.csv'), 'mine too');
    await writeWholeFolder(target, writer({ 'a.csv': 'a', 'etf/B.csv': 'b' }));
    expect(contents(target)).toEqual({ 'notes.txt': 'mine', 'a.csv': 'a', 'etf/MINE.csv': 'mine too', 'etf/B.csv': 'b' });
  });

  it('an entry of another kind in the way (a file named like a written folder) is refused before anything moves', async () => {
    const target = join(fresh(), 'sample');
    mkdirSync(target);
    writeFileSync(join(target, 'etf'), 'a file');
    writeFileSync(join(target, 'a.csv'), 'old a');
    await expect(writeWholeFolder(target, writer({ 'a.csv': 'a', 'etf/B.csv': 'b' }))).rejects.toMatchObject({ code: 'EEXIST' });
    expect(contents(target)).toEqual({ etf: 'a file', 'a.csv': 'old a' });
    expect(readdirSync(join(target, '..'))).toEqual(['sample']);
  });

  it('a write that fails at any point leaves the target as it was (absent, or its old files) and no temporary folder', async () => {
    const files = fc.dictionary(fc.constantFrom('a.csv', 'b.csv', 'etf/C.csv', 'etf/D.csv', 'README.txt'), fc.string({ maxLength: 8 }), { minKeys: 1 });
    await fc.assert(
      fc.asyncProperty(files, fc.nat(), fc.option(files), async (written, k, before) => {
        const parent = fresh();
        const target = join(parent, 'sample');
        if (before) await writeWholeFolder(target, writer(before));
        const old = before ? contents(target) : undefined;
        const failAfter = k % Object.keys(written).length; // 0 … n − 1 files written, then the failure
        await expect(writeWholeFolder(target, writer(written, failAfter))).rejects.toThrow('stopped');
        if (old) expect(contents(target)).toEqual(old);
        expect(readdirSync(parent)).toEqual(old ? ['sample'] : []);
      }),
      { numRuns: 40 },
    );
  });

  it("a temporary folder a killed writer left is removed by the next write to the same target; a live writer's, or another target's, is kept", async () => {
    const parent = fresh();
    const target = join(parent, 'sample');
    // A process that has ended: its pid names no running process now.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const leftovers = [`.sample.${dead}.0123abcd.partial`, `.sample.${process.ppid}.0123abcd.partial`, `.other.${dead}.0123abcd.partial`];
    for (const name of leftovers) mkdirSync(join(parent, name, 'etf'), { recursive: true });
    await writeWholeFolder(target, writer({ 'a.csv': 'a' }));
    expect(readdirSync(parent).sort()).toEqual([leftovers[1], leftovers[2], 'sample'].sort());
    // Into an existing folder the temporary folder is made inside it: so is a killed writer's.
    mkdirSync(join(target, leftovers[0]));
    await writeWholeFolder(target, writer({ 'b.csv': 'b' }));
    expect(readdirSync(target).sort()).toEqual(['a.csv', 'b.csv']);
  });

  it('a target that is a file is refused before anything is written', async () => {
    const parent = fresh();
    writeFileSync(join(parent, 'sample'), 'a file');
    let called = false;
    await expect(writeWholeFolder(join(parent, 'sample'), async () => (called = true))).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect(called).toBe(false);
    expect(readdirSync(parent)).toEqual(['sample']);
  });
});
