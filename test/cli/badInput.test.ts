// Every bad-input class of the CLI: exit 2, nothing on stdout, ONE line on stderr starting with
// `breadth:` that says what is wrong, and never a stack trace.

import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../reports/store/index.ts';
import { breadth, expectBadInput, expectOk, scratch, smallStudy, write } from './helpers.ts';

let dir: string;
/** A regular file: no folder can be made under it. */
let regularFile: string;
/** A tiny universe as CSV files (quicker to load than the default 600-stock sample is to generate). */
let tiny: string;

beforeAll(async () => {
  dir = scratch();
  regularFile = write(dir, 'plain-file', 'not a folder\n');
  write(dir, 'study.yaml', smallStudy());
  write(dir, 'returns.csv', 'date,return\n2024-01-02,0.01\n2024-01-03,-0.02\n2024-01-04,0.03\n');
  tiny = join(dir, 'tiny');
  expectOk(await breadth(['data', 'sample', '--out', tiny, '--stocks', '20', '--years', '2'], { cwd: dir }));
});

/** `breadth ...args` in the shared scratch folder (for commands that fail before loading data). */
const run = (...args: string[]) => breadth(args, { cwd: dir });
/** `breadth run --data <tiny> ...args` in a folder of its own (the loader keeps a cache in the working folder). */
const runOnTiny = (...args: string[]) => breadth(['run', '--data', tiny, ...args], { cwd: scratch() });

describe.concurrent('a number option given text', () => {
  it('names what was typed, for every command, not NaN; a bare number option is refused, not run at its default (probe r64b F5)', async () => {
    const cases: [string[], string][] = [
      [['sweep', 'study.yaml', '--keep', 'abc'], '--keep must be a number, got "abc"'],
      [['sweep', 'study.yaml', '--blocks=4x'], '--blocks must be a number, got "4x"'],
      [['sweep', 'study.yaml', '--workers', 'two'], '--workers must be a number, got "two"'],
      [['run', '--strategy', 'buy-and-hold', '--cash', 'abc'], '--cash must be a number, got "abc"'],
      [['metrics', '--prices', 'returns.csv', '--rf-annual', 'x'], '--rf-annual must be a number, got "x"'],
      [['data', 'sample', '--out', 'no-sample', '--seed', 'q'], '--seed must be a number, got "q"'],
      [['run', '--strategy', 'buy-and-hold', '--cash', '--from', '2024-01-02'], '--cash needs a number'],
      [['run', '--strategy', 'buy-and-hold', '--cash'], '--cash needs a number'],
    ];
    for (const [args, said] of cases) expectBadInput(await run(...args), `breadth: ${said}`);
    expect(existsSync(join(dir, 'no-sample'))).toBe(false);
  });

  it('a number beyond what a number holds (1e400, Infinity) is named as typed with the fix, for every command, never "got Infinity" or no value at all (probe r67b)', async () => {
    const cases: [string[], string][] = [
      [['run', '--strategy', 'buy-and-hold', '--cash', '1e400'], '--cash 1e400'],
      [['run', '--strategy', 'buy-and-hold', '--commission-bps=-1e400'], '--commission-bps -1e400'],
      [['sweep', 'study.yaml', '--workers', 'Infinity'], '--workers Infinity'],
      [['metrics', '--prices', 'returns.csv', '--rf-annual', '1e400'], '--rf-annual 1e400'],
      [['data', 'sample', '--out', 'no-sample', '--seed=1e400'], '--seed 1e400'],
    ];
    for (const [args, flag] of cases) {
      const o = await run(...args);
      expectBadInput(o);
      expect(o.stderr).toBe(`breadth: ${flag} is too large for a number (beyond ±1.8e308): give a finite number\n`);
    }
    expect(existsSync(join(dir, 'no-sample'))).toBe(false);
  });
});

