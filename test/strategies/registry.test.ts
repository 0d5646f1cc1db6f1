// The registry: built-ins by name, user strategy files by path, source hashes, clear errors —
// for a file that does not load, and for a create() that returns what the engine cannot run.

import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StrategyError, UserError } from '../../data/errors.ts';
import { backtest } from '../../engine/backtest.ts';
import { schedules } from '../../engine/calendar/schedule.ts';
import { defineStrategy, instantiate } from '../../strategies/api.ts';
import { sessionsParam } from '../../strategies/blocks/params.ts';
import { months } from '../../strategies/blocks/durations.ts';
import { definitionExport, ownExports } from '../../strategies/loader.ts';
import { BUILD_SOURCES } from '../../core/buildFingerprint.ts';
import { builtinDefinition, builtinNames, createBuiltinStrategy, createStrategy, listStrategies, loadStrategyDefinition } from '../../strategies/registry.ts';
import { testMarket } from './testMarket.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path, 'utf8')).digest('hex');
const EXAMPLE = 'examples/strategies/lowVolatility.ts';

describe('built-ins', () => {
  it('lists the eleven built-ins with descriptions, data needs and their source files', () => {
    expect(builtinNames()).toEqual([
      'buy-and-hold',
      'fixed-weights',
      'equal-weight',
      'sma-crossover',
      'momentum',
      'quality-long-short',
      'size-tilt',
      'iwm-vs-smlf',
      'rate-regime',
      'breadth-thrust',
      'risk-allocation',
    ]);
    for (const info of listStrategies()) {
      expect(info.dataNeeds).not.toBe('');
      expect(readFileSync(join(repo, info.file), 'utf8')).toContain(`name: '${info.name}'`);
    }
  });

  it('sets the source hash to the sha256 of the built-in’s own file', async () => {
    const strategy = await createStrategy('size-tilt', { tilt: 0.3 });
    expect(strategy.name).toBe('size-tilt');
    expect(strategy.params).toMatchObject({ tilt: 0.3 });
    expect(strategy.sourceHash).toBe(sha256(join(repo, 'strategies/builtin/sizeTilt.ts')));
  });

  it('reads CRLF as LF: a Windows checkout of the built-ins has their source hashes (probe r50a F5: a CRLF worker refused every built-in job)', async () => {
    // A copy of breadth's source with every built-in saved CRLF (git's core.autocrlf), loaded as a
    // second registry: each built-in's hash is the sha256 of this checkout's LF file, as before.
    const root = mkdtempSync(join(tmpdir(), 'breadth-crlf-'));
    try {
      for (const source of BUILD_SOURCES) cpSync(join(repo, source), join(root, source), { recursive: true });
      symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'));
      const builtins = join(root, 'strategies', 'builtin');
      for (const name of readdirSync(builtins).filter((f) => f.endsWith('.ts'))) writeFileSync(join(builtins, name), readFileSync(join(builtins, name), 'utf8').replaceAll('\n', '\r\n'));
      expect(readFileSync(join(builtins, 'sizeTilt.ts'), 'utf8')).toContain('\r\n');
      const crlf = (await import(pathToFileURL(join(root, 'strategies', 'registry.ts')).href)) as typeof import('../../strategies/registry.ts');
      for (const info of listStrategies()) expect(crlf.builtinDefinition(info.name).sourceHash, info.name).toBe(sha256(join(repo, info.file)));
      expect(builtinDefinition('size-tilt').sourceHash).toBe(sha256(join(repo, 'strategies/builtin/sizeTilt.ts')));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('names the built-ins when a name is unknown', async () => {
    await expect(createStrategy('size-tlit')).rejects.toThrow(/unknown strategy "size-tlit": built-ins are buy-and-hold, .*size-tilt.*; or give the path/);
  });

  it('given a definition or anything but a string (plain JavaScript), createStrategy and createBuiltinStrategy say so and name instantiate() — a UserError, not "nameOrPath.includes is not a function" (probe r64c F7)', async () => {
    const definition = builtinDefinition('buy-and-hold').definition;
    const fix = 'for a definition (defineStrategy\'s), use instantiate(definition, params)';
    const refusal = async (build: () => unknown): Promise<unknown> => {
      try {
        await build();
      } catch (err) {
        return err;
      }
      throw new Error('not refused');
    };
    for (const [call, build] of [
      ['createStrategy', (x: unknown) => createStrategy(x as string, {})],
      ['createBuiltinStrategy', (x: unknown) => createBuiltinStrategy(x as string, {})],
    ] as const) {
      const err = await refusal(() => build(definition));
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toBe(`${call}() takes a built-in strategy's name or a strategy file's path, got a strategy definition: ${fix}`);
      expect(((await refusal(() => build(42))) as Error).message).toBe(`${call}() takes a built-in strategy's name or a strategy file's path, got 42: ${fix}`);
      expect(((await refusal(() => build(undefined))) as Error).message).toBe(`${call}() takes a built-in strategy's name or a strategy file's path, got undefined: ${fix}`);
    }
    // The fix works: the definition instantiated runs as the built-in by its name does.
    expect(instantiate(definition, {}).name).toBe('buy-and-hold');
  });
});

describe('user strategy files', () => {
  it('loads the example by path, hashes it and runs it through the engine', async () => {
    const strategy = await createStrategy(EXAMPLE, { window: 40 }, repo);
    expect(strategy.name).toBe('low-volatility');
    expect(strategy.sourceHash).toBe(sha256(join(repo, EXAMPLE)));
    const market = testMarket();
    const result = backtest(market, strategy, { shares: 'fractional' });
    expect(result.manifest.strategy.sourceHash).toBe(strategy.sourceHash);
    expect(result.fills.session.length).toBeGreaterThan(0);
    // Only stocks, never the funds; the calmest fifth of the universe at each decision.
    const { session, symbol, targetWeight } = result.snapshots;
    const lastDecision = session[session.length - 1];
    const targeted = Array.from(symbol).filter((i, k) => session[k] === lastDecision && targetWeight[k] > 0);
    expect(targeted.length).toBeGreaterThanOrEqual(6);
    expect(targeted.length).toBeLessThanOrEqual(9);
    for (const i of targeted) expect(market.assetClass[i]).toBe(0);
    const lastNav = result.daily.nav[result.daily.nav.length - 1];
    expect(lastNav).toBeGreaterThan(0);
  });

  it('validates the example’s parameters like a built-in’s', async () => {
    await expect(createStrategy(EXAMPLE, { window: 5 }, repo)).rejects.toThrow('low-volatility: window must be between 20 and 1000, got 5');
  });

  const dir = mkdtempSync(join(tmpdir(), 'breadth-strategies-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('accepts `export const strategy` as well as a default export', async () => {
    const path = file(
      'named.js',
      `export const strategy = { name: 'cash', description: 'Holds cash.', dataNeeds: 'nothing',
         params: { shape: {}, safeParse: (raw) => ({ success: true, data: raw ?? {} }) },
         create: () => ({ schedule: { name: 'never', sessions: (d) => new Uint8Array(d.length) }, decide: () => ({ weights: {} }) }) };`,
    );
    const loaded = await loadStrategyDefinition(path);
    expect(loaded.definition.name).toBe('cash');
    expect(loaded.origin).toBe(path);
    expect(loaded.sourceHash).toBe(sha256(path));
  });

  it('hashes a file saved with CRLF as the same file with LF (probe r50a F5)', async () => {
    const lf = readFileSync(join(repo, EXAMPLE), 'utf8');
    const path = file('lowVolatilityCrlf.ts', lf.replaceAll('\n', '\r\n'));
    // By hand: the sha256 of the example's LF text, its hash from the repository.
    expect((await loadStrategyDefinition(path)).sourceHash).toBe(createHash('sha256').update(lf).digest('hex'));
  });

  it('loads TypeScript files too', async () => {
    const path = file(
      'typed.ts',
      `const none: Record<string, number> = {};
       export default { name: 'typed', description: 'Holds cash.', dataNeeds: 'nothing',
         params: { shape: {}, safeParse: (raw: unknown) => ({ success: true, data: raw ?? {} }) },
         create: () => ({ schedule: { name: 'never', sessions: (d: Int32Array) => new Uint8Array(d.length) }, decide: () => ({ weights: none }) }) };`,
    );
    expect((await loadStrategyDefinition(path)).definition.name).toBe('typed');
  });

  it('says when the file is missing', async () => {
    await expect(createStrategy('./nowhere/mine.ts', {}, dir)).rejects.toThrow(`strategy file ./nowhere/mine.ts not found (looked at ${join(dir, 'nowhere/mine.ts')})`);
  });

  it('says when the file exports no definition, and what it does export', async () => {
    const path = file('none.js', 'export const helper = 1;\n');
    await expect(createStrategy(path)).rejects.toThrow(/exports no strategy definition: write `export default defineStrategy\(\{ \.\.\. \}\)`.*\(it exports helper\)/);
  });

  it('a file loaded as CommonJS (a .ts file with no "type": "module" around it) that exports nothing, or another name, exports no definition — not a definition lacking five fields (probe r48b F3)', () => {
    // The namespaces tsx gives such a file (vitest loads test files as ES modules, so they are written out here; test/cli/badInput.test.ts loads real ones):
    // its module.exports is the default export, and each name beside it is that object's property again.
    const definition = { name: 'cash', description: 'Holds cash.', dataNeeds: 'nothing', params: {}, create: () => ({}) };
    const commonJs = (exports: Record<string, unknown>): Record<string, unknown> => ({ default: exports, 'module.exports': exports, ...exports });
    expect(definitionExport(commonJs({}), 'strategy')).toBeUndefined();
    expect(Object.keys(ownExports(commonJs({})))).toEqual([]);
    expect(definitionExport(commonJs({ myStrategy: definition }), 'strategy')).toBeUndefined();
    expect(Object.keys(ownExports(commonJs({ myStrategy: definition })))).toEqual(['myStrategy']);
    // What such a file does export is found, by either name; `export default` arrives as module.exports.default.
    expect(definitionExport(commonJs({ strategy: definition }), 'strategy')).toBe(definition);
    expect(definitionExport(commonJs({ default: definition, helper: 1 }), 'strategy')).toBe(definition);
    // Model files are read the same way (study/models.ts): one exporting nothing gets its "exports no model definition".
    expect(definitionExport(commonJs({}), 'model')).toBeUndefined();
    // An ES module's own default export is read as it is, a malformed definition too (its fields are then listed).
    expect(definitionExport({ default: definition }, 'strategy')).toBe(definition);
    const malformed = { name: 'Bad Name', description: 'x' };
    expect(definitionExport({ default: malformed }, 'strategy')).toBe(malformed);
    expect(definitionExport({ helper: 1 }, 'strategy')).toBeUndefined();
  });

  it('lists what is wrong with an invalid definition', async () => {
    const path = file('bad.js', "export default { name: 'Bad Name', description: 'x', params: {}, create: 3 };\n");
    await expect(createStrategy(path)).rejects.toThrow(
      /invalid strategy definition: name must be a kebab-case string.*; dataNeeds must be a string.*; params must be a zod object schema.*; create must be a function/,
    );
  });

  it('reports a file that fails to load as a user error', async () => {
    const path = file('broken.js', 'export default {{;\n');
    await expect(createStrategy(path)).rejects.toThrow(/^strategy file .*broken\.js could not be loaded: /);
  });
});

describe('a create() that returns what the engine cannot run is the strategy file\'s fault, named with its fix', () => {
  const dir = mkdtempSync(join(tmpdir(), 'breadth-create-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** A JavaScript strategy file (no type checker) whose create() body is `create`. */
  const strategyFile = (name: string, create: string): string => {
    const path = join(dir, `${name}.js`);
    writeFileSync(
      path,
      `import { schedules } from ${JSON.stringify(join(repo, 'engine/calendar/schedule.ts'))};
export default { name: '${name}', description: 'Returns the wrong thing.', dataNeeds: 'nothing',
  params: { shape: {}, safeParse: (raw) => ({ success: true, data: raw ?? {} }) },
  create: ${create} };
`,
    );
    return path;
  };
  const decide = 'decide: () => ({ weights: {} })';
  const must = (name: string, path: string): string => `strategy "${name}" failed in create() (${path}): it must return { schedule, decide }: `;
  const READY = 'schedules.everySession, schedules.monthStart, schedules.monthEnd, schedules.quarterStart, schedules.quarterEnd, schedules.yearStart, schedules.yearEnd, or schedules.weekly(…), schedules.everyNSessions(…), schedules.custom(…), schedules.withDriftBand(…)';

  it('a schedule given by name (probe r48c F2): the schedule object, or scheduleNamed for a name from a parameter', async () => {
    const path = strategyFile('by-name', `() => ({ schedule: 'month-start', ${decide} })`);
    const refused = createStrategy(path);
    await expect(refused).rejects.toThrow(StrategyError);
    await expect(refused).rejects.toThrow(`${must('by-name', path)}schedule "month-start" is a name, not a schedule: use schedules.monthStart, or scheduleNamed("month-start") for a name read from a parameter`);
    // A name scheduleNamed does not know gets the choices; 'weekly' is made by a function.
    const unknown = strategyFile('unknown-name', `() => ({ schedule: 'monthly', ${decide} })`);
    await expect(createStrategy(unknown)).rejects.toThrow(`${must('unknown-name', unknown)}schedule "monthly" is a string, not a schedule: use ${READY}`);
    const weekly = strategyFile('weekly-name', `() => ({ schedule: 'weekly', ${decide} })`);
    await expect(createStrategy(weekly)).rejects.toThrow(`${must('weekly-name', weekly)}schedule "weekly" is a name, not a schedule: use schedules.weekly(…), or scheduleNamed("weekly") for a name read from a parameter`);
  });

  it('no schedule, no decide, both at once, decide or init not functions', async () => {
    const noSchedule = strategyFile('no-schedule', `() => ({ ${decide} })`);
    await expect(createStrategy(noSchedule)).rejects.toThrow(`${must('no-schedule', noSchedule)}schedule is missing: give one, e.g. schedules.monthStart (the choices: ${READY})`);
    const noDecide = strategyFile('no-decide', '() => ({ schedule: schedules.monthStart })');
    await expect(createStrategy(noDecide)).rejects.toThrow(`${must('no-decide', noDecide)}decide is missing: give decide(view, book) returning the decision`);
    const all = strategyFile('all-wrong', "() => ({ schedule: schedules.weekly, decide: { weights: {} }, init: 'yes' })");
    await expect(createStrategy(all)).rejects.toThrow(
      `${must('all-wrong', all)}schedule is schedules.weekly itself, a function that makes a schedule: call it, schedules.weekly(…); decide is the object {"weights":{}}: give decide(view, book) returning the decision; init is the string "yes", not a function (ctx) => …: leave it out, or make it one`,
    );
  });

  it('a schedule object without sessions(), or with a drift band that is no fraction', async () => {
    const bare = strategyFile('bare-schedule', `() => ({ schedule: { name: 'mine' }, ${decide} })`);
    await expect(createStrategy(bare)).rejects.toThrow(`${must('bare-schedule', bare)}schedule is the object {"name":"mine"}, not a schedule { name, sessions(dates, start) }: use ${READY} (schedules.custom(name, isDue) for a rule of your own)`);
    const band = strategyFile('band-percent', `() => ({ schedule: { ...schedules.monthStart, driftBand: '5%' }, ${decide} })`);
    await expect(createStrategy(band)).rejects.toThrow(`${must('band-percent', band)}the schedule's driftBand is the string "5%": give a fraction of NAV above 0 (schedules.withDriftBand(schedule, 0.05))`);
  });

  it('create() returning undefined, or a Promise (async), whose rejection does not crash the process', async () => {
    const nothing = strategyFile('returns-nothing', '() => { schedules.monthStart; }');
    await expect(createStrategy(nothing)).rejects.toThrow(`${must('returns-nothing', nothing)}it returned undefined`);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const later = strategyFile('async-create', "async () => { throw new Error('not yet'); }");
    await expect(createStrategy(later)).rejects.toThrow(`${must('async-create', later)}it returned a Promise (breadth awaits nothing: make the function synchronous, not async)`);
    await new Promise((settle) => setTimeout(settle, 20));
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });

  it('what create() returned throwing as breadth reads it — a revoked Proxy, a schedule getter that throws — is the strategy\'s fault, with its line where it has one (the sibling of probe r49b F4: exit 70)', async () => {
    const revoked = strategyFile('revoked-logic', `() => { const r = Proxy.revocable({ schedule: schedules.monthStart, ${decide} }, {}); r.revoke(); return r.proxy; }`);
    await expect(createStrategy(revoked)).rejects.toThrow(new StrategyError(`strategy "revoked-logic" failed in create(): reading what it returned: Cannot perform 'get' on a proxy that has been revoked (in ${revoked})`));
    const getter = strategyFile('schedule-getter', `() => ({ get schedule() { throw new Error('no schedule yet'); }, ${decide} })`);
    await expect(createStrategy(getter)).rejects.toThrow(new RegExp(`^strategy "schedule-getter" failed in create\\(\\): reading what it returned: no schedule yet \\(at ${getter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:`));
  });

  it('a schedule maker given an argument it cannot use (probe r73b F1: weekly(6) decided once, then held) is refused at the create() line that called it', async () => {
    const saturday = strategyFile('saturday', `() => ({ schedule: schedules.weekly(6), ${decide} })`);
    await expect(createStrategy(saturday)).rejects.toThrow(
      new RegExp(`^strategy "saturday" failed in create\\(\\): weekly schedule needs a weekday from 1 \\(Monday\\) to 5 \\(Friday\\), got 6 \\(at ${saturday.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:`),
    );
    const none = strategyFile('no-weekday', `() => ({ schedule: schedules.weekly(), ${decide} })`);
    await expect(createStrategy(none)).rejects.toThrow(/^strategy "no-weekday" failed in create\(\): weekly schedule needs a weekday from 1 \(Monday\) to 5 \(Friday\), got undefined \(at /);
  });

  it('a create() that throws is still reported with its own line', async () => {
    const path = strategyFile('throws', "() => { throw new RangeError('no universe'); }");
    await expect(createStrategy(path)).rejects.toThrow(new RegExp(`^strategy "throws" failed in create\\(\\): no universe \\(at ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:`));
  });

  it('with a window left at a duration default, create() runs in the run\'s init(): the same error from backtest()', () => {
    // create() is called once the run's P is known (init), so the fault surfaces in backtest().
    const definition = defineStrategy({
      name: 'later-schedule',
      description: 'Builds its logic in init().',
      dataNeeds: 'nothing',
      params: z.object({ window: sessionsParam(months(3), 'a window') }),
      create: () => ({ schedule: 'quarter-end' as never, decide: () => undefined }),
    });
    const strategy = instantiate(definition, {}, undefined, '/somewhere/later.ts');
    expect(() => backtest(testMarket({ stocks: 2, sessions: 30 }), strategy)).toThrow(
      'strategy "later-schedule" failed in create() (/somewhere/later.ts): it must return { schedule, decide }: schedule "quarter-end" is a name, not a schedule: use schedules.quarterEnd, or scheduleNamed("quarter-end") for a name read from a parameter',
    );
  });

  it('property: whatever create() returns, the run goes ahead or stops with a StrategyError — never a TypeError', () => {
    const market = testMarket({ stocks: 2, sessions: 30 });
    const field = (valid: unknown) => fc.oneof(fc.constant(valid), fc.constant(undefined), fc.anything());
    const logic = fc.oneof(
      fc.anything(),
      fc.record({
        schedule: fc.oneof(field(schedules.monthStart), fc.constantFrom('month-end', schedules.weekly, { name: 'n' }, { ...schedules.monthEnd, driftBand: -1 })),
        decide: field(() => undefined),
        init: field(() => undefined),
      }, { requiredKeys: ['schedule', 'decide'] }),
    );
    fc.assert(
      fc.property(logic, (returned) => {
        const definition = defineStrategy({ name: 'drawn', description: 'x', dataNeeds: 'x', params: z.object({}), create: () => returned as never });
        try {
          backtest(market, instantiate(definition, {}));
        } catch (err) {
          expect(err).toBeInstanceOf(StrategyError);
          expect((err as Error).message).toMatch(/^strategy "drawn" failed in create\(\): it must return \{ schedule, decide \}: /);
        }
      }),
      { numRuns: 300 },
    );
  });
});
