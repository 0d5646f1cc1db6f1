// An output path whose folder is a file (`--report notes.txt/x.html`) is refused before any work,
// in one line naming the flag and the path (probe r68b F3: exit 70, ENOTDIR from lstat where the
// page was about to be written; F4: a study's or sweep's --out, refused only after all its work).

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { breadth, expectBadInput, expectOk, scratch, write } from './helpers.ts';

/** What mkdir says of a folder to be made inside a file. */
const inFile = (folder: string): string => `cannot create folder ${folder}: ENOTDIR — choose a writable location`;

describe.concurrent('an output file inside a file', () => {
  it('run --report, export --out, report --out and --pdf are refused before any work, naming the flag and the path', async () => {
    const dir = scratch();
    write(dir, 'afile', 'hi\n');
    const page = join(dir, 'afile', 'x.html');
    // Refused before the run: nothing is stored, so the store is not even made.
    expectBadInput(await breadth(['run', '--strategy', 'buy-and-hold', '--db', 'g.db', '--report', page], { cwd: dir }), `--report ${page}: ${inFile(join(dir, 'afile'))}`);
    expect(readdirSync(dir)).toEqual(['afile']);

    expectOk(await breadth(['run', '--strategy', 'buy-and-hold', '--from', '2024-01-02', '--db', 'g.db'], { cwd: dir }));
    const table = join(dir, 'afile', 'x.csv');
    expectBadInput(await breadth(['export', 'g.db', '1', '--out', table], { cwd: dir }), `--out ${table}: ${inFile(join(dir, 'afile'))}`);
    expectBadInput(await breadth(['report', 'g.db', '1', '--out', page], { cwd: dir }), `--out ${page}: ${inFile(join(dir, 'afile'))}`);
    const pdf = join('afile', 'deeper', 'x.pdf');
    expectBadInput(await breadth(['report', 'g.db', '1', '--pdf', pdf], { cwd: dir }), `--pdf ${pdf}: ${inFile(join('afile', 'deeper'))}`);
  });
});