describe.concurrent('strategies and parameters', () => {
  it('an output path that names no file, a folder, or a descriptor of its own is refused before the run: nothing is stored', async () => {
    const db = join(dir, 'never', 'r.db');
    const refusals: [string, string][] = [
      ['', "--report '': an empty path names no file — give a file name"],
      ['newf/', '--report newf/: names a folder — give a file name, e.g. newf/report.html'],
      ['/dev/fd/5', '--report /dev/fd/5: descriptor 5 is not standard output (1) or error (2)'],
      ['/dev/stdin', '--report /dev/stdin: descriptor 0 is not standard output (1) or error (2)'],
    ];
    for (const [path, said] of refusals) expectBadInput(await run('run', '--strategy', 'buy-and-hold', '--data', tiny, '--db', db, '--report', path), said, 'give a file');
    expect(existsSync(db)).toBe(false);
  });

  it('the results store named as the output (itself, its -wal, a link or a hard link to it) is refused before anything is written: its runs stay', async () => {
    const own = scratch();
    expectOk(await breadth(['run', '--strategy', 'buy-and-hold', '--data', tiny, '--db', 'r.db'], { cwd: own }));
    const before = readFileSync(join(own, 'r.db'));
    symlinkSync(join(own, 'r.db'), join(own, 'link.html'));
    linkSync(join(own, 'r.db'), join(own, 'hard.html'));
    const refusals: [string, string][] = [
      ['r.db', 'the database file'],
      ['./r.db-wal', 'the write-ahead log'],
      ['link.html', 'the database file'],
      ['hard.html', 'the database file'], // a hard link: the same inode under another name
    ];
    for (const [path, what] of refusals) {
      expectBadInput(await breadth(['run', '--strategy', 'buy-and-hold', '--data', tiny, '--db', 'r.db', '--report', path], { cwd: own }), `--report ${path} is ${what} of the results store r.db`, 'would lose every run stored in it');
    }
    expectBadInput(await breadth(['report', 'r.db', '1', '--out', 'link.html'], { cwd: own }), '--out link.html is the database file of the results store r.db:');
    expectBadInput(await breadth(['export', 'r.db', '1', '--what', 'daily', '--out', 'r.db'], { cwd: own }), '--out r.db is the database file of the results store r.db:');
    expect(readFileSync(join(own, 'r.db')).equals(before)).toBe(true);
  });

  it('a study whose --db sits where a page would (out/reports/tilt.html): its pages carry the database\'s name (tilt.html-tilt.html), the store and its runs kept (probe r24c)', async () => {
    const own = scratch();
    write(own, 'study.yaml', smallStudy({ stocks: 20, years: 2 }));
    const db = join('out', 'reports', 'tilt.html');
    expectOk(await breadth(['study', 'study.yaml', '--out', 'out', '--db', db], { cwd: own }));
    // The store's journals (tilt.html-wal, -shm) aside.
    expect(readdirSync(join(own, 'out', 'reports')).filter((f) => !/-(wal|shm)$/.test(f)).sort()).toEqual(['tilt.html', 'tilt.html-switch.html', 'tilt.html-tilt.html']);
    const store = openStore(join(own, db), undefined, { readonly: true });
    try {
      expect((store.db.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n).toBe(2);
    } finally {
      store.close();
    }
  });

  it('an unknown strategy names it and lists the built-ins', async () => {
    expectBadInput(await runOnTiny('--strategy', 'no-such-strategy'), 'no-such-strategy', /unknown strategy/i, 'size-tilt');
  });

  it('a strategy file that does not exist names the path', async () => {
    expectBadInput(await runOnTiny('--strategy', './missing-strategy.ts'), 'missing-strategy.ts');
  });

  it('a .ts strategy file outside an ES-module project that exports nothing, or another name, says so — not five fields it sets (probe r48b F3)', async () => {
    const own = scratch();
    const definition = "defineStrategy({ name: 'cash', description: 'Holds cash.', dataNeeds: 'nothing', params: z.object({}), create: () => ({ schedule: schedules.monthStart, decide: () => undefined }) })";
    const head = "import { defineStrategy, schedules, z } from 'breadth';\n";
    // No package.json here: tsx loads the files as CommonJS, as in a folder a strategy file was copied to.
    write(own, 'none.ts', `${head}const mine = ${definition};\n`);
    write(own, 'other.ts', `${head}export const myStrategy = ${definition};\n`);
    const advice = 'exports no strategy definition: write `export default defineStrategy({ ... })` or `export const strategy = ...`';
    expectBadInput(await breadth(['run', '--strategy', './none.ts'], { cwd: own }), `strategy file ./none.ts ${advice} (it exports nothing)`);
    expectBadInput(await breadth(['run', '--strategy', './other.ts'], { cwd: own }), `strategy file ./other.ts ${advice} (it exports myStrategy)`);
  });

  it('an out-of-range parameter names the parameter and the value (size-tilt tilt=1.7)', async () => {
    expectBadInput(await runOnTiny('--strategy', 'size-tilt', '--param', 'tilt=1.7'), 'tilt', '1.7');
  });

  it('an unknown parameter is named', async () => {
    expectBadInput(await runOnTiny('--strategy', 'size-tilt', '--param', 'tilz=0.5'), 'tilz');
  });

  it('a misspelt parameter of a strategy file is refused with the line createStrategy() says — from --param, a study\'s params: and a sweep\'s grid — never run at its default (probe r60c F1: --param wieght=0.3 ran at weight 1, NAV 1,029,700)', async () => {
    const own = scratch();
    mkdirSync(join(own, 'c'));
    write(join(own, 'c'), 'AAA.csv', 'Date,Close\n2024-01-02,100\n2024-01-03,101\n2024-01-04,102\n2024-01-05,103\n2024-01-08,104\n');
    write(
      own,
      'hold.ts',
      "import { defineStrategy, schedules, z } from 'breadth';\nexport default defineStrategy({ name: 'hold-aaa', description: 'Hold AAA.', dataNeeds: 'prices',\n  params: z.object({ weight: z.number().min(0).max(1).default(1).describe('share of NAV held') }),\n  create: ({ weight }) => ({ schedule: schedules.monthStart, decide: () => ({ weights: { AAA: weight } }) }) });\n",
    );
    const refusal = 'hold-aaa: unknown parameter "wieght": did you mean weight? (known: weight)';
    const hold = (...args: string[]) => breadth(['run', '--data', 'c', '--strategy', './hold.ts', '--db', 'r.db', '--no-cache', ...args], { cwd: own });
    expectBadInput(await hold('--param', 'wieght=0.3'), `breadth: ${refusal}`);
    expect(existsSync(join(own, 'r.db'))).toBe(false);
    write(own, 'study.yaml', 'title: f1\ndata: c\nruns:\n  - name: h\n    strategy: ./hold.ts\n    params: { wieght: 0.3 }\n');
    expectBadInput(await breadth(['run', 'study.yaml', '--db', 'r.db', '--no-cache'], { cwd: own }), `breadth: study.yaml: runs[0].params: ${refusal}`);
    // A sweep over the typo has no point the strategy takes: refused before any trial (it kept "h[wieght=0.1]" as best, run at weight 1).
    write(own, 'sweep.yaml', 'title: f1\ndata: c\nruns:\n  - name: h\n    strategy: ./hold.ts\n    sweep: { params: { wieght: [0.1, 0.9] } }\n');
    expectBadInput(await breadth(['sweep', 'sweep.yaml', '--db', 'r.db', '--workers', '1'], { cwd: own }), `breadth: sweep.yaml (trial h[wieght=0.1]): runs[0].params: ${refusal}`);
    expect(existsSync(join(own, 'r.db'))).toBe(false);
    // Spelt right, the weight reaches the run: 0.3 × 1,000,000 / 100 (the decision's close) = 3,000 shares, filled at the
    // next close 101 (no opens): cash 1,000,000 − 303,000 = 697,000; NAV at the last close 3,000 × 104 + 697,000 = 1,009,000.
    const weighed = await hold('--param', 'weight=0.3', '--json');
    expectOk(weighed);
    expect(JSON.parse(weighed.stdout).runs[0].finalNav).toBe(1_009_000);
  });

  it('a misspelt parameter of a built-in is the library\'s line too, not zod\'s (size-tilt tilz)', async () => {
    expectBadInput(await runOnTiny('--strategy', 'size-tilt', '--param', 'tilz=0.5'), /^breadth: size-tilt: unknown parameter "tilz": did you mean tilt\? \(known: mode, small, large, /);
    expectBadInput(await runOnTiny('--strategy', 'size-tilt', '--param', 'tilt=1.7'), /^breadth: size-tilt: tilt must be between 0 and 1, got 1\.7$/);
  });

  it('a parameter without a value says how to write one', async () => {
    expectBadInput(await run('run', '--strategy', 'size-tilt', '--param', 'tilt'), 'tilt', 'key=value');
  });
});

describe.concurrent('study files', () => {
  it('an unknown key under a run\'s engine names the file and the key path', async () => {
    write(dir, 'engine-key.yaml', smallStudy().replace('params: { mode: etf, tilt: 0.5 }', 'params: { mode: etf, tilt: 0.5 }\n    engine: { comission: 1 }'));
    expectBadInput(await run('study', 'engine-key.yaml', '--out', 'out/engine-key'), 'engine-key.yaml', 'runs[0].engine', 'Unrecognized key', 'comission');
  });

  it('an unknown key in a run names the file and the run', async () => {
    write(dir, 'run-key.yaml', smallStudy().replace('    strategy: iwm-vs-smlf', '    strategy: iwm-vs-smlf\n    parms: { mode: switch }'));
    expectBadInput(await run('study', 'run-key.yaml', '--out', 'out/run-key'), 'run-key.yaml', 'runs[1]', 'Unrecognized key', 'parms');
  });

  it('a borrow override for a symbol the data lacks (BBBB for BBB) is refused, naming the option and the nearest symbol', async () => {
    const folder = scratch();
    mkdirSync(join(folder, 'prices'));
    const bars = (close: number) => ['Date,Open,High,Low,Close,Volume', ...['2024-01-02', '2024-01-03', '2024-01-04'].map((d) => `${d},${close},${close},${close},${close},1000`)].join('\n');
    write(join(folder, 'prices'), 'AAA.csv', bars(100));
    write(join(folder, 'prices'), 'BBB.csv', bars(50));
    write(folder, 'typo.yaml', ['title: borrow typo', 'data: prices', 'engine: { account: { kind: margin }, borrow: { overrides: { BBBB: 5000 } } }', 'runs:', '  - name: short', '    strategy: buy-and-hold', '    params: { weights: { BBB: -0.5 } }', ''].join('\n'));
    expectBadInput(await breadth(['study', 'typo.yaml', '--out', 'out'], { cwd: folder }), 'engine config: borrow.overrides.BBBB: no symbol "BBBB" in prices (did you mean BBB?); name a symbol of the data, or drop the override');
  });

  it('malformed YAML names the file and the line', async () => {
    write(dir, 'broken.yaml', 'title: broken\nruns: [\n  - name: : :\n');
    expectBadInput(await run('study', 'broken.yaml', '--out', 'out/broken'), 'broken.yaml', /YAML/, /line \d+/);
  });

  it('a study file that does not exist is named', async () => {
    expectBadInput(await run('study', 'no-such-study.yaml', '--out', 'out/none'), 'no-such-study.yaml');
  });

  it('`from` after `to` in a study file is named', async () => {
    write(dir, 'dates.yaml', `from: "2009-01-01"\nto: "2008-01-01"\n${smallStudy()}`);
    expectBadInput(await run('study', 'dates.yaml', '--out', 'out/dates'), 'dates.yaml', /from/, /to/);
  });
});

describe.concurrent('data paths and dates', () => {
  it('a missing data path (breadth run --data) names the path', async () => {
    expectBadInput(await run('run', '--strategy', 'size-tilt', '--data', join(dir, 'no-such-data')), 'no-such-data');
  });

  it('a missing data path (breadth data inspect) names the path', async () => {
    expectBadInput(await run('data', 'inspect', 'no-such-data'), 'no-such-data');
  });

  it('--from after --to names both flags, both dates and the fix (probe r67b: the --to date was not said)', async () => {
    expectBadInput(await run('run', '--strategy', 'size-tilt', '--from', '2020-01-01', '--to', '2019-01-01'), /^breadth: --from 2020-01-01 is after --to 2019-01-01: swap them, or drop --to$/);
  });

  it('--from that is not a date names it', async () => {
    expectBadInput(await run('run', '--strategy', 'size-tilt', '--from', 'last-tuesday'), 'last-tuesday');
  });

  it('--from in date shape but not a calendar date (2020-13-45) is refused, not silently ignored', async () => {
    // Loaded data refuses it ('from "2020-13-45" is not a date'); the built-in sample must too.
    expectBadInput(await run('run', '--strategy', 'size-tilt', '--from', '2020-13-45', '--db', 'out/calendar.db'), '2020-13-45');
  });

  it('--from and --to before 1800 are not market dates: the year is said, with the full year to write (probe r60c F2: price files read 0024 as 1924)', async () => {
    expectBadInput(await run('run', '--strategy', 'size-tilt', '--from', '0024-01-02', '--db', 'out/early.db'), '--from: not a market date: year 0024 is before 1800; write the full year, e.g. 2024-01-02');
    expectBadInput(await run('run', '--strategy', 'size-tilt', '--to', '1799-12-31', '--db', 'out/early.db'), '--to: not a market date: year 1799 is before 1800; correct the year: breadth reads dates from 1800-01-01 on');
  });

  it('a period with no sessions in the sample says what the sample covers', async () => {
    expectBadInput(await run('run', '--strategy', 'size-tilt', '--from', '2090-01-01', '--db', 'out/empty.db'), '2090-01-01', /covers/);
  });
});

describe.concurrent('unwritable outputs', () => {
  it('--db under /proc (no folder can be made there) names the location', async () => {
    expectBadInput(await breadth(['run', '--strategy', 'size-tilt', '--db', '/proc/nope/x.db'], { cwd: dir, timeoutMs: 30_000 }), '/proc/nope');
  });

  it('--db inside a regular file names the location', async () => {
    expectBadInput(await runOnTiny('--strategy', 'size-tilt', '--db', join(regularFile, 'x.db')), 'plain-file');
  });

  it('data sample --out inside a regular file names the location (not an internal error)', async () => {
    expectBadInput(await run('data', 'sample', '--out', join(regularFile, 'sample'), '--stocks', '20', '--years', '1'), 'plain-file');
  });

  it('an --out folder that is a file says so, for data sample and the study commands, before any work: nothing stored (probe r67b: "a part of the path is a file"; study --out <file> ended in an internal error after its runs were stored)', async () => {
    const own = scratch();
    write(own, 'study.yaml', smallStudy({ stocks: 20, years: 1 }));
    write(own, 'AAA.csv', 'date,close\n2024-01-02,1\n');
    const said: [string[], string][] = [
      [['data', 'sample', '--out', 'AAA.csv'], '--out AAA.csv is a file: --out takes a folder, e.g. --out out/sample'],
      [['study', 'study.yaml', '--out', 'AAA.csv', '--db', 'r.db'], '--out AAA.csv is a file: --out takes a folder, e.g. --out out'],
      [['run', 'study.yaml', '--out', 'AAA.csv', '--db', 'r.db'], '--out AAA.csv is a file: --out takes a folder, e.g. --out out'],
      [['sweep', 'study.yaml', '--out', 'AAA.csv', '--db', 'r.db'], '--out AAA.csv is a file: --out takes a folder, e.g. --out out'],
      [['data', 'sample', '--out', 'AAA.csv/sample/x'], '--out AAA.csv/sample/x: cannot create folder AAA.csv/sample/x: AAA.csv is a file, not a folder (ENOTDIR) — choose a writable location'],
    ];
    for (const [args, line] of said) {
      const o = await breadth(args, { cwd: own });
      expectBadInput(o);
      expect(o.stderr).toBe(`breadth: ${line}\n`);
    }
    expect(readdirSync(own).sort()).toEqual(['AAA.csv', 'study.yaml']);
  });

  it('data sample --out under /proc gives an error instead of hanging', async () => {
    // A correct CLI answers in a second or two; 8 s means it hung (recursive mkdir under /proc spins).
    expectBadInput(await breadth(['data', 'sample', '--out', '/proc/nope/sample', '--stocks', '20', '--years', '1'], { cwd: dir, timeoutMs: 30_000 }), '/proc/nope');
  });
});

describe.concurrent('command-line syntax', () => {
  it('an unknown command is named', async () => {
    expectBadInput(await run('frobnicate'), 'frobnicate');
  });

  it('no command at all', async () => {
    expectBadInput(await run());
  });

  it('a missing subcommand names the choices (breadth data)', async () => {
    expectBadInput(await run('data'), 'inspect', 'sample');
  });

  it('breadth run with neither --strategy nor a config file says what to give', async () => {
    expectBadInput(await run('run'), 'strategy');
  });

  it('a missing required flag is named (regress without --baseline)', async () => {
    expectBadInput(await run('regress'), 'baseline');
  });

  it('an unknown option is named once, as typed, with the option it most likely meant (probe r64e F4)', async () => {
    // Was "Unknown arguments: cash-rate, cashRate": yargs' camel-case form of the one flag typed, and no hint.
    const cases: [string[], string][] = [
      [['run', '--strategy', 'size-tilt', '--cash-rate', '0.02'], 'breadth: unknown option --cash-rate (did you mean --rf: risk-free and cash rate?) (see breadth --help)'],
      [['run', '--strategy', 'size-tilt', '--benchmarc=SPY'], 'breadth: unknown option --benchmarc (did you mean --benchmark: benchmark symbol or @role?) (see breadth --help)'],
      [['run', '--strategy', 'size-tilt', '--benchmark-prices', 'x'], 'breadth: unknown option --benchmark-prices (did you mean --benchmark: benchmark symbol or @role?) (see breadth --help)'],
      [['runs', 'list', 'x.db', 'extra'], 'breadth: unexpected argument "extra" (see breadth --help)'],
    ];
    for (const [args, line] of cases) expectBadInput(await run(...args), line);
  });

  it('a value outside a flag\'s choices is named (--execution)', async () => {
    expectBadInput(await run('run', '--strategy', 'size-tilt', '--execution', 'whenever'), 'whenever');
  });
});

describe.concurrent('metrics, stores and baselines', () => {
  it('metrics on a missing file names it', async () => {
    expectBadInput(await run('metrics', '--returns', 'no-such-returns.csv'), 'no-such-returns.csv');
  });

  it('metrics on a non-number names the file and line', async () => {
    write(dir, 'bad-returns.csv', 'date,return\n2024-01-02,0.01\n2024-01-03,abc\n');
    expectBadInput(await run('metrics', '--returns', 'bad-returns.csv'), 'bad-returns.csv:3', 'abc');
  });

  it('metrics --periods-per-year 0 is bad input, not an internal error', async () => {
    expectBadInput(await run('metrics', '--returns', 'returns.csv', '--periods-per-year', '0'), 'periods');
  });

  it('metrics --rf-annual that is not a number is refused (not "rf: constant NaN")', async () => {
    expectBadInput(await run('metrics', '--returns', 'returns.csv', '--rf-annual', 'abc'), 'rf-annual');
  });

  it('metrics --rf-annual 5 is refused as breadth run --rf 5 is: a rate above 1 (probe r54a)', async () => {
    expectBadInput(await run('metrics', '--returns', 'returns.csv', '--rf-annual', '5'), 'breadth: --rf-annual 5: the risk-free rate is an annual decimal from -0.1 to 1 (0.05 = 5 %); did you mean 0.05?');
  });

  it('metrics --rf-per-period 5 or -3 is refused as --rf-annual 5 is: its annual equivalent is outside -0.1 to 1 (probe r67b: Sharpe −5128.55)', async () => {
    // returns.csv is daily: P = 252. 6^252 = e^(252 ln 6) = e^451.523 = 10^196.094 = 1.24e+196; 1.05^(1/252) − 1 = 0.000194 ≈ 0.0002, and 1.0002^252 − 1 = 5.2 %.
    const rule = 'the risk-free return per period, compounded over P = 252 periods a year ((1 + r)^P − 1), is an annual decimal from -0.1 to 1 (0.0002 = 5.2 % a year)';
    expectBadInput(await run('metrics', '--returns', 'returns.csv', '--rf-per-period', '5'), `breadth: --rf-per-period 5: ${rule}; 5 comes to 1.24e+196`);
    expectBadInput(await run('metrics', '--returns', 'returns.csv', '--rf-per-period', '-3'), `breadth: --rf-per-period -3: ${rule}; -3 loses everything each period`);
    // 0.02 a day (2 %, meant as 0.02 %): 1.02^252 − 1 = 146; 0.0002 is 5.2 % a year.
    expectBadInput(await run('metrics', '--returns', 'returns.csv', '--rf-per-period', '0.02'), `breadth: --rf-per-period 0.02: ${rule}; 0.02 comes to 146; did you mean 0.0002?`);
  });

  it('browsing a results database that does not exist names it', async () => {
    expectBadInput(await run('runs', 'list', 'no-such.db'), 'no-such.db');
  });

  it('a file that is not a results database is named', async () => {
    expectBadInput(await run('runs', 'list', 'study.yaml'), 'study.yaml');
  });

  it('regress against a missing baseline names it', async () => {
    expectBadInput(await run('regress', '--baseline', 'no-such-baseline.json'), 'no-such-baseline.json');
  });

  it('regress against a baseline that is not JSON names it', async () => {
    write(dir, 'not-json.json', '{ nope');
    expectBadInput(await run('regress', '--baseline', 'not-json.json'), 'not-json.json', /JSON/);
  });

  it('regress against JSON that is no baseline says so in one short line, not every key it lacks; a baseline with one bad field is told that field (probe r67b)', async () => {
    write(dir, 'other.json', '{"version": 1, "tolerances": {}}\n');
    write(dir, 'list.json', '[1, 2]\n');
    write(dir, 'v2.json', '{"breadth_baseline": 2, "study": "study.yaml", "data_source": "sample", "data": "d", "data_fingerprint": "x", "runs": []}\n');
    const said: [string, string][] = [
      ['other.json', 'other.json is not a breadth baseline file (no breadth_baseline key at its top level, whose keys are version, tolerances): write one with `breadth baseline save <study> --out other.json`'],
      ['list.json', 'list.json is not a breadth baseline file (its top level is a list): write one with `breadth baseline save <study> --out list.json`'],
      ['v2.json', 'v2.json: breadth_baseline: must be 1, got 2'],
    ];
    for (const [file, line] of said) {
      const o = await run('regress', '--baseline', file);
      expectBadInput(o);
      expect(o.stderr).toBe(`breadth: ${line}\n`);
    }
  });
});

describe.concurrent('flags are not silently ignored', () => {
  it('--symbols on the built-in sample is refused or reported, not ignored', async () => {
    const o = await run('run', '--strategy', 'size-tilt', '--symbols', 'NOSUCHSYM', '--db', 'out/symbols.db');
    expect(o.status !== 0 || `${o.stdout}${o.stderr}`.includes('NOSUCHSYM'), `exit ${o.status}; the output never mentions NOSUCHSYM:\n${o.stdout}${o.stderr}`).toBe(true);
  });
});

describe.concurrent('distributed sweeps', () => {
  it('a worker without --queue says what it needs', async () => {
    expectBadInput(await run('worker'), /queue/);
  });

  it('a --queue that is not a redis:// URL says how to write one', async () => {
    expectBadInput(await run('worker', '--queue', 'localhost:6379'), "--queue localhost:6379: breadth's queue is Redis; write redis://HOST:PORT[/DB]");
    // A study with a sweep: block (one without is refused first: there is nothing to sweep).
    write(dir, 'swept.yaml', 'data: sample\nsample: { stocks: 20, years: 2 }\nruns:\n  - name: t\n    strategy: size-tilt\n    params: { mode: etf }\n    sweep: { params: { tilt: [0.25, 0.5] } }\n');
    expectBadInput(await run('sweep', 'swept.yaml', '--queue', 'http://h:1'), "breadth's queue is Redis");
  });

  it('a worker with --concurrency 0 or --lock-duration 0 names the flag', async () => {
    expectBadInput(await run('worker', '--queue', 'redis://127.0.0.1:1', '--concurrency', '0'), '--concurrency must be a whole number ≥ 1, got 0');
    expectBadInput(await run('worker', '--queue', 'redis://127.0.0.1:1', '--lock-duration', '0'), '--lock-duration');
  });

  it('a sweep with --trial-timeout or --attempts out of range names the flag', async () => {
    expectBadInput(await run('sweep', 'study.yaml', '--queue', 'redis://127.0.0.1:1', '--trial-timeout', '-5'), '--trial-timeout must be a number of seconds > 0, got -5');
    expectBadInput(await run('sweep', 'study.yaml', '--queue', 'redis://127.0.0.1:1', '--attempts', '0'), '--attempts must be a whole number ≥ 1, got 0');
  });

  it('a local sweep or walk-forward test with --trial-timeout out of range names it too (before: checked with --queue only, else ignored), as one past the longest timer (before: a queue\'s attempts ended at once)', async () => {
    expectBadInput(await run('sweep', 'study.yaml', '--trial-timeout', '0'), '--trial-timeout must be a number of seconds > 0, got 0');
    // (2³¹ − 1) ms = 2,147,483.647 s: Node's setTimeout fires at once past it.
    expectBadInput(await run('walk-forward', 'study.yaml', '--trial-timeout', '3000000'), '--trial-timeout must be at most 2147483 seconds (24.8 days, the longest timer), got 3000000');
    expectBadInput(await run('sweep', 'study.yaml', '--queue', 'redis://127.0.0.1:1', '--trial-timeout', '3000000'), '--trial-timeout must be at most 2147483 seconds');
  });

  it('a Redis that does not answer is named, for the worker and the coordinator', async () => {
    const answer = '--queue redis://127.0.0.1:1/0: Redis does not answer — start redis-server there, or check the host and port';
    expectBadInput(await run('worker', '--queue', 'redis://127.0.0.1:1'), answer);
    write(dir, 'sweep.yaml', 'data: sample\nsample: { stocks: 20, years: 2 }\nruns:\n  - name: t\n    strategy: size-tilt\n    params: { mode: etf }\n    sweep: { params: { tilt: [0, 1] } }\n');
    expectBadInput(await run('sweep', 'sweep.yaml', '--queue', 'redis://127.0.0.1:1', '--db', 'out/unanswered.db'), answer);
  });
});

describe.concurrent('sweep and walk-forward studies', () => {
  it('a misspelt engine setting of the study is the file\'s error, once, before any trial is planned', async () => {
    write(dir, 'misspelt.yaml', 'data: sample\nsample: { stocks: 20, years: 2 }\nengine: { fractional: true }\nruns:\n  - name: t\n    strategy: size-tilt\n    params: { mode: etf }\n    sweep: { params: { tilt: [0, 1] } }\n    walkForward: { inSample: 1y, outOfSample: 6m }\n');
    for (const command of ['sweep', 'walk-forward', 'study']) {
      const o = await run(command, 'misspelt.yaml', '--out', `out-${command}`);
      expectBadInput(o, /^breadth: misspelt\.yaml: engine: Unrecognized key: "fractional"; the engine's settings are initialCash, /);
      expect(o.stderr).not.toContain('trial');
    }
  });

  it('a walk-forward span of zero is refused with its key, not looped on until memory runs out nor crashed on', async () => {
    for (const [key, zero] of [['outOfSample', '0m'], ['inSample', '0m'], ['inSample', '00m'], ['inSample', '0d']]) {
      const spans = { inSample: '6m', outOfSample: '3m', [key]: zero };
      write(dir, `zero-${key}.yaml`, `data: sample\nsample: { stocks: 20, years: 2 }\nruns:\n  - name: t\n    strategy: size-tilt\n    params: { mode: etf }\n    sweep: { params: { tilt: [0, 1] } }\n    walkForward: { inSample: ${spans.inSample}, outOfSample: ${spans.outOfSample} }\n`);
      expectBadInput(await run('walk-forward', `zero-${key}.yaml`, '--out', `out-zero-${key}`), new RegExp(`^breadth: zero-${key}\\.yaml: runs\\[0\\]\\.walkForward\\.${key}: a span of 0 never steps forward: write 1 or more, e\\.g\\. 6m`));
    }
  });
});

describe('a price too small to size a target (r21d den)', () => {
  it('exit 2, one line naming symbol, session, price and shares needed; nothing stored', async () => {
    // 10,000 / 1e-304 = 1.0e308 shares: finite, but beyond 2^53 − 1 (a subnormal such as 5e-324 is refused by the loader first).
    const cwd = scratch();
    const rows = ['2024-01-02', '2024-01-03', '2024-01-04'].map((d) => `${d},1e-304,1e-304,1e-304,1e-304,1000`);
    mkdirSync(join(cwd, 'den'));
    write(join(cwd, 'den'), 'AAA.csv', ['Date,Open,High,Low,Close,Volume', ...rows, ''].join('\n'));
    const o = await breadth(['run', '--data', 'den', '--strategy', 'buy-and-hold', '--param', 'weights={"AAA":1}', '--cash', '10000', '--db', 'den.db'], { cwd });
    expectBadInput(o, 'breadth: AAA on 2024-01-02: a target worth 10,000 at a price of 1e-304 needs 1.0e308 shares, more than 2^53 − 1 = 9,007,199,254,740,991, beyond which whole shares are not exact — a price this small is a bad print');
    expect(existsSync(join(cwd, 'den.db'))).toBe(false);
  });
});
