// breadth baseline save · breadth regress: regression of strategy results against a stored baseline.

import type { CommandModule } from 'yargs';
import { DEFAULT_TOLERANCE } from '../../reports/regression.ts';
import { DEFAULT_STUDY } from './study.ts';

/** How regress compares a metric (reports/regression.ts withinTolerance), for its --help. */
const TOLERANCE_RULE =
  'A metric passes when |current − baseline| ≤ abs OR ≤ rel × |baseline| (the looser bound wins: rel 0 leaves abs alone, abs 0 rel alone), ' +
  `with the baseline file's "tolerances" for that metric, else its "default", else abs ${DEFAULT_TOLERANCE.abs}, rel ${DEFAULT_TOLERANCE.rel}; ` +
  'a metric with no value (null) matches only null. Hashes and high caveats must match exactly.';

const saveCommand: CommandModule<object, { config?: string; data?: string; out: string }> = {
  command: 'save [config]',
  describe: 'Run a study and write its baseline: every metric, the fills and orders hashes and the caveats of every run',
  builder: (y) =>
    y
      .positional('config', { type: 'string', describe: 'study file (default examples/study.yaml)' })
      .option('data', { type: 'string', defaultDescription: "the study's data:", describe: 'data path, or "sample" (overrides the study\'s data:)' })
      .option('out', { type: 'string', demandOption: true, describe: 'baseline .json to write' })
      .example('$0 baseline save --out baselines/sample.json', 'the small-cap study on the sample'),
  handler: async ({ config, data, out }) => {
    const { saveBaseline } = await import('../baselineRun.ts');
    return saveBaseline(config ?? DEFAULT_STUDY, data, out);
  },
};

export const baselineCommand: CommandModule = {
  command: 'baseline',
  describe: 'Save a baseline of strategy results for `breadth regress`',
  builder: (y) => y.command(saveCommand).demandCommand(1, 'Name a baseline command: save.'),
  handler: () => {},
};

export const regressCommand: CommandModule<object, { baseline: string; config?: string; data?: string; update: boolean; json: boolean }> = {
  command: 'regress [config]',
  describe: 'Re-run a baseline\'s study and compare every metric within tolerance, the hashes and the caveats; exit 1 on drift (a high caveat that appeared or went is one)',
  builder: (y) =>
    y
      .option('baseline', { type: 'string', demandOption: true, describe: 'baseline .json (from `breadth baseline save`)' })
      .positional('config', { type: 'string', describe: 'study file (default: the one the baseline names)' })
      .option('data', { type: 'string', describe: 'data path (default: the one the baseline names)' })
      .option('update', { type: 'boolean', default: false, describe: 'accept the new results as the baseline' })
      .option('json', { type: 'boolean', default: false })
      .example('$0 regress --baseline baselines/sample.json', 'CI: fail when results drift')
      .example('$0 regress --baseline baselines/sample.json --update', 'accept intended changes')
      .epilogue(TOLERANCE_RULE),
  handler: async ({ baseline, ...options }) => {
    const { regress } = await import('../baselineRun.ts');
    return regress(baseline, options);
  },
};
