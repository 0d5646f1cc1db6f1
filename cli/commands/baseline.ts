// breadth baseline save · breadth regress: regression of strategy results against a stored baseline.

import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { UserError } from '../../data/errors.ts';
import { writeReport } from '../../reports/html/index.ts';
import { compareToBaseline, parseBaseline, type Baseline } from '../../reports/regression.ts';
import { makeBaseline, studyBaselineRuns } from '../../study/baseline.ts';
import { loadStudyFile, SAMPLE } from '../../study/index.ts';
import { ExitCode } from '../exitCodes.ts';
import { ensureFolder, printJson, printTable } from '../output.ts';
import { DEFAULT_STUDY } from './study.ts';

/** A path as the baseline file records it: relative to the baseline's folder. */
const fromBaseline = (baselineFile: string, path: string): string => (path === SAMPLE ? path : relative(dirname(resolve(baselineFile)), resolve(path)));
const toBaseline = (baselineFile: string, path: string): string => (path === SAMPLE || isAbsolute(path) ? path : resolve(dirname(resolve(baselineFile)), path));

async function measure(studyFile: string, data: string) {
  const config = { ...loadStudyFile(studyFile), data };
  return studyBaselineRuns(config, studyFile, dirname(resolve(studyFile)));
}

function save(file: string, baseline: Baseline): void {
  ensureFolder(dirname(resolve(file)));
  writeReport(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`${file}: no such baseline — create it with \`breadth baseline save --out ${file}\``);
  }
  try {
    return parseBaseline(JSON.parse(text), file);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`${file}: not valid JSON (${(err as Error).message})`);
  }
}

const saveCommand: CommandModule<object, { config?: string; data: string; out: string }> = {
  command: 'save [config]',
  describe: 'Run a study and write its baseline: headline metrics and the fills hash of every run',
  builder: (y) =>
    y
      .positional('config', { type: 'string', describe: 'study file (default examples/study.yaml)' })
      .option('data', { type: 'string', default: SAMPLE, describe: 'data path, or "sample"' })
      .option('out', { type: 'string', demandOption: true, describe: 'baseline .json to write' })
      .example('$0 baseline save --out baselines/sample.json', 'the small-cap study on the sample'),
  handler: async ({ config, data, out }) => {
    const studyFile = config ?? DEFAULT_STUDY;
    const measured = await measure(studyFile, data);
    save(out, makeBaseline(fromBaseline(out, studyFile), fromBaseline(out, data), measured));
    process.stdout.write(`baseline of ${measured.runs.length} runs on ${measured.data} written to ${out}\n`);
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
  describe: 'Re-run a baseline\'s study and compare every metric within tolerance; exit 1 on drift',
  builder: (y) =>
    y
      .option('baseline', { type: 'string', demandOption: true, describe: 'baseline .json (from `breadth baseline save`)' })
      .positional('config', { type: 'string', describe: 'study file (default: the one the baseline names)' })
      .option('data', { type: 'string', describe: 'data path (default: the one the baseline names)' })
      .option('update', { type: 'boolean', default: false, describe: 'accept the new results as the baseline' })
      .option('json', { type: 'boolean', default: false })
      .example('$0 regress --baseline baselines/sample.json', 'CI: fail when results drift')
      .example('$0 regress --baseline baselines/sample.json --update', 'accept intended changes'),
  handler: async ({ baseline: file, config, data, update, json }) => {
    const baseline = readBaseline(file);
    const studyFile = config ?? toBaseline(file, baseline.study);
    const dataSource = data ?? toBaseline(file, baseline.data_source);
    const measured = await measure(studyFile, dataSource);
    const drifts = compareToBaseline(baseline, measured.runs);
    if (update) {
      save(file, makeBaseline(fromBaseline(file, studyFile), fromBaseline(file, dataSource), measured, baseline.tolerances));
      process.stdout.write(`${file} updated (${drifts.length} differences accepted)\n`);
      return;
    }
    if (json) printJson({ baseline: file, runs: measured.runs.length, drifts });
    else if (drifts.length === 0) process.stdout.write(`no drift: ${measured.runs.length} runs match ${file}\n`);
    else {
      process.stdout.write(`DRIFT: ${drifts.length} differences from ${file}\n`);
      printTable(['run', 'metric', 'baseline', 'current', 'tolerance'], drifts.map((d) => [d.run, d.what, d.baseline, d.current, d.tolerance]));
      process.stdout.write('If the change is intended, accept it with --update and commit the baseline.\n');
    }
    if (drifts.length > 0) process.exitCode = ExitCode.drift;
  },
};
