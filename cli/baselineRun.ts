// The work of `breadth baseline save` and `breadth regress` (loaded only when one of them runs):
// run a study, keep or compare its headline metrics and fills hashes.

import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { UserError } from '../data/errors.ts';
import { parseJsonText } from '../data/formats/jsonText.ts';
import { outputTarget } from '../reports/html/page/outputTarget.ts';
import { writeReport } from '../reports/html/page/writeReport.ts';
import { compareToBaseline, parseBaseline, type Baseline } from '../reports/regression.ts';
import { makeBaseline, studyBaselineRuns } from '../study/baseline.ts';
import { loadStudyFile, SAMPLE } from '../study/index.ts';
import { ExitCode } from './exitCodes.ts';
import { noteCacheSkipped } from './loadOptions.ts';
import { prepareOutputFile, printJson, printTable } from './output.ts';
import { writeStandardOutput } from '../reports/html/page/standardStreams.ts';

/**
 * The folder a baseline file's paths are relative to: the real file's, at the end of its symbolic
 * links (where writeReport puts it), so the file read by its own path or by a link finds the same
 * study and data.
 */
function baselineFolder(baselineFile: string): string {
  const target = outputTarget(baselineFile);
  return dirname(target.kind === 'replace' ? target.file : resolve(baselineFile));
}

/** A path as the baseline file records it: relative to the baseline's folder. */
const fromBaseline = (baselineFile: string, path: string): string => (path === SAMPLE ? path : relative(baselineFolder(baselineFile), resolve(path)));
const toBaseline = (baselineFile: string, path: string): string => (path === SAMPLE || isAbsolute(path) ? path : resolve(baselineFolder(baselineFile), path));

async function measure(studyFile: string, data: string) {
  const config = { ...loadStudyFile(studyFile), data };
  return studyBaselineRuns(config, studyFile, dirname(resolve(studyFile)), { onCache: noteCacheSkipped });
}

function save(file: string, baseline: Baseline): void {
  writeReport(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`${file}: no such baseline — create it with \`breadth baseline save --out ${file}\``);
  }
  return parseBaseline(parseJsonText(text, file), file);
}

/**
 * `breadth baseline save`: the output file is checked before the study runs. The data is `data`
 * (--data) when given, else the study's own `data:` (the sample when it names none), as `study` reads it.
 */
export async function saveBaseline(studyFile: string, data: string | undefined, out: string): Promise<void> {
  prepareOutputFile(out, '--out', 'baseline.json');
  const source = data ?? loadStudyFile(studyFile).data;
  const measured = await measure(studyFile, source);
  save(out, makeBaseline(fromBaseline(out, studyFile), fromBaseline(out, source), measured));
  writeStandardOutput(`baseline of ${counted(measured.runs.length, 'run')} on ${measured.data} written to ${out}\n`);
}

const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Metrics a current run records that its baseline run does not (a trimmed or older baseline): regress cannot compare them. */
function unrecordedMetrics(baseline: Baseline, runs: readonly { name: string; metrics: Record<string, number | null> }[]): { run: string; metric: string }[] {
  const recorded = new Map(baseline.runs.map((r) => [r.name, r.metrics]));
  return runs.flatMap((run) => {
    const old = recorded.get(run.name);
    return old === undefined ? [] : Object.keys(run.metrics).filter((m) => !(m in old)).map((metric) => ({ run: run.name, metric }));
  });
}

/** A drift's value in the table: numbers as written, null as 'null', a hash by its first 16 hex digits. */
const shownValue = (x: number | string | null): string => (x === null ? 'null' : typeof x === 'number' ? String(x) : /^[0-9a-f]{64}$/.test(x) ? x.slice(0, 16) : x);

/** `breadth regress`: exit code 1 (drift) when a metric moved beyond its tolerance. */
export async function regress(file: string, options: { config?: string; data?: string; update: boolean; json: boolean }): Promise<void> {
  const baseline = readBaseline(file);
  const studyFile = options.config ?? toBaseline(file, baseline.study);
  const dataSource = options.data ?? toBaseline(file, baseline.data_source);
  const measured = await measure(studyFile, dataSource);
  const drifts = compareToBaseline(baseline, measured.runs);
  if (options.update) {
    save(file, makeBaseline(fromBaseline(file, studyFile), fromBaseline(file, dataSource), measured, baseline.tolerances));
    // Values inside their tolerance are rewritten too, and a changed data fingerprint: say both (probe r43a: "0 differences accepted" for new data).
    const data = measured.fingerprint !== baseline.data_fingerprint ? `; the data's new fingerprint ${measured.fingerprint.slice(0, 12)} replaces ${baseline.data_fingerprint.slice(0, 12)}` : '';
    writeStandardOutput(`${file} updated (${counted(drifts.length, 'difference')} beyond tolerance accepted, every value rewritten${data})\n`);
    return;
  }
  // The inputs changed though the results may not have: a pipeline should know what it compared.
  const dataChanged = measured.fingerprint !== baseline.data_fingerprint;
  const changedData = `the data differs from the baseline's (${measured.data}: fingerprint ${measured.fingerprint.slice(0, 12)}, recorded ${baseline.data_fingerprint.slice(0, 12)})`;
  const unrecorded = unrecordedMetrics(baseline, measured.runs);
  if (options.json) printJson({ baseline: file, runs: measured.runs.length, data_changed: dataChanged, not_compared: unrecorded, drifts });
  else {
    if (drifts.length === 0) writeStandardOutput(`no drift: ${counted(measured.runs.length, 'run')} match${measured.runs.length === 1 ? 'es' : ''} ${file}${dataChanged ? `, though ${changedData}` : ''}\n`);
    else {
      writeStandardOutput(`DRIFT: ${counted(drifts.length, 'difference')} from ${file}${dataChanged ? `; ${changedData}` : ''}\n`);
      printTable(['run', 'metric', 'baseline', 'current', 'tolerance'], drifts.map((d) => [d.run, d.what, shownValue(d.baseline), shownValue(d.current), d.tolerance]));
      writeStandardOutput('If the change is intended, accept it with --update and commit the baseline.\n');
    }
    // Beside the verdict, never instead of it (probe r53a: a note in its place hid 13 drifts, and its
    // advice, --update, would have accepted them unseen).
    if (unrecorded.length > 0) {
      const what = unrecorded.length === 1 ? 'a metric' : `${unrecorded.length} metrics`;
      const listed = `${unrecorded.slice(0, 4).map((u) => `${u.run}: ${u.metric}`).join(', ')}${unrecorded.length > 4 ? ', …' : ''}`;
      const record = drifts.length > 0 ? 'once the differences above are understood, --update records' : '--update records';
      process.stderr.write(`breadth: ${what} the runs record ${unrecorded.length === 1 ? 'is' : 'are'} not in ${file}, so not compared (${listed}): ${record} ${unrecorded.length === 1 ? 'it' : 'them'}\n`);
    }
  }
  if (drifts.length > 0) process.exitCode = ExitCode.drift;
}
