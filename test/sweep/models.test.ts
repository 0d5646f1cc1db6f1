// A sweep's trials keep the run's model files: a trial of a run that names a commission model
// trades under that model (its key names the file's hash), exactly as the run does alone.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillsHash } from '../../reports/store/index.ts';
import { parseStudy, runStudyRuns } from '../../study/index.ts';
import { openSharedMarket, planSweep, runTrial, shareMarket } from '../../study/sweep/index.ts';
import { openStudyMarket } from '../../study/market.ts';

const examples = resolve(import.meta.dirname, '..', '..', 'examples');
const run = { strategy: 'equal-weight', engine: { minTradeNotional: 500, to: '2007-12-31' } };
const study = parseStudy({
  data: 'sample',
  sample: { stocks: 40, years: 3 },
  runs: [
    { name: 'tiered', ...run, models: { commission: { file: 'models/tieredCommission.ts', params: { minimum: 1 } } }, sweep: { params: { schedule: ['month-start', 'quarter-start'] } } },
    { name: 'free', ...run, sweep: { params: { schedule: ['month-start', 'quarter-start'] } } },
  ],
});

describe('sweeps with model files', async () => {
  const market = openSharedMarket(shareMarket(await openStudyMarket(study)));
  const { trials } = await planSweep(study, market, 'test', examples);

  it('each trial names its model file and hash; the key tells it from the same trial without it', () => {
    const tiered = trials.filter((t) => t.group === 'tiered');
    expect(tiered.map((t) => Object.keys(t.models))).toEqual([['commission'], ['commission']]);
    expect(tiered[0].models.commission?.file).toBe(resolve(examples, 'models/tieredCommission.ts'));
    const free = trials.filter((t) => t.group === 'free');
    expect(new Set([...tiered, ...free].map((t) => t.key)).size).toBe(4);
  });

  it('a trial trades under the model, as the run does alone', async () => {
    const trial = trials.find((t) => t.group === 'tiered' && (t.params as { schedule: string }).schedule === 'month-start')!;
    const result = await runTrial(trial, market);
    const alone = await runStudyRuns(parseStudy({ ...study, runs: [{ name: 'one', ...run, params: trial.params as Record<string, unknown>, models: study.runs[0].models }] }), market, 'test', {}, examples);
    expect(result.fillsHash).toBe(fillsHash(alone.runs[0].result.fills, alone.runs[0].result));
    const costs = alone.runs[0].metrics.metrics.find((m) => m.name === 'cost_commission')?.value;
    expect(costs).toBeGreaterThan(0);
  });
});
