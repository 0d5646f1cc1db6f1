// `symbols:` (a study) and `--symbols` (flags) on the built-in sample keep those symbols, as they
// keep them of real data (probe r70c F2: both were checked, then ignored; `symbols: [SYN_SMALL]`
// with equal-weight stored positions in 455 symbols, exit 0, nothing said). Counted in the store.

import { describe, expect, it } from 'vitest';
import { openStore } from '../../../reports/store/index.ts';
import { breadth, expectBadInput, expectOk, scratch, write } from '../helpers.ts';

/** The distinct symbols of every position the store at `db` holds (runs' own or kept trials'). */
function positionSymbols(db: string): string[] {
  const store = openStore(db);
  try {
    return (store.db.prepare('SELECT DISTINCT symbol FROM positions ORDER BY symbol').pluck().all() as string[]);
  } finally {
    store.close();
  }
}

describe.concurrent('the sample narrowed to the symbols asked', () => {
  it('a study: data: sample, symbols [SYN0001, SYN0002, SYN_SMALL], equal-weight holds the two stocks and nothing else; @smallCap is SYN_SMALL', async () => {
    const dir = scratch();
    write(dir, 's.yaml', 'title: s\ndata: sample\nsample: { stocks: 20, years: 2 }\nsymbols: [SYN0001, SYN0002, SYN_SMALL]\nbenchmark: "@smallCap"\nruns:\n  - name: ew\n    strategy: equal-weight\n');
    const o = await breadth(['run', 's.yaml', '--db', 'out/s.db', '--no-reports'], { cwd: dir });
    expectOk(o);
    // equal-weight holds the stocks (never a fund): of the 20 stocks only the two asked.
    expect(positionSymbols(`${dir}/out/s.db`)).toEqual(['SYN0001', 'SYN0002']);
    expect(o.stdout).toContain('benchmark SYN_SMALL');
  });

  it('flags: --symbols SYN0001,SYN0002,SYN_SMALL --from 2024-01-02, equal-weight: the two stocks alone (the default sample: 600 stocks)', async () => {
    const dir = scratch();
    const o = await breadth(['run', '--strategy', 'equal-weight', '--symbols', 'SYN0001,SYN0002,SYN_SMALL', '--from', '2024-01-02', '--db', 'f.db'], { cwd: dir });
    expectOk(o);
    expect(positionSymbols(`${dir}/f.db`)).toEqual(['SYN0001', 'SYN0002']);
  });

  it('a benchmark outside the symbols is refused as on real data, naming the symbols loaded', async () => {
    const dir = scratch();
    const o = await breadth(['run', '--strategy', 'equal-weight', '--symbols', 'SYN0001,SYN0002', '--benchmark', 'SYN_LARGE', '--db', 'f.db'], { cwd: dir });
    expectBadInput(o);
    expect(o.stderr).toBe('breadth: --benchmark: "SYN_LARGE" is not among the symbols loaded (SYN0001, SYN0002); add it to them (--symbols SYN0001,SYN0002,SYN_LARGE; a strategy over the whole universe then holds it too), or use "cash" or "none"\n');
  });

  it('a sweep over data: sample with symbols [SYN0003, SYN0004]: every kept trial holds those two alone', async () => {
    const dir = scratch();
    write(dir, 'g.yaml', 'title: g\ndata: sample\nsample: { stocks: 20, years: 2 }\nsymbols: [SYN0003, SYN0004]\nruns:\n  - name: ew\n    strategy: equal-weight\n    sweep: { params: { schedule: [month-start, quarter-start] } }\n');
    const o = await breadth(['sweep', 'g.yaml', '--workers', '1', '--keep', '2', '--db', 'g.db'], { cwd: dir, timeoutMs: 120_000 });
    expectOk(o);
    expect(positionSymbols(`${dir}/g.db`)).toEqual(['SYN0003', 'SYN0004']);
  });
});
