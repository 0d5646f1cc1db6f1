// Errors that blame the right party, through real breadth processes: a misbehaving strategy, an
// output path that is a folder, a bad --rf, --cash or --commission-bps, and a read-only results
// database (and an older one there, which a reading command upgrades only where writable). Each failure exits 2 with one line and no stack trace, and stores nothing.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, openStore, SCHEMA_VERSION } from '../../../reports/store/index.ts';
import { anotherBuild, bin, breadth, expectBadInput, expectOk, NODE_ARGS, quote, repoRoot, scratch, shell, signalOnEntry, smallStudy, start, write } from '../helpers.ts';

/** The sample, small, as CSV files: quick to load; a strategy's first decision falls on 2005-01-03. */
const SMALL = ['--data', ''];
beforeAll(async () => {
  const dir = scratch();
  expectOk(await breadth(['data', 'sample', '--out', 'tiny', '--stocks', '20', '--years', '2'], { cwd: dir }));
  SMALL[1] = join(dir, 'tiny');
});

/** A strategy file importing only from 'breadth' whose `decide` (or `create`) is given. */
function strategyFile(dir: string, name: string, create: string): string {
  return write(
    dir,
    `${name}.ts`,
    `import { defineStrategy, schedules, z } from 'breadth';

export default defineStrategy({
  name: '${name}',
  description: 'A strategy that misbehaves on purpose.',
  dataNeeds: 'stock prices',
  params: z.object({}),
  create: ${create},
});
`,
  );
}

/** The file's line holding `text` (1-based), to check the frame the error cites. */
const lineOf = (file: string, text: string): number => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;

