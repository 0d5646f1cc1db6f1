// A user's model file from a study, and the same model handed to backtest() as an instance: the
// manifest names the file with its sha256 and parameters, the fills charge what the file says,
// and the two ways give the same run. Mistakes in model settings are one-line user errors.

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../data/errors.ts';
import { backtest } from '../../engine/backtest.ts';
import { FillReason } from '../../engine/result.ts';
import { createStrategy } from '../../strategies/index.ts';
import tieredCommission from '../../examples/models/tieredCommission.ts';
import { openStudyMarket, parseStudy, runStudyRuns } from '../../study/index.ts';
import { tearSheetFromStoredRun } from '../../reports/html/index.ts';
import { getRun, openStore, writeRun } from '../../reports/store/index.ts';

const examples = resolve(import.meta.dirname, '..', '..', 'examples');
const dir = mkdtempSync(join(tmpdir(), 'breadth-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MODEL = 'models/tieredCommission.ts';

const study = (extra: Record<string, unknown> = {}) =>
  parseStudy({
    data: 'sample',
    sample: { stocks: 20, years: 2 },
    engine: { slippage: { kind: 'fixed-bps', bps: 5 } },
    runs: [{ name: 'tiered', strategy: 'equal-weight', models: { commission: { file: MODEL, params: { minimum: 2 } } } }],
    ...extra,
  });

/** The example's schedule, written out again: 0.005 to 500 shares, 0.003 to 5 000, 0.002 beyond. */
const tiered = (shares: number): number => Math.min(shares, 500) * 0.005 + Math.max(0, Math.min(shares, 5_000) - 500) * 0.003 + Math.max(0, shares - 5_000) * 0.002;

describe('a model file named by a study', async () => {
  const config = study();
  const market = await openStudyMarket(config);
  const { runs } = await runStudyRuns(config, market, 'test.yaml', {}, examples);
  const result = runs[0].result;

  it('is in the manifest with its path, sha256 and parameters, and replaces the config’s commission', () => {
    const m = result.manifest;
    expect(m.userModels).toHaveLength(1);
    const [model] = m.userModels;
    expect(model).toMatchObject({ concern: 'commission', path: MODEL, sourceHash: createHash('sha256').update(readFileSync(join(examples, MODEL))).digest('hex') });
    expect(model.params).toEqual({ minimum: 2, maxRate: 0.01, tiers: [{ upTo: 500, perShare: 0.005 }, { upTo: 5_000, perShare: 0.003 }, { upTo: null, perShare: 0.002 }] });
    expect(m.costModels.commission).toBe(model.name);
    expect(model.name).toMatch(/^tiered 0.005 to 500, 0.003 to 5000, 0.002\/share, min 2 per order/);
    expect(m.config.commission).toEqual({ kind: 'none' });
  });

  it('charges each order what the schedule says: max(2, tiered shares), within 1 % of the notional', () => {
    const f = result.fills;
    const fillsOf = new Map<number, number>();
    for (const id of f.orderId) fillsOf.set(id, (fillsOf.get(id) ?? 0) + 1);
    let checked = 0;
    for (let k = 0; k < f.session.length; k++) {
      if (f.reason[k] !== FillReason.order || fillsOf.get(f.orderId[k]) !== 1) continue;
      const shares = Math.abs(f.quantity[k]);
      expect(f.commission[k]).toBeCloseTo(Math.min(Math.max(2, tiered(shares)), 0.01 * shares * f.price[k]), 10);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('is what the tear sheet shows as the commission model, from the store', () => {
    const store = openStore(join(dir, 'runs.db'));
    const stored = getRun(store, writeRun(store, { result, metrics: runs[0].metrics }))!;
    store.close();
    expect(tearSheetFromStoredRun(stored).run.costModels).toEqual([
      { kind: 'commission', model: `${result.manifest.userModels[0].name} (user model ${MODEL})` },
      { kind: 'slippage', model: '5 bps' },
      { kind: 'borrow', model: '0 bps/yr default, rebate 0 bps/yr' },
      { kind: 'cash', model: 'no interest' },
    ]);
  });

  it('gives the run backtest() gives with the same model as an instance (manifest: no file)', async () => {
    const commission = tieredCommission.create(tieredCommission.params.parse({ minimum: 2 }), market);
    const again = backtest(market, await createStrategy('equal-weight'), result.manifest.config, { models: { commission } });
    expect(again.fills).toEqual(result.fills);
    expect(again.orders).toEqual(result.orders);
    expect(again.manifest.userModels).toEqual([{ concern: 'commission', name: commission.name, path: null, sourceHash: null, params: null }]);
  });
});

describe('mistakes in model settings', async () => {
  const market = await openStudyMarket(study());
  const run = (extra: Record<string, unknown>, base = examples) => runStudyRuns(study(extra), market, 'test.yaml', {}, base);
  const expectError = async (promise: Promise<unknown>, message: string) => {
    const err = await promise.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toBe(message);
  };

  it('a run that sets a concern in engine and in models', async () => {
    await expectError(
      run({ runs: [{ name: 'x', strategy: 'equal-weight', engine: { commission: { kind: 'bps', bps: 1 } }, models: { commission: { file: MODEL } } }] }),
      'test.yaml: runs[0].models.commission: the run also sets engine.commission; keep one',
    );
  });

  it('a study that sets a concern in engine and in models; a study-wide model file gives way to a run’s own engine setting', async () => {
    await expectError(
      run({ engine: { commission: { kind: 'bps', bps: 1 } }, models: { commission: { file: MODEL } }, runs: [{ name: 'x', strategy: 'equal-weight' }] }),
      'test.yaml: models.commission: the study also sets engine.commission; keep one',
    );
    const ok = await run({ models: { commission: { file: MODEL } }, runs: [{ name: 'own', strategy: 'equal-weight', engine: { commission: { kind: 'bps', bps: 3 } } }, { name: 'file', strategy: 'equal-weight' }] });
    expect(ok.runs.map((r) => r.result.manifest.costModels.commission)).toEqual(['3 bps', expect.stringMatching(/^tiered/)]);
  });

  it('a file of another concern, a missing file, a bad definition, bad parameters', async () => {
    await expectError(run({ runs: [{ name: 'x', strategy: 'equal-weight', models: { slippage: { file: MODEL } } }] }), `test.yaml: runs[0].models.slippage: ${MODEL} is a commission model, not a slippage model`);
    await expectError(
      run({ runs: [{ name: 'x', strategy: 'equal-weight', models: { commission: { file: 'nowhere.ts' } } }] }),
      `test.yaml: runs[0].models.commission: model file nowhere.ts not found (looked at ${join(examples, 'nowhere.ts')})`,
    );
    writeFileSync(join(dir, 'bad.js'), "export default { concern: 'fees', name: 'Bad', description: 'x', params: {}, create: () => ({}) };\n");
    await expectError(
      run({ runs: [{ name: 'x', strategy: 'equal-weight', models: { commission: { file: 'bad.js' } } }] }, dir),
      'test.yaml: runs[0].models.commission: bad.js: invalid model definition: name must be a kebab-case string such as "tiered-per-share"; concern must be one of commission, slippage, fill, volume, borrow, cash; params must be a zod object schema, e.g. z.object({ ... })',
    );
    await expectError(
      run({ runs: [{ name: 'x', strategy: 'equal-weight', models: { commission: { file: MODEL, params: { minimum: -1 } } } }] }),
      'test.yaml: runs[0].models.commission: params.minimum: Too small: expected number to be >=0, got -1',
    );
  });

  it('an instance that is not a model, or beside a config that sets its concern', async () => {
    const strategy = await createStrategy('equal-weight');
    expect(() => backtest(market, strategy, {}, { models: { commission: { name: 'x' } as never } })).toThrow('commission model: expected a commission model, an object with a name (string) and commission(…)');
    const commission = { name: 'flat 1', commission: () => 1 };
    expect(() => backtest(market, strategy, { commission: { kind: 'bps', bps: 1 } }, { models: { commission } })).toThrow('engine config: commission is set, and a commission model is given too: keep one');
  });
});
