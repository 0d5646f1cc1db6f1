// breadth export as a user runs it: a real process writes a stored run's tables as CSV or JSON,
// and what it writes reads back to the store's own numbers (the daily NAV to the cent — exactly).

import { lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMetrics } from '../../../reports/runMetrics.ts';
import { getRun, openStore, type StoredRun, writeRun } from '../../../reports/store/index.ts';
import { largeResult } from '../../reports/store/fixtures.ts';
import { breadth, breadthCommand, expectBadInput, expectOk, parseJson, quote, scratch, shell, signalOnEntry, startBreadth, weekdays, write } from '../helpers.ts';

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

describe('breadth export: a period\'s benchmark return spans the period\'s own sessions or is empty (probe r69a F2)', () => {
  // AAA on 9 weekdays from 2024-01-26; BM without a row on 2024-01-31. Buy-and-hold of AAA at the
  // first close (same-close): the NAV is AAA's path. January runs 01-26 → 01-31, February
  // 01-31 → 02-29, March 02-29 → 03-01. BM has no level on 01-31, so neither January's nor
  // February's benchmark return exists over those sessions; 52/51 − 1 = 0.0196 (01-30 → 02-05, a
  // session longer than AAA's February) was shown for February. March: 53.53/53 − 1 = 0.01.
  // The year: 01-26 → 03-01 on both, 53.53/50 − 1 = 0.0706 beside 108.12/100 − 1 = 0.0812.
  const closes: [string, number, number | null][] = [
    ['2024-01-26', 100, 50],
    ['2024-01-29', 101, 50.5],
    ['2024-01-30', 102, 51],
    ['2024-01-31', 104, null],
    ['2024-02-01', 103, 52],
    ['2024-02-02', 105, 52.5],
    ['2024-02-05', 104, 52],
    ['2024-02-29', 106, 53],
    ['2024-03-01', 108.12, 53.53],
  ];
  let dir: string;

  beforeAll(async () => {
    dir = scratch();
    mkdirSync(join(dir, 'prices'));
    write(dir, join('prices', 'AAA.csv'), `Date,Close\n${closes.map(([d, a]) => `${d},${a}\n`).join('')}`);
    write(dir, join('prices', 'BM.csv'), `Date,Close\n${closes.flatMap(([d, , b]) => (b === null ? [] : [`${d},${b}\n`])).join('')}`);
    expectOk(await breadth(['run', '--data', 'prices', '--strategy', 'buy-and-hold', '--param', 'weights={"AAA":1}', '--execution', 'same-close', '--benchmark', 'BM', '--label', 'hold', '--db', 'r.db', '--no-reports', '--no-cache'], { cwd: dir }));
  });

  it('monthly: January and February empty (no BM level on 01-31), March 0.01', async () => {
    const rows: Record<string, string>[] = parse((await breadth(['export', 'r.db', 'hold', '--what', 'monthly'], { cwd: dir })).stdout, { columns: true });
    expect(rows.map((r) => r.month)).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(rows.map((r) => Number(r.return))).toEqual([expect.closeTo(0.04, 12), expect.closeTo(106 / 104 - 1, 12), expect.closeTo(0.02, 12)]);
    expect(rows.map((r) => r.benchmark_return)).toEqual(['', '', expect.any(String)]);
    expect(Number(rows[2].benchmark_return)).toBeCloseTo(0.01, 12);
  });

  it('yearly: both ends have a level, 53.53/50 − 1', async () => {
    const rows: Record<string, string>[] = parse((await breadth(['export', 'r.db', 'hold', '--what', 'yearly'], { cwd: dir })).stdout, { columns: true });
    expect(rows).toHaveLength(1);
    expect(Number(rows[0].return)).toBeCloseTo(0.0812, 12);
    expect(Number(rows[0].benchmark_return)).toBeCloseTo(0.0706, 12);
  });
});