/** Nothing stored: no results database and no report beside it. */
function expectNothingStored(dir: string): void {
  expect(existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out'), { recursive: true }) : []).toEqual([]);
}

describe.concurrent('a strategy at fault is named, with its own file and line — never breadth\'s internal error', () => {
  it('decide() throws: exit 2, the strategy, the session and the throwing line', async () => {
    const dir = scratch();
    const file = strategyFile(dir, 'low-volatility', `() => ({ schedule: schedules.monthStart, decide(view) { if (view.date >= '2005-06-01') throw new Error('no volatility for ' + view.date); } })`);
    const o = await breadth(['run', '--strategy', './low-volatility.ts', ...SMALL, '--db', 'out/r.db'], { cwd: dir });
    expectBadInput(o, /^breadth: strategy "low-volatility" failed on 2005-06-01: no volatility for 2005-06-01 \(at /, `${file}:${lineOf(file, 'throw new Error')}:`);
    expect(o.stderr).not.toMatch(/internal error/);
    expectNothingStored(dir);
  });

  it('create() throws: named as a failure in create(), with the line', async () => {
    const dir = scratch();
    const file = strategyFile(dir, 'broken-create', `() => { throw new TypeError('cannot build the universe'); }`);
    expectBadInput(await breadth(['run', '--strategy', './broken-create.ts', ...SMALL, '--db', 'out/r.db'], { cwd: dir }), 'strategy "broken-create" failed in create(): cannot build the universe', `${file}:${lineOf(file, 'throw new TypeError')}:`);
    expectNothingStored(dir);
  });

  it('create() returns a schedule by name (probe r48c F2): exit 2, one line naming the file and the fix, not an internal error', async () => {
    const dir = scratch();
    const file = strategyFile(dir, 'by-name', `() => ({ schedule: 'month-start' as never, decide: () => ({ weights: { SYN_SMALL: 1 } }) })`);
    const o = await breadth(['run', '--strategy', './by-name.ts', ...SMALL, '--db', 'out/r.db'], { cwd: dir });
    expectBadInput(o, `strategy "by-name" failed in create() (${file}): it must return { schedule, decide }: schedule "month-start" is a name, not a schedule: use schedules.monthStart, or scheduleNamed("month-start") for a name read from a parameter`);
    expect(o.stderr).not.toMatch(/internal error/);
    expectNothingStored(dir);
  });

  it('decide() returns something that is not a decision: says what it returned and what a decision is', async () => {
    const dir = scratch();
    strategyFile(dir, 'not-a-decision', `() => ({ schedule: schedules.monthStart, decide: () => 'buy everything' as never })`);
    expectBadInput(await breadth(['run', '--strategy', './not-a-decision.ts', ...SMALL, '--db', 'out/r.db'], { cwd: dir }), 'strategy "not-a-decision" failed on 2005-01-03: decide() returned the string "buy everything", not a decision', '{ weights }');
    expectNothingStored(dir);
  });

  it('an Error whose message spans lines is said in one line, its lines joined by "; " (probe r60c L3: the README promises one line)', async () => {
    const dir = scratch();
    const file = strategyFile(dir, 'two-lines', `() => ({ schedule: schedules.monthStart, decide() { throw new Error('no plan\\n  for this'); } })`);
    expectBadInput(await breadth(['run', '--strategy', './two-lines.ts', ...SMALL, '--db', 'out/r.db'], { cwd: dir }), `breadth: strategy "two-lines" failed on 2005-01-03: no plan; for this (at ${file}:${lineOf(file, 'no plan')}:`);
    expectNothingStored(dir);
  });

  it('NaN weights name the symbol and the date', async () => {
    const dir = scratch();
    strategyFile(dir, 'nan-weights', `() => ({ schedule: schedules.monthStart, decide: (view) => { const w = new Float64Array(view.symbolCount); w[view.resolve('SYN_SMALL')] = 0.5; w[view.resolve('SYN0007')] = NaN; return { weights: w }; } })`);
    expectBadInput(await breadth(['run', '--strategy', './nan-weights.ts', ...SMALL, '--db', 'out/r.db'], { cwd: dir }), 'strategy "nan-weights" failed on 2005-01-03: the weight of SYN0007 is NaN');
    expectNothingStored(dir);
  });

  it('in a study, a run whose strategy fails is named by the study file, its index and its name — by run, study, baseline save and regress — when other runs share its strategy (probe r64c F1: the strategy alone was named)', { timeout: 180_000 }, async () => {
    const dir = scratch();
    write(
      dir,
      'two-modes.ts',
      `import { defineStrategy, schedules, z } from 'breadth';
export default defineStrategy({ name: 'two-modes', description: 'Holds SYN_SMALL, or answers NaN.', dataNeeds: 'stock prices',
  params: z.object({ nan: z.boolean().default(false).describe('answer a NaN weight') }),
  create: ({ nan }) => ({ schedule: schedules.monthStart, decide: () => ({ weights: { SYN_SMALL: nan ? NaN : 0.5 } }) }) });
`,
    );
    const study = (name: string, nan: boolean): string =>
      write(dir, name, ['title: t', `data: ${SMALL[1]}`, 'runs:', '  - name: a-ok', '    strategy: ./two-modes.ts', '  - name: b-nan', '    strategy: ./two-modes.ts', `    params: { nan: ${nan} }`, ''].join('\n'));
    study('ok.yaml', false);
    study('bad.yaml', true);
    const failed = 'breadth: bad.yaml: runs[1] (b-nan): strategy "two-modes" failed on 2005-01-03: the weight of SYN_SMALL is NaN';
    // The commands are independent (each refused before it writes), so they run at once; regress needs the baseline saved first.
    const [run, studied, baseline, saved] = await Promise.all([
      breadth(['run', 'bad.yaml', '--db', 'out/r.db'], { cwd: dir }),
      breadth(['study', 'bad.yaml', '--out', 'out'], { cwd: dir }),
      breadth(['baseline', 'save', 'bad.yaml', '--out', 'out/b.json'], { cwd: dir }),
      breadth(['baseline', 'save', 'ok.yaml', '--out', 'b.json'], { cwd: dir }),
    ]);
    expectBadInput(run, failed);
    expectBadInput(studied, failed);
    expectBadInput(baseline, failed);
    expectNothingStored(dir);
    expectOk(saved);
    const [regressed, flags] = await Promise.all([
      breadth(['regress', 'bad.yaml', '--baseline', 'b.json'], { cwd: dir }),
      breadth(['run', '--strategy', './two-modes.ts', '--param', 'nan=true', ...SMALL, '--db', 'out/r.db'], { cwd: dir }),
    ]);
    expectBadInput(regressed, failed);
    // The flags' one run is the strategy's line alone: there is no other run to tell it from.
    expectBadInput(flags, /^breadth: strategy "two-modes" failed on 2005-01-03: the weight of SYN_SMALL is NaN/);
  });

  it('a weight map naming a symbol the data lacks names it, and the file the decision came from', async () => {
    const dir = scratch();
    const file = strategyFile(dir, 'ghost', `() => ({ schedule: schedules.monthStart, decide: () => ({ weights: { GHOST: 1 } }) })`);
    expectBadInput(await breadth(['run', '--strategy', './ghost.ts', ...SMALL, '--db', 'out/r.db'], { cwd: dir }), 'strategy "ghost" failed on 2005-01-03', 'GHOST', `(in ${file})`);
  });

  it('decide() throws a string, create() throws null: exit 2, the strategy, the session, the value and the file — not breadth\'s internal error (probe r48b F1: exit 70)', async () => {
    const dir = scratch();
    const file = strategyFile(dir, 'string-thrower', `() => ({ schedule: schedules.monthStart, decide(view) { if (view.date >= '2005-06-01') throw 'no volatility'; } })`);
    const nothing = strategyFile(dir, 'null-thrower', `() => { throw null; }`);
    const [o, n] = await Promise.all([
      breadth(['run', '--strategy', './string-thrower.ts', ...SMALL, '--db', 'out/r.db'], { cwd: dir }),
      breadth(['run', '--strategy', './null-thrower.ts', ...SMALL, '--db', 'out/r.db'], { cwd: dir }),
    ]);
    expectBadInput(o, `breadth: strategy "string-thrower" failed on 2005-06-01: it threw the string "no volatility", not an Error (in ${file})`);
    expect(o.stderr).not.toMatch(/internal error/);
    expectBadInput(n, `breadth: strategy "null-thrower" failed in create(): it threw null, not an Error (in ${nothing})`);
    expectNothingStored(dir);
  });

  it('a study\'s model file whose commission() throws, or whose create() throws: exit 2, the model, its file and line — not breadth\'s internal error (exit 70 with a trace before)', async () => {
    const dir = scratch();
    const model = (name: string, create: string): string =>
      write(dir, `${name}.ts`, `import { defineModel, z } from 'breadth';\nexport default defineModel({ concern: 'commission', name: '${name}', description: 'x', params: z.object({}),\n  create: ${create} });\n`);
    const study = (file: string): string => write(dir, `${file}.yaml`, ['title: t', `data: ${SMALL[1]}`, 'runs:', '  - name: r', '    strategy: equal-weight', '    models:', `      commission: { file: ${file}.ts }`, ''].join('\n'));
    const thrower = model('buy-refuser', `() => ({ name: 'refuses buys', commission: ({ quantity }) => { if (quantity > 0) throw new Error('buys are not priced'); return 0; } })`);
    study('buy-refuser');
    const broken = model('broken', `() => { throw new Error('no schedule given'); }`);
    study('broken');
    const [o, b] = await Promise.all([breadth(['study', 'buy-refuser.yaml', '--out', 'out'], { cwd: dir }), breadth(['study', 'broken.yaml', '--out', 'out'], { cwd: dir })]);
    expectBadInput(o, 'breadth: buy-refuser.yaml: runs[0] (r): commission model "refuses buys" (buy-refuser.ts) failed on 2005-01-03 in commission(…): buys are not priced (at ', `${thrower}:${lineOf(thrower, 'throw new Error')}:`);
    expectBadInput(b, 'broken.yaml: runs[0].models.commission: commission model "broken" (broken.ts) failed in create(): no schedule given (at ', `${broken}:${lineOf(broken, 'throw new Error')}:`);
    expectNothingStored(dir);
  });

  it('a getter of the decision that throws, a revoked Proxy, a Symbol key: exit 2, one line naming the file and the getter\'s line — not breadth\'s internal error, not a sold book (probe r49b F4, F5: exit 70; rc 0)', async () => {
    const dir = scratch();
    const getter = strategyFile(dir, 'getter', `() => ({ schedule: schedules.monthStart, decide: () => ({ weights: { get SYN_SMALL(): number { throw new Error('no weight yet'); } } }) })`);
    const revoked = strategyFile(dir, 'revoked', `() => ({ schedule: schedules.monthStart, decide: () => { const r = Proxy.revocable({ SYN_SMALL: 1 }, {}); r.revoke(); return { weights: r.proxy }; } })`);
    const symbol = strategyFile(dir, 'symbol-key', `() => ({ schedule: schedules.monthStart, decide: () => ({ weights: { [Symbol.for('SYN_SMALL')]: 1 } }) })`);
    const run = (name: string) => breadth(['run', '--strategy', `./${name}.ts`, ...SMALL, '--db', 'out/r.db'], { cwd: dir });
    const [o, r, k] = await Promise.all([run('getter'), run('revoked'), run('symbol-key')]);
    expectBadInput(o, `breadth: strategy "getter" failed on 2005-01-03: reading the weight of SYN_SMALL: no weight yet (at ${getter}:${lineOf(getter, 'no weight yet')}:`);
    expect(o.stderr).not.toMatch(/internal error/);
    expectBadInput(r, `breadth: strategy "revoked" failed on 2005-01-03: reading its weights: Cannot perform 'getPrototypeOf' on a proxy that has been revoked (in ${revoked})`);
    expectBadInput(k, `breadth: strategy "symbol-key" failed on 2005-01-03: weights has a Symbol key (Symbol(SYN_SMALL))`, `(in ${symbol})`);
    expectNothingStored(dir);
  });

  it('an order with a price its type does not take, or a key no order has: exit 2, one line naming the order, the date, the fix and the file — never run as another order (probe r52b F1: exit 0, a market fill 3 above the limit)', async () => {
    const dir = scratch();
    // probe r52b's d1, its first six sessions, and its plan strategy: decisions by date from a JSON parameter.
    mkdirSync(join(dir, 'd1'));
    const bars = (rows: string[]): string => ['Date,Open,High,Low,Close,Volume', ...rows, ''].join('\n');
    write(dir, 'd1/AAA.csv', bars(['2024-01-02,100,101,99,100,10000', '2024-01-03,102,104,101,103,10000', '2024-01-04,103,106,102,105,10000', '2024-01-05,104,105,100,101,10000', '2024-01-08,101,103,100,102,10000', '2024-01-09,102,103,98,99,10000']));
    write(dir, 'd1/BBB.csv', bars(['2024-01-02,50,51,49,50,5000', '2024-01-03,50,52,50,51,5000', '2024-01-04,51,51,48,49,5000', '2024-01-05,49,50,48,50,5000', '2024-01-08,50,51,49,50,5000', '2024-01-09,50,50,47,48,5000']));
    const file = write(
      dir,
      'plan.ts',
      `import { defineStrategy, schedules, z } from 'breadth';
export default defineStrategy({
  name: 'plan', description: 'Decisions by date from a JSON plan.', dataNeeds: 'prices',
  params: z.object({ plan: z.record(z.string(), z.any()).default({}).describe('JSON: date -> decision') }),
  create: ({ plan }) => ({ schedule: schedules.everySession, decide: (view) => (plan as Record<string, never>)[view.date] }),
});
`,
    );
    const run = (plan: object) => breadth(['run', '--data', 'd1', '--strategy', './plan.ts', '--cash', '10000', '--db', 'out/r.db', '--param', `plan=${JSON.stringify(plan)}`], { cwd: dir });
    const [limit, stopLimit, limitStop, tif] = await Promise.all([
      run({ '2024-01-02': [{ symbol: 'AAA', quantity: 10, limit: 99 }] }),
      run({ '2024-01-08': [{ symbol: 'BBB', quantity: 10, type: 'stop', stop: 49.5, limit: 49.6 }] }),
      run({ '2024-01-08': [{ symbol: 'AAA', quantity: 10, type: 'limit', limit: 106, stop: 105 }] }),
      run({ '2024-01-03': [{ symbol: 'AAA', quantity: 10, type: 'limit', limit: 101, timeInForce: 'day' }] }),
    ]);
    // Before: exit 0 — a market buy at 01-03's open of 102 (the limit 99 is first reached on 01-09, low 98), a stop-market fill of BBB at 50.00
    // above its 49.6 limit, a limit fill of AAA at 102 though the 105 stop was never reached (high 103), and a gtc order meant to be a day order.
    expectBadInput(limit, `breadth: strategy "plan" failed on 2024-01-02: the market order for AAA has limit 99: only a limit order takes a limit price — give type: 'limit' with it, or leave limit out (in ${file})`);
    const noStopLimit = 'breadth has no stop-limit orders — send the limit order alone, or the stop order alone (it fills as a market order once triggered)';
    expectBadInput(stopLimit, `breadth: strategy "plan" failed on 2024-01-08: the stop order for BBB has limit 49.6 too: ${noStopLimit} (in ${file})`);
    expectBadInput(limitStop, `breadth: strategy "plan" failed on 2024-01-08: the limit order for AAA has stop 105 too: ${noStopLimit} (in ${file})`);
    expectBadInput(tif, `breadth: strategy "plan" failed on 2024-01-03: the order for AAA: timeInForce is not an order field: did you mean tif? (in ${file})`);
    expectNothingStored(dir);
  });
});

describe.concurrent('an error a strategy or model raises outside breadth\'s calls (probe r60c F4: a Node stack trace, exit 1, the run stored)', () => {
  const FIX = 'breadth calls a strategy or model synchronously and awaits nothing it starts: handle the error where that work runs, or do the work within the call';
  const REJECTED = 'a promise the code there started and never awaited rejected';
  /** The frame `file:line:` of `text` in `file`, as a regular expression's text (its column follows). */
  const frameOf = (file: string, text: string): string => `${file}:${lineOf(file, text)}:`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  it('a promise decide() never awaited that rejects, a timer create() set that throws, a rejection with a string: exit 2, one line naming the file:line and the message, nothing stored', async () => {
    const dir = scratch();
    const unawaited = strategyFile(dir, 'unawaited', `() => ({ schedule: schedules.monthStart, decide: () => { Promise.reject(new Error('later')); return { weights: { SYN_SMALL: 1 } }; } })`);
    const timer = strategyFile(dir, 'timer', `() => { setTimeout(() => { throw new TypeError('no feed'); }, 0); return { schedule: schedules.monthStart, decide: () => ({ weights: { SYN_SMALL: 1 } }) }; }`);
    const text = strategyFile(dir, 'text', `() => ({ schedule: schedules.monthStart, decide: () => { Promise.reject('nope'); return { weights: { SYN_SMALL: 1 } }; } })`);
    const run = (file: string) => breadth(['run', '--strategy', `./${file}.ts`, ...SMALL, '--db', 'out/r.db', '--report', 'out/r.html'], { cwd: dir });
    const [a, b, c] = await Promise.all([run('unawaited'), run('timer'), run('text')]);
    expectBadInput(a, new RegExp(`^breadth: ${frameOf(unawaited, 'later')}\\d+: ${REJECTED}: later — ${FIX}$`));
    expectBadInput(b, new RegExp(`^breadth: ${frameOf(timer, 'no feed')}\\d+: a callback the code there left to run later \\(a timer, an event\\) threw: no feed — ${FIX}$`));
    expectBadInput(c, `breadth: ${text}: ${REJECTED} with the string "nope", not an Error — ${FIX}`);
    // The replay of the first two had finished: the run is refused as a synchronous throw is, and nothing of it is stored.
    expectNothingStored(dir);
  });

  it('a model file whose commission() leaves a rejected promise: the same line, naming the model file', async () => {
    const dir = scratch();
    const model = write(dir, 'leaky.ts', `import { defineModel, z } from 'breadth';\nexport default defineModel({ concern: 'commission', name: 'leaky', description: 'x', params: z.object({}),\n  create: () => ({ name: 'leaky', commission: () => { Promise.reject(new Error('no price list')); return 1; } }) });\n`);
    write(dir, 'leaky.yaml', ['title: t', `data: ${SMALL[1]}`, 'runs:', '  - name: r', '    strategy: equal-weight', '    models:', '      commission: { file: leaky.ts }', ''].join('\n'));
    expectBadInput(await breadth(['study', 'leaky.yaml', '--out', 'out'], { cwd: dir }), new RegExp(`^breadth: ${frameOf(model, 'no price list')}\\d+: ${REJECTED}: no price list — ${FIX}$`));
    expectNothingStored(dir);
  });

  it('in a local sweep the trial whose strategy did so fails with that line, and the others run, are ranked and kept', { timeout: 150_000 }, async () => {
    const dir = scratch();
    const file = write(
      dir,
      'half.ts',
      `import { defineStrategy, schedules, z } from 'breadth';\nexport default defineStrategy({ name: 'half', description: 'x', dataNeeds: 'prices', params: z.object({ weight: z.number().default(1) }),\n  create: ({ weight }) => ({ schedule: schedules.monthStart, decide: () => { if (weight === 0.5) Promise.reject(new Error('half')); return { weights: { SYN_SMALL: weight } }; } }) });\n`,
    );
    write(dir, 'half.yaml', ['title: t', `data: ${SMALL[1]}`, 'runs:', '  - name: h', '    strategy: ./half.ts', '    sweep: { params: { weight: [0.3, 0.5, 0.9] } }', ''].join('\n'));
    const o = await breadth(['sweep', 'half.yaml', '--db', 'h.db', '--workers', '2', '--keep', '2', '--json', '--no-report'], { cwd: dir, timeoutMs: 120_000 });
    expectOk(o);
    const summary = JSON.parse(o.stdout);
    expect([summary.planned, summary.ran]).toEqual([3, 2]);
    expect(summary.failed).toHaveLength(1);
    expect(summary.failed[0]).toMatchObject({ name: 'h[weight=0.5]', kind: 'user' });
    expect(summary.failed[0].message).toMatch(new RegExp(`^${frameOf(file, "Error('half')")}\\d+: ${REJECTED}: half — ${FIX}$`));
    expect(summary.kept.map((k: { name: string }) => k.name).sort()).toEqual(['h[weight=0.3]', 'h[weight=0.9]']);
  });

  it("breadth's own error raised outside a call (a timer in its engine) stays its internal error: exit 70 with the trace", async () => {
    const dir = scratch();
    const other = anotherBuild(dir);
    appendFileSync(join(dir, 'another-breadth', 'engine', 'version.ts'), "setTimeout(() => { throw new Error('a bug of breadth'); }, 0);\n");
    const o = await breadth(['strategies'], { cwd: dir, bin: other });
    expect(o.status, o.stderr).toBe(70);
    expect(o.stderr).toMatch(/^breadth: internal error — please report it with this trace:\nError: a bug of breadth\n\s+at /);
  });
});

describe.concurrent('a strategy that fails right after a cold load', () => {
  it('ends by its exit code once the market cache is written: the entry is kept, never cut by the exit (which aborted breadth with a native stack trace under load, SIGABRT in place of exit 2)', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'd1'));
    const bars = (rows: string[]): string => ['Date,Open,High,Low,Close,Volume', ...rows, ''].join('\n');
    write(dir, 'd1/AAA.csv', bars(['2024-01-02,100,101,99,100,10000', '2024-01-03,102,104,101,103,10000', '2024-01-04,103,106,102,105,10000']));
    write(dir, 'd1/BBB.csv', bars(['2024-01-02,50,51,49,50,5000', '2024-01-03,50,52,50,51,5000', '2024-01-04,51,51,48,49,5000']));
    const file = write(dir, 'fails.ts', `import { defineStrategy, schedules, z } from 'breadth';
export default defineStrategy({
  name: 'fails', description: 'Fails at its first decision.', dataNeeds: 'prices', params: z.object({}),
  create: () => ({ schedule: schedules.everySession, decide: () => { throw new Error('no plan for this'); } }),
});
`);
    // Three cold runs, each into an empty cache: the store worker starts as the replay does, and the strategy fails within
    // milliseconds. Before, process.exit cut the worker: the entry was missing in 3 of 5 tries here (and a cut inside
    // better-sqlite3's load aborted the process).
    // The three are independent (a cache and a database each): they run at once, which only adds to the load.
    await Promise.all(
      [1, 2, 3].map(async (k) => {
        const env = { BREADTH_CACHE_DIR: join(dir, `cache${k}`) };
        const failed = await breadth(['run', '--data', 'd1', '--strategy', './fails.ts', '--db', `out/r${k}.db`], { cwd: dir, env });
        expectBadInput(failed, `breadth: strategy "fails" failed on 2024-01-02: no plan for this (at ${file}:4:76)`);
        const info = await breadth(['cache', 'info'], { cwd: dir, env });
        expectOk(info);
        expect(info.stdout).toMatch(/^ {2}1 sources, /m);
      }),
    );
  });
});

