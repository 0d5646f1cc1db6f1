// A study's periodsPerYear is the P the engine accrues interest with, as the metrics' rf uses it.

import { describe, expect, it } from 'vitest';
import { openStudyMarket, parseStudy, runStudyRuns } from '../../study/index.ts';

const study = (run: Record<string, unknown>) =>
  parseStudy({ data: 'sample', sample: { stocks: 20, years: 1 }, runs: [{ name: 'cash', strategy: 'equal-weight', params: {}, ...run }] }, 'test.yaml');

describe('periodsPerYear of a study', async () => {
  const market = await openStudyMarket(study({}));

  it('reaches the engine config, so cash interest and rf use one P', async () => {
    const { runs } = await runStudyRuns(study({ periodsPerYear: 260 }), market, 'test.yaml');
    expect(runs[0].result.manifest.config.periodsPerYear).toBe(260);
    expect(runs[0].metrics.periodsPerYear).toBe(260);
  });

  it('refuses an engine periodsPerYear that differs, naming both', async () => {
    await expect(runStudyRuns(study({ periodsPerYear: 252, engine: { periodsPerYear: 260 } }), market, 'test.yaml')).rejects.toThrow(
      'test.yaml: runs[0].engine.periodsPerYear: 260 differs from the periodsPerYear 252 the metrics use; set one',
    );
  });
});
