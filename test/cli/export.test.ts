// breadth export as a user runs it: a real process writes a stored run's tables as CSV or JSON,
// and what it writes reads back to the store's own numbers (the daily NAV to the cent — exactly).

import { lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMetrics } from '../../reports/runMetrics.ts';
import { getRun, openStore, type StoredRun, writeRun } from '../../reports/store/index.ts';
import { largeResult } from '../reports/store/fixtures.ts';
import { breadth, breadthCommand, expectBadInput, expectOk, parseJson, quote, scratch, shell, signalOnEntry, startBreadth, write } from './helpers.ts';

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

  it('says in one line, exit 2, when standard output is a device that takes nothing (/dev/full): every command that prints results (probe r56d F1: a stack trace, exit 1)', async () => {
    write(dir, 'r.csv', `date,return\n${['2024-03-05', '2024-03-06', '2024-03-07', '2024-03-08', '2024-03-11'].map((d, k) => `${d},${[0.01, -0.02, 0.03, 0.01, -0.01][k]}`).join('\n')}\n`);
    for (const args of [
      ['export', db, '1', '--what', 'daily'],
      ['export', db, '1', '--what', 'fills', '--format', 'json', '--out', '-'],
      ['export', db, '1', '--what', 'monthly', '--out', '/dev/stdout'],
      ['runs', 'show', db, '1'],
      ['runs', 'list', db],
      ['metrics', '--returns', 'r.csv', '--json'],
      ['strategies'],
      // yargs' own output, through the console (probe r57a F4: exit 0, nothing written)
      ['--help'],
      ['--version'],
      ['export', '--help'],
    ]) {
      expectBadInput(
        await shell(`${breadthCommand()} ${args.map(quote).join(' ')} >/dev/full`, { cwd: dir }),
        'breadth: standard output: the device is full (ENOSPC) — free space there, or write elsewhere',
      );
    }
  });

  it('says in one line, exit 2, when the file standard output goes to is cut short (a file-size limit; a disk that fills): never exit 0 on part of the table (probe r56d F1)', async () => {
    const whole = await breadth(['export', db, '1', '--what', 'daily'], { cwd: dir });
    expectOk(whole);
    // sh's `ulimit -f` counts 512-byte blocks: 128 × 512 = 65,536 bytes fit (more than the store's
    // 32 KiB shared-memory file needs), of the daily table's ~900 kB. The first write(2) stops short
    // at 65,536 (Node's stream left it at that: exit 0); the next one says EFBIG.
    const cut = await shell(`ulimit -f 128; exec ${breadthCommand()} export ${quote(db)} 1 --what daily >cut.csv`, { cwd: dir });
    expectBadInput(cut, 'breadth: standard output: the file grew past the size limit (EFBIG) — raise the limit (ulimit -f), or write elsewhere');
    expect(whole.stdout.length).toBeGreaterThan(65_536);
    expect(readFileSync(join(dir, 'cut.csv'), 'utf8')).toBe(whole.stdout.slice(0, 65_536)); // the daily table is ASCII: bytes = characters
  });

  it('refuses an unknown table or run with one line and exit 2', async () => {
    expectBadInput(await breadth(['export', db, '1', '--what', 'trades'], { cwd: dir }), /what/, /daily/);
    expectBadInput(await breadth(['export', db, 'no-such-run'], { cwd: dir }), /no run labelled or named "no-such-run"/);
  });
});

describe('breadth export --out, interrupted', () => {
  let dir: string;
  let db: string;
  let whole: string;

  beforeAll(async () => {
    dir = scratch();
    db = join(dir, 'big.db');
    // 36 decisions × 2,000 names: a positions table of a few MB, long enough to write for a signal to land meanwhile.
    const result = largeResult(756, 2_000, 2_000);
    const store = openStore(db);
    try {
      writeRun(store, { result, metrics: runMetrics(result) });
    } finally {
      store.close();
    }
    expectOk(await breadth(['export', db, '1', '--what', 'positions', '--out', 'whole.csv'], { cwd: dir }));
    whole = readFileSync(join(dir, 'whole.csv'), 'utf8');
  });

  for (const [signal, status] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} while the file is written leaves no temporary file, and the export whole; breadth ends by ${signal} (a shell shows ${status}) (probe r56d F5)`, async () => {
      // The signal must land in the few milliseconds the temporary file exists: an export that ends
      // before it is seen is whole and alone too, and the export runs again (up to 5 times).
      let landed = 0;
      for (let attempt = 0; attempt < 5 && landed === 0; attempt++) {
        const out = join(dir, `${signal}-${attempt}`);
        mkdirSync(out);
        const writer = startBreadth(['export', db, '1', '--what', 'positions', '--out', join(out, 'positions.csv')], { cwd: dir });
        const sent = await signalOnEntry(writer, out, (name) => name.endsWith('.tmp'), signal);
        const ended = await writer.ended;
        if (sent) landed += 1;
        expect(ended.signal, ended.stderr).toBe(sent ? signal : null);
        expect(readdirSync(out)).toEqual(['positions.csv']); // was: `.positions.csv.<pid>.<hex>.tmp` (the whole export, hidden), and no positions.csv
        expect(readFileSync(join(out, 'positions.csv'), 'utf8')).toBe(whole);
      }
      expect(landed, 'the signal never landed while the file was written').toBe(1);
    });
  }
});