describe.concurrent('output paths that are folders are refused before any work', () => {
  let dir: string;
  beforeAll(async () => {
    dir = scratch();
    mkdirSync(join(dir, 'folder'));
    // Runs on the small sample: the refusals below read the store, never the runs' data.
    expectOk(await breadth(['run', '--strategy', 'iwm-vs-smlf', ...SMALL, '--db', 'store/r.db'], { cwd: dir }));
    expectOk(await breadth(['run', '--strategy', 'iwm-vs-smlf', '--param', 'mode=hold-broad', '--label', 'hold', ...SMALL, '--db', 'store/r.db'], { cwd: dir }));
  });

  it('run --report <folder>: nothing run, nothing stored', async () => {
    const o = await breadth(['run', '--strategy', 'size-tilt', '--db', 'out/new.db', '--report', 'folder'], { cwd: dir });
    expectBadInput(o, '--report folder is a folder', join('folder', 'tear-sheet.html'));
    expect(existsSync(join(dir, 'out', 'new.db'))).toBe(false);
  });

  it('report --out <folder>, compare --out <folder>', async () => {
    const [report, compare] = await Promise.all([breadth(['report', 'store/r.db', '--out', 'folder'], { cwd: dir }), breadth(['compare', 'store/r.db', '1', '2', '--out', 'folder'], { cwd: dir })]);
    expectBadInput(report, '--out folder is a folder');
    expectBadInput(compare, '--out folder is a folder');
    expect(readdirSync(join(dir, 'folder'))).toEqual([]);
  });

  it('baseline save --out <folder> is refused, and the folder stays empty', async () => {
    expectBadInput(await breadth(['baseline', 'save', '--out', 'folder'], { cwd: dir }), '--out folder is a folder');
    expect(readdirSync(join(dir, 'folder'))).toEqual([]);
  });
});

