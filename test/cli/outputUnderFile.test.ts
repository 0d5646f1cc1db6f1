// An output path whose folder is a file (`--report notes.txt/x.html`) is refused before any work,
// in one line naming the flag and the path (probe r68b F3: exit 70, ENOTDIR from lstat where the
// page was about to be written; F4: a study's or sweep's --out, refused only after all its work).

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { breadth, expectBadInput, expectOk, repoRoot, scratch, write } from './helpers.ts';

/** What breadth says of a folder to be made inside `file` (the folder itself, by default). */
const inFile = (folder: string, file = folder): string => `cannot create folder ${folder}: ${file} is a file, not a folder (ENOTDIR) — choose a writable location`;
/** A study's, sweep's or sample's --out that is a file. */
const outIsFile = (out: string, example = 'out'): string => `--out ${out} is a file: --out takes a folder, e.g. --out ${example}`;

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
    expectBadInput(await breadth(['report', 'g.db', '1', '--pdf', pdf], { cwd: dir }), `--pdf ${pdf}: ${inFile(join('afile', 'deeper'), 'afile')}`);
  });

  it("a study's, sweep's and walk-forward's --out (or --db) is refused before the data loads: nothing is run or stored", async () => {
    const dir = scratch();
    write(dir, 'afile', 'hi\n');
    const study = join(repoRoot, 'examples', 'study.yaml');
    const sweep = join(repoRoot, 'examples', 'sweep.yaml');
    // The pages go in <out>/reports: inside the file, though the database is elsewhere.
    expectBadInput(await breadth(['run', study, '--out', 'afile', '--db', 'g3.db'], { cwd: dir }), outIsFile('afile'));
    expectBadInput(await breadth(['study', study, '--out', 'afile', '--db', 'g3.db'], { cwd: dir }), outIsFile('afile'));
    expectBadInput(await breadth(['sweep', sweep, '--out', 'afile'], { cwd: dir }), outIsFile('afile'));
    expectBadInput(await breadth(['walk-forward', sweep, '--out', 'afile', '--db', 'g4.db'], { cwd: dir }), outIsFile('afile'));
    expectBadInput(await breadth(['sweep', sweep, '--db', 'afile/g5.db', '--no-report'], { cwd: dir }), `--db afile/g5.db: ${inFile('afile')}`);
    expectBadInput(await breadth(['run', '--strategy', 'buy-and-hold', '--db', 'afile/g6.db'], { cwd: dir }), `--db afile/g6.db: ${inFile('afile')}`);
    expectBadInput(await breadth(['data', 'sample', '--out', 'afile/sample'], { cwd: dir }), `--out afile/sample: ${inFile('afile/sample', 'afile')}`);
    expect(readdirSync(dir)).toEqual(['afile']);
  });
});
