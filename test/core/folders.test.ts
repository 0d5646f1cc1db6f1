// checkFolder (core/folders.ts): an output folder checked before any work is left as it was found —
// the levels it made to check are gone — and one that cannot be made is refused as ensureFolder refuses it.

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFolder, ensureFolder } from '../../core/folders.ts';
import { UserError } from '../../data/errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'breadth-folders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checkFolder', () => {
  it('makes nothing: three missing levels are checked and gone again; ensureFolder makes them', () => {
    checkFolder(join(dir, 'a', 'b', 'c'));
    expect(existsSync(join(dir, 'a'))).toBe(false);
    ensureFolder(join(dir, 'a', 'b', 'c'));
    expect(existsSync(join(dir, 'a', 'b', 'c'))).toBe(true);
  });

  it('refuses a folder inside a file, and one under /proc, in one line', () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    expect(() => checkFolder(join(file, 'sub'))).toThrow(new UserError(`cannot create folder ${join(file, 'sub')}: ${file} is a file, not a folder (ENOTDIR) — choose a writable location`));
    // The file itself named as the folder (probe r68b F3: `--report plain-file/x.html` was let through): no level to make, and still no folder.
    expect(() => checkFolder(file)).toThrow(new UserError(`cannot create folder ${file}: ${file} is a file, not a folder (ENOTDIR) — choose a writable location`));
    expect(() => ensureFolder(file)).toThrow(new UserError(`cannot create folder ${file}: ${file} is a file, not a folder (ENOTDIR) — choose a writable location`));
    expect(() => checkFolder('/proc/nope/deeper')).toThrow(new UserError('cannot create folder /proc/nope/deeper: ENOENT — choose a writable location'));
  });
});