describe.concurrent('flag values are checked, never silently replaced', () => {
  const run = async (...flags: string[]) => {
    const dir = scratch();
    const o = await breadth(['run', '--strategy', 'size-tilt', ...SMALL, '--db', 'out/r.db', ...flags], { cwd: dir });
    expectNothingStored(dir);
    return o;
  };

  it('--rf abc and --rf nosuchseries: no such rate series in the data (which ones it has)', async () => {
    const [abc, none] = await Promise.all([run('--rf', 'abc'), run('--rf', 'nosuchseries')]);
    expectBadInput(abc, '--rf abc: no rate series "abc"', 'tbill3m');
    expectBadInput(none, '--rf nosuchseries: no rate series');
  });

  it('--rf 3%: write the rate as a decimal', async () => {
    const [three, noisy] = await Promise.all([run('--rf', '3%'), run('--rf', '2.89 %')]);
    expectBadInput(three, '--rf 3%', '--rf 0.03');
    // 2.89 % is 0.0289 as a decimal, not 2.89 / 100 = 0.028900000000000002 (probe r57a: no double's noise in a message).
    expectBadInput(noisy, '--rf 2.89 %: write the annual rate as a decimal (--rf 0.0289 for 2.89 %)');
  });

  it('--cash 5e307: a clear bound', async () => {
    expectBadInput(await run('--cash', '5e307'), '--cash', 'at most 1e12');
  });

  it('--commission-bps -1 is refused as a config file refuses commission bps: -5', async () => {
    expectBadInput(await run('--commission-bps', '-1'), /^breadth: --commission-bps -1: the commission is in basis points from 0 to 10000 \(10 = 0\.1 % of notional; 0 for none\)$/);
    const dir = scratch();
    write(dir, 'neg.yaml', smallStudy().replace('params: { mode: etf, tilt: 0.5 }', 'params: { mode: etf, tilt: 0.5 }\n    engine: { commission: { kind: bps, bps: -5 } }'));
    expectBadInput(await breadth(['run', 'neg.yaml', '--db', 'out/r.db'], { cwd: dir }), /^breadth: neg\.yaml: runs\[0\]\.engine\.commission\.bps: -5: the commission is in basis points from 0 to 10000 \(10 = 0\.1 % of notional; 0 for none\)$/);
  });
});