describe('breadth export carries the run\'s caveats (probe r57b F5: a metrics file of a same-close, stale-marked run was indistinguishable from a sound one)', () => {
  let dir: string;
  // 20 weekdays 2024-01-02 … 2024-01-29; AAA at 100 and CCC at 50 throughout, CCC without bars on
  // sessions 8 … 14 (2024-01-12 … 2024-01-22). Half of 10,000 in each, bought on the first close
  // (same-close): 50 AAA and 100 CCC, NAV 10,000 on every session. CCC's mark is more than 5
  // sessions old on sessions 13 (2024-01-19) and 14: stale_mark_peak = 100 × 50 / 10,000 = 0.5 (50.0 %),
  // stale_mark_mean = 2 × 0.5 / 20 = 0.05 (5.0 %), over 2 sessions from 2024-01-19.
  const stale = 'positions marked at prices more than 5 sessions old: peak 50.0% of NAV, mean 5.0%; 1 name (CCC), longest CCC for 2 sessions from 2024-01-19';
  const lookAhead = 'same-close execution: orders fill on the close the strategy decided on (look-ahead-prone)';
  const highNote = 'breadth: note: run 1 (hold) has 2 high caveats (stale-marks, look-ahead): --what caveats lists every caveat\n';

  beforeAll(async () => {
    dir = scratch();
    mkdirSync(join(dir, 'prices'));
    const days = weekdays(20);
    const csv = (close: number, skip: (k: number) => boolean = () => false) => `Date,Close\n${days.flatMap((d, k) => (skip(k) ? [] : [`${d},${close}\n`])).join('')}`;
    write(dir, join('prices', 'AAA.csv'), csv(100));
    write(dir, join('prices', 'CCC.csv'), csv(50, (k) => k >= 8 && k <= 14));
    expectOk(await breadth(['run', '--data', 'prices', '--strategy', 'buy-and-hold', '--param', 'weights={"AAA":0.5,"CCC":0.5}', '--execution', 'same-close', '--cash', '10000', '--benchmark', 'none', '--label', 'hold', '--db', 'r.db', '--no-reports'], { cwd: dir }));
  });

  it('--what caveats: one row per caveat, most severe first, with its size, unit and symbols', async () => {
    const o = await breadth(['export', 'r.db', 'hold', '--what', 'caveats'], { cwd: dir });
    expectOk(o);
    expect(o.stderr).toBe('');
    const lines = o.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual(['severity,code,size,unit,symbols,message', `high,stale-marks,0.5,nav-share,CCC,"${stale}"`, `high,look-ahead,,,,${lookAhead}`]);
    expect(lines).toContain('low,data-note,7,sessions,CCC,7 sessions without a bar inside the history of 1 symbol the run read (NaN) in its sessions: CCC 7');
    const json = parseJson(await breadth(['export', 'r.db', 'hold', '--what', 'caveats', '--format', 'json'], { cwd: dir }));
    expect(json.slice(0, 2)).toEqual([
      { severity: 'high', code: 'stale-marks', size: 0.5, unit: 'nav-share', symbols: 'CCC', message: stale },
      { severity: 'high', code: 'look-ahead', size: null, unit: null, symbols: '', message: lookAhead },
    ]);
    const ranks = json.map((c: { severity: string }) => ['high', 'medium', 'low'].indexOf(c.severity));
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
  });

  it('the metrics table ends with the caveats, a row named caveat each (its size, "severity code: message")', async () => {
    const [metrics, caveats] = await Promise.all([breadth(['export', 'r.db', 'hold', '--what', 'metrics', '--format', 'json'], { cwd: dir }), breadth(['export', 'r.db', 'hold', '--what', 'caveats', '--format', 'json'], { cwd: dir })]);
    expectOk(metrics);
    expect(metrics.stderr).toBe(''); // the table carries them itself
    const rows: { name: string; value: number | null; n: number | null; note: string | null }[] = parseJson(metrics);
    expect(rows.find((m) => m.name === 'stale_mark_peak')?.value).toBe(0.5);
    expect(rows.find((m) => m.name === 'stale_mark_mean')?.value).toBe(0.05);
    const first = rows.findIndex((m) => m.name === 'caveat');
    expect(rows.slice(first).every((m) => m.name === 'caveat')).toBe(true);
    expect(rows.slice(first).slice(0, 2)).toEqual([
      { name: 'caveat', value: 0.5, n: null, note: `high stale-marks: ${stale}` },
      { name: 'caveat', value: null, n: null, note: `high look-ahead: ${lookAhead}` },
    ]);
    expect(rows.slice(first).map((m) => m.note)).toEqual(parseJson(caveats).map((c: { severity: string; code: string; message: string }) => `${c.severity} ${c.code}: ${c.message}`));
    const csv: Record<string, string>[] = parse((await breadth(['export', 'r.db', 'hold', '--what', 'metrics'], { cwd: dir })).stdout, { columns: true });
    expect(csv.slice(first, first + 1)).toEqual([{ name: 'caveat', value: '0.5', n: '', note: `high stale-marks: ${stale}` }]);
  });

  it('a table without them says the high caveats on stderr, to standard output or to a file', async () => {
    const daily = await breadth(['export', 'r.db', 'hold', '--what', 'daily'], { cwd: dir });
    expectOk(daily);
    expect(daily.stderr).toBe(highNote);
    const file = await breadth(['export', 'r.db', 'hold', '--what', 'fills', '--out', 'fills.csv'], { cwd: dir });
    expectOk(file);
    expect(file.stderr).toBe(`fills of run 1 (hold): fills.csv\n${highNote}`);
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
