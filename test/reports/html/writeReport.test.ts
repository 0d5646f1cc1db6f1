// writeReport: the whole file or nothing, and no temporary files left behind.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeReport } from '../../../reports/html/page/writeReport.ts';

describe('writeReport', () => {
  const dirs: string[] = [];
  const scratch = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'breadth-write-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
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
});