/** Run `script` with `folder` read-only: a read-only bind mount as root (file modes do not bind root), else file modes. */
function readOnlyShell(folder: string, script: string, cwd: string) {
  const asRoot = process.getuid?.() === 0;
  const wrapped = asRoot
    ? `unshare -m sh -c ${quote(`mount --bind -o ro ${quote(folder)} ${quote(folder)} && ${script}`)}`
    : `chmod -R a-w ${quote(folder)} && ${script}; status=$?; chmod -R u+w ${quote(folder)}; exit $status`;
  return shell(wrapped, { cwd });
}

const canMountReadOnly = process.getuid?.() !== 0 || spawnSync('unshare', ['-m', 'true']).status === 0;

// Chains of CLI processes, run beside the file's other tests: 120 s, not the default 60 s, for a loaded machine.
describe.runIf(canMountReadOnly).concurrent('reading commands work on a read-only results database', { timeout: 120_000 }, () => {
  it('runs list, runs show, report and compare read it; runs delete says it is read-only; the file is unchanged', async () => {
    const dir = scratch();
    const store = join(dir, 'store');
    // Runs on the small sample: what is read-only is the store, whatever the runs in it.
    expectOk(await breadth(['run', '--strategy', 'iwm-vs-smlf', ...SMALL, '--db', join(store, 'r.db')], { cwd: dir }));
    expectOk(await breadth(['run', '--strategy', 'iwm-vs-smlf', '--param', 'mode=hold-broad', ...SMALL, '--db', join(store, 'r.db')], { cwd: dir }));
    const hash = () => createHash('sha256').update(readFileSync(join(store, 'r.db'))).digest('hex');
    const before = hash();
    const cli = `${quote(process.execPath)} --conditions=breadth-source ${quote(bin)}`;
    const db = quote(join(store, 'r.db'));
    const o = await readOnlyShell(
      store,
      [`${cli} runs list ${db}`, `${cli} runs show ${db} 1`, `${cli} report ${db} 1 --out report.html`, `${cli} compare ${db} 1 2 --out compare.html`].join(' && '),
      dir,
    );
    expectOk(o);
    expect(o.stdout).toContain('iwm-vs-smlf');
    expect(o.stdout).toContain('tear sheet of run 1: report.html');
    expect(o.stdout).toContain('comparison of runs 1, 2: compare.html');
    const removal = await readOnlyShell(store, `${cli} runs delete ${db} 1`, dir);
    expectBadInput(removal, 'results store', /writable|read-only/);
    expect(hash()).toBe(before);
    expect(existsSync(join(repoRoot, 'report.html'))).toBe(false);
  });

  it('an older store (schema v5) is upgraded by a reading command where writable, and refused with the way out where not', async () => {
    const dir = scratch();
    const store = join(dir, 'store');
    mkdirSync(store);
    const make = (file: string): void => openStore(file, MIGRATIONS.slice(0, 5)).close();
    make(join(store, 'old.db'));
    const cli = `${quote(process.execPath)} --conditions=breadth-source ${quote(bin)}`;
    const refused = await readOnlyShell(store, `${cli} runs list ${quote(join(store, 'old.db'))}`, dir);
    expectBadInput(
      refused,
      `breadth: ${join(store, 'old.db')} is from an older breadth (schema v5, now v${SCHEMA_VERSION}) and cannot be upgraded here: the file or its folder is read-only; make it writable (or copy it with its -wal file to a writable folder) and run \`breadth runs list\` on it once to upgrade it`,
    );
    make(join(dir, 'old.db'));
    const upgraded = await breadth(['runs', 'list', 'old.db'], { cwd: dir });
    expectOk(upgraded);
    expect(upgraded.stderr).toBe(`breadth: upgraded old.db from schema v5 to v${SCHEMA_VERSION} (an older breadth can no longer open it)\n`);
    const again = await breadth(['runs', 'list', 'old.db'], { cwd: dir });
    expectOk(again);
    expect(again.stderr).toBe('');
  });
});

