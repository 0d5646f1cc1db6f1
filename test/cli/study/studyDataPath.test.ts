// A study file whose `data:` does not exist is named with its key, as every other study error is
// ("s7.yaml: data: nodata: …"), not only by the path the loader looked at (probe r65c) — by
// `run`, `sweep` and `baseline save` alike; --data given instead is no error of the file's, and one
// that does not exist is named by the flag (probe r67b).

import { beforeAll, describe, expect, it } from 'vitest';
import { breadth, expectBadInput, scratch, write } from '../helpers.ts';
import { join } from 'node:path';

let dir: string;
beforeAll(() => {
  dir = scratch();
  write(dir, 's7.yaml', 'title: t\ndata: nodata\nruns:\n  - name: a\n    strategy: size-tilt\n');
});

const FIX = 'give a data folder, a folder of <SYMBOL>.csv or <SYMBOL>.tsv (or gzipped: .csv.gz, .tsv.gz) files, or one price file';

describe.concurrent("a study file's data: that does not exist", () => {
  it('run s7.yaml names the file, the key, what it looked at and the fix', async () => {
    const o = await breadth(['run', 's7.yaml', '--db', 'out/r.db'], { cwd: dir });
    expectBadInput(o);
    expect(o.stderr).toBe(`breadth: s7.yaml: data: nodata: no such file or folder (looked at ${join(dir, 'nodata')}: a relative path starts at the study file's folder) — ${FIX}\n`);
  });

  it('sweep and baseline save say it the same way', async () => {
    for (const args of [['sweep', 's7.yaml', '--db', 'out/s.db'], ['baseline', 'save', 's7.yaml', '--out', 'out/b.json']]) {
      const o = await breadth(args, { cwd: dir });
      expectBadInput(o);
      expect(o.stderr).toBe(`breadth: s7.yaml: data: nodata: no such file or folder (looked at ${join(dir, 'nodata')}: a relative path starts at the study file's folder) — ${FIX}\n`);
    }
  });

  it('--data in its place: the file\'s data: is not read', async () => {
    const o = await breadth(['run', 's7.yaml', '--data', 'sample', '--db', 'out/d.db', '--no-reports'], { cwd: dir });
    expect(o.status, o.stderr).toBe(0);
  });
});

describe.concurrent('a --data path that does not exist', () => {
  it('is named by the flag, as typed, for a run from flags and a study file alike, never the path alone (probe r67b)', async () => {
    const commands = [
      ['run', '--strategy', 'buy-and-hold', '--data', 'no/such/prices'],
      ['run', 's7.yaml', '--data', 'no/such/prices', '--db', 'out/f.db'],
      ['sweep', 's7.yaml', '--data', 'no/such/prices', '--db', 'out/f.db'],
      ['baseline', 'save', 's7.yaml', '--data', 'no/such/prices', '--out', 'out/f.json'],
    ];
    for (const args of commands) {
      const o = await breadth(args, { cwd: dir });
      expectBadInput(o);
      expect(o.stderr).toBe(`breadth: --data no/such/prices: no such file or folder — ${FIX}\n`);
    }
  });
});
