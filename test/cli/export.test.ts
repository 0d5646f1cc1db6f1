// breadth export as a user runs it: a real process writes a stored run's tables as CSV or JSON,
// and what it writes reads back to the store's own numbers (the daily NAV to the cent — exactly).

import { lstatSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { getRun, openStore, type StoredRun } from '../../reports/store/index.ts';
import { breadth, breadthCommand, expectBadInput, expectOk, parseJson, quote, scratch, shell } from './helpers.ts';

describe('breadth export', () => {
  let dir: string;
  let db: string;
  let stored: StoredRun;

  beforeAll(async () => {
    dir = scratch();
    db = join(dir, 'r.db');
    expectOk(await breadth(['run', '--strategy', 'iwm-vs-smlf', '--param', 'mode=switch', '--label', 'switch', '--commission-bps', '1', '--db', db], { cwd: dir }));
    const store = openStore(db);
    try {
      stored = getRun(store, 1) as StoredRun;
    } finally {
      store.close();
    }
  });

  it('round-trips the daily series through CSV: the NAV column equals the store\'s to the cent', async () => {
    const out = join(dir, 'daily.csv');
    const o = await breadth(['export', db, 'switch', '--what', 'daily', '--out', out], { cwd: dir });
    expectOk(o);
    expect(o.stderr).toContain(`daily of run 1 (switch): ${out}`);
    const rows: Record<string, string>[] = parse(readFileSync(out, 'utf8'), { columns: true });
    expect(rows).toHaveLength(stored.daily.dates.length);
    expect(rows.map((r) => r.date)).toEqual(stored.daily.dates);
    const nav = stored.daily.columns.nav;
    for (let t = 0; t < rows.length; t++) {
      expect(Math.abs(Number(rows[t].nav) - nav[t]), `NAV on ${rows[t].date}`).toBeLessThan(0.005);
      expect(Number(rows[t].nav)).toBe(nav[t]); // written unrounded: exact, not only to the cent
    }
    expect(rows[0].nav_return).toBe(''); // no return on the first session: empty, never 0
    expect(Number(rows[5].commission)).toBe(stored.daily.columns.commission[5]);
  });

  it('writes every table as JSON records with the documented columns', async () => {
    const o = await breadth(['export', db, '1', '--what', 'fills', '--format', 'json'], { cwd: dir });
    expectOk(o);
    const fills = parseJson(o);
    expect(fills).toHaveLength(stored.fills.length);
    expect(Object.keys(fills[0])).toEqual(['date', 'symbol', 'quantity', 'price', 'reference_price', 'commission', 'slippage', 'order_id', 'reason']);
    expect(fills[0].quantity).toBe(stored.fills[0].quantity);
    const metrics = parseJson(await breadth(['export', db, '1', '--what', 'metrics', '--format', 'json'], { cwd: dir }));
    expect(metrics.find((m: { name: string }) => m.name === 'sharpe').value).toBe(stored.metrics.find((m) => m.name === 'sharpe')?.value);
  });

  it('monthly returns compound to the run\'s total return', async () => {
    const o = await breadth(['export', db, '1', '--what', 'monthly'], { cwd: dir });
    expectOk(o);
    const rows: Record<string, string>[] = parse(o.stdout, { columns: true });
    const total = rows.reduce((g, r) => g * (1 + Number(r.return)), 1) - 1;
    const nav = stored.daily.columns.nav;
    expect(total).toBeCloseTo(nav[nav.length - 1] / nav[0] - 1, 10);
    expect(rows.reduce((s, r) => s + Number(r.sessions), 0)).toBe(nav.length - 1);
  });

  it('writes to standard output with --out -, and through a link to its descriptor (as /dev/stdout is) without replacing the link', async () => {
    const plain = await breadth(['export', db, '1', '--what', 'monthly'], { cwd: dir });
    expectOk(plain);
    const dash = await breadth(['export', db, '1', '--what', 'monthly', '--out', '-'], { cwd: dir });
    expectOk(dash);
    expect(dash.stdout).toBe(plain.stdout);
    // A link in the scratch folder, never /dev/stdout itself: should the write rename over it, only the link is lost.
    const link = join(dir, 'stdout');
    symlinkSync('/proc/self/fd/1', link);
    const through = await breadth(['export', db, '1', '--what', 'monthly', '--out', link], { cwd: dir });
    expectOk(through);
    expect(through.stdout).toBe(plain.stdout);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expectBadInput(await breadth(['report', db, '1', '--out=-'], { cwd: dir }), /--out -: this writes a file, not standard output — name the file, e.g. --out report\.html/);
  });

  it('treats /dev/fd/1 as --out -: a reader that leaves early ends both quietly, exit 0', async () => {
    for (const out of ['-', '/dev/fd/1', '/dev/stdout']) {
      // the daily table is far more than a pipe holds, so the write is still going when head leaves
      const o = await shell(`(${breadthCommand()} export ${quote(db)} 1 --what daily --out ${out}; echo $? >status) | head -c 1 >/dev/null; cat status`, { cwd: dir });
      expect(o.stdout, out).toBe('0\n');
      expect(o.stderr, out).toBe('');
    }
  });

  it('refuses an unknown table or run with one line and exit 2', async () => {
    expectBadInput(await breadth(['export', db, '1', '--what', 'trades'], { cwd: dir }), /what/, /daily/);
    expectBadInput(await breadth(['export', db, 'no-such-run'], { cwd: dir }), /no run labelled or named "no-such-run"/);
  });
});