describe.concurrent('a file that holds no store, named to a command that reads one (probe r60c L2)', () => {
  it('runs list, runs show, export, report, compare and runs delete refuse an empty file in one line and leave it as it was (0 bytes: it became a 147 KB store, "upgraded notes.txt from schema v0 to v13")', async () => {
    const dir = scratch();
    write(dir, 'notes.txt', '');
    const refusal = 'breadth: notes.txt is empty: not a breadth store; name the results database `breadth run --db` or `breadth study` wrote';
    const commands = [['runs', 'list', 'notes.txt'], ['runs', 'show', 'notes.txt'], ['export', 'notes.txt', '1'], ['report', 'notes.txt', '1'], ['compare', 'notes.txt', '1', '2'], ['runs', 'delete', 'notes.txt', '1']];
    for (const o of await Promise.all(commands.map((args) => breadth(args, { cwd: dir })))) expectBadInput(o, refusal);
    expect(readFileSync(join(dir, 'notes.txt')).length).toBe(0);
    expect(readdirSync(dir)).toEqual(['notes.txt']); // no journal, -wal, -shm or page beside it
  });
});

/**
 * How to run a command as a user whom a folder's permissions make read-only, where this process is
 * root: nobody (uid 65534) through util-linux's setpriv, when it is installed and nobody may run
 * this Node and read this tree (a clone under root's 0700 home is unreadable to it). Else (not
 * root) no switch is needed: the folder's write bits are turned off.
 */
function asNobody(): { prefix: string } | { skip: string } {
  if (process.getuid?.() !== 0) return { prefix: '' };
  const prefix = 'setpriv --reuid=65534 --regid=65534 --clear-groups';
  const probe = spawnSync('sh', ['-c', `${prefix} sh -c ${quote(`test -x ${quote(process.execPath)} && test -r ${quote(bin)}`)}`]);
  if (probe.error || probe.status === 127) return { skip: 'setpriv (util-linux) is not installed' };
  if (probe.status !== 0) return { skip: `user nobody may not run ${process.execPath} or read ${bin}` };
  return { prefix };
}
const nobody = asNobody();
if ('skip' in nobody) console.warn(`test/cli/run/blame: the read-only-by-permissions folder test is skipped as root: ${nobody.skip}`);

describe.skipIf('skip' in nobody).concurrent('reading commands work on a store in a folder read-only by its permissions (probe r56d: SQLITE_READONLY_DIRECTORY was refused as "cannot write")', () => {
  it('runs list, runs show, export and report read it (nothing created beside it); run and runs delete are refused in one line', async () => {
    const dir = scratch();
    const store = join(dir, 'store');
    const out = join(dir, 'out'); // writable by everyone: the report, and the temp folder of the store's snapshot
    expectOk(await breadth(['run', '--strategy', 'iwm-vs-smlf', '--db', join(store, 'r.db')], { cwd: dir }));
    mkdirSync(out, { mode: 0o777 });
    chmodSync(out, 0o777);
    chmodSync(dir, 0o755);
    const before = readFileSync(join(store, 'r.db'));
    const prefix = 'prefix' in nobody ? nobody.prefix : '';
    const cli = `${prefix} ${quote(process.execPath)} --conditions=breadth-source ${quote(bin)}`;
    const db = quote(join(store, 'r.db'));
    // Not root: the folder's write bits off for the commands, back on after.
    const readOnly = (script: string) => shell(prefix ? script : `chmod a-w ${quote(store)} && ${script}; status=$?; chmod u+w ${quote(store)}; exit $status`, { cwd: dir, env: { TMPDIR: out } });
    const read = await readOnly(
      [`${cli} runs list ${db}`, `${cli} runs show ${db} 1`, `${cli} export ${db} 1 --what yearly`, `${cli} report ${db} 1 --out ${quote(join(out, 'report.html'))}`].join(' && '),
    );
    expectOk(read);
    expect(read.stderr).toBe('');
    expect(read.stdout).toContain('iwm-vs-smlf');
    expect(read.stdout).toMatch(/^year,/m); // the export's CSV header
    expect(read.stdout).toContain(`tear sheet of run 1: ${join(out, 'report.html')}`);
    expect(readdirSync(store)).toEqual(['r.db']);
    expect(readdirSync(out).filter((name) => name.startsWith('breadth-store-'))).toEqual([]); // the snapshot is gone with the command
    expect(readFileSync(join(store, 'r.db')).equals(before)).toBe(true);
    for (const writing of [`${cli} runs delete ${db} 1`, `${cli} run --strategy iwm-vs-smlf --db ${db}`]) {
      expectBadInput(await readOnly(writing), `breadth: cannot write results store ${join(store, 'r.db')}: the file or its folder is read-only`);
    }
  });
});

/** Only a read-only mount makes SQLite refuse root an in-place open: there the store is read from a snapshot copy in the temp folder. */
const canMountAsRoot = process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0;

describe.runIf(canMountAsRoot)("a read-only store's snapshot copy in the temp folder (probe r56d F5)", () => {
  let dir: string;
  let store: string;
  let temp: string;
  const snapshots = (): string[] => readdirSync(temp).filter((name) => name.startsWith('breadth-store-'));
  /** `breadth ...args` with `store` mounted read-only, the process itself (not a shell) at the returned pid. */
  const readOnly = (args: string[]) =>
    start('unshare', ['-m', 'sh', '-c', `mount --bind -o ro ${quote(store)} ${quote(store)} && exec ${[process.execPath, ...NODE_ARGS, bin, ...args].map(quote).join(' ')}`], { cwd: dir, env: { TMPDIR: temp } });

  beforeAll(async () => {
    dir = scratch();
    store = join(dir, 'store');
    temp = join(dir, 'tmp');
    mkdirSync(temp);
    expectOk(await breadth(['run', '--strategy', 'iwm-vs-smlf', '--db', join(store, 'r.db')], { cwd: dir }));
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} while a reading command holds one removes it: nothing stays in the temp folder, and breadth ends by ${signal}`, async () => {
      const reader = readOnly(['export', join(store, 'r.db'), '1', '--what', 'positions', '--out', `${signal}.csv`]);
      expect(await signalOnEntry(reader, temp, (name) => name.startsWith('breadth-store-'), signal)).toBe(true);
      const ended = await reader.ended;
      expect(ended.signal, ended.stderr).toBe(signal);
      expect(snapshots()).toEqual([]); // was: breadth-store-XXXXXX/r.db, a copy of the whole store, for ever
    });
  }

  it("is named with its process's id; one a killed reader left is removed by the next, a live reader's is kept", async () => {
    const gone = spawn('true');
    await once(gone, 'close'); // a process that ran and ended: its pid no longer runs
    const dead = `breadth-store-${gone.pid}-a1b2c3d4`;
    const live = `breadth-store-${process.pid}-a1b2c3d4`; // this test's process runs
    for (const name of [dead, live]) {
      mkdirSync(join(temp, name));
      writeFileSync(join(temp, name, 'r.db'), 'a copy of a store');
    }
    const listing = await readOnly(['runs', 'list', join(store, 'r.db')]).ended;
    expectOk(listing);
    expect(listing.stdout).toContain('iwm-vs-smlf');
    expect(snapshots()).toEqual([live]); // the dead reader's went; this one's own went on close
  });
});
