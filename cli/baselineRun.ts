// The work of `breadth baseline save` and `breadth regress` (loaded only when one of them runs):
// run a study, keep or compare its metrics, fills and orders hashes and caveats.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { UserError } from '../data/errors.ts';
import { parseJsonText } from '../data/formats/jsonText.ts';
import { outputTarget } from '../reports/html/page/outputTarget.ts';
import { writeReport } from '../reports/html/page/writeReport.ts';
import { caveatLabel } from '../reports/caveats/baselineCaveats.ts';
import { baselineCaveatChanges, compareToBaseline, notCompared, parseBaseline, type Baseline } from '../reports/regression.ts';
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
/**
 * A path the baseline file records, as a user in the working folder would type it: relative to it
 * (an absolute one as it is). The data is named by it (the market's name, the baseline's `data`),
 * as `baseline save` named it — never this machine's absolute path (probe r64c F2: `--update`
 * rewrote "prices" to "/tmp/…/prices" with nothing changed).
 */
const toBaseline = (baselineFile: string, path: string): string => (path === SAMPLE || isAbsolute(path) ? path : relative('.', resolve(baselineFolder(baselineFile), path)) || '.');

async function measure(studyFile: string, data: string) {
  const config = loadStudyFile(studyFile, data);
  return studyBaselineRuns(config, studyFile, dirname(resolve(studyFile)), { onCache: noteCacheSkipped });
}

function save(file: string, baseline: Baseline): void {
  writeReport(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

/**
 * The baseline `file`, read and validated.
 * @throws UserError for a file that is not there (with the command that creates it), a folder
 *   (name the file in it), any other reason the system gives, or contents parseBaseline refuses.
 */
function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new UserError(`--baseline ${file} is a folder: name the baseline file, e.g. --baseline ${join(file, 'baseline.json')}`);
    if (code === 'ENOENT') throw new UserError(`${file}: no such baseline — create it with \`breadth baseline save --out ${file}\``);
    throw new UserError(`${file}: cannot read the baseline: ${(err as Error).message}`);
  }
  return parseBaseline(parseJsonText(text, file), file);
}

/**
 * The path the baseline's `key` (its study or data_source) names, from the working folder
 * (toBaseline). One that no longer exists is refused naming the field, as the file holds it, and
 * `override`: the way to give another (probe r64c F5: the path alone was named, as if typed).
 */
function fieldPath(file: string, baseline: Baseline, key: 'study' | 'data_source', override: string): string {
  const path = toBaseline(file, baseline[key]);
  if (path !== SAMPLE && !existsSync(path)) {
    throw new UserError(`${file}: its ${key} "${baseline[key]}" (relative to the baseline file) is ${path}, which does not exist — restore it, or ${override}`);
  }
  return path;
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

/** The first four of a note's items, "…" for the rest. */
const firstFew = (items: readonly string[]): string => `${items.slice(0, 4).join(', ')}${items.length > 4 ? ', …' : ''}`;

/** A drift's value in the table: numbers as written, null as 'null', a hash by its first 16 hex digits. */
const shownValue = (x: number | string | null): string => (x === null ? 'null' : typeof x === 'number' ? String(x) : /^[0-9a-f]{64}$/.test(x) ? x.slice(0, 16) : x);

/**
 * `breadth regress`: exit code 1 (drift) when a metric moved beyond its tolerance, a hash changed,
 * a run came or went, or a high caveat appeared or went; a medium or low caveat that did, and what
 * it could not compare, are said on stderr beside the verdict.
 */
export async function regress(file: string, options: { config?: string; data?: string; update: boolean; json: boolean }): Promise<void> {
  const baseline = readBaseline(file);
  const studyFile = options.config ?? fieldPath(file, baseline, 'study', `name the study to regress: breadth regress <study file> --baseline ${file}`);
  const dataSource = options.data ?? fieldPath(file, baseline, 'data_source', 'name the data to regress on with --data <path>');
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
  const unrecorded = notCompared(baseline, measured.runs);
  // Every severity for --json; in the text, the high ones are rows of the table and the others a note.
  const caveats = baselineCaveatChanges(baseline, measured.runs);
  // The verdict before a byte is written: a reader that stops early (`| head -1`) ends the command
  // with it, not with 0 (cli/main.ts on EPIPE; probe r70c F1: a drift piped to head exited 0).
  if (drifts.length > 0) process.exitCode = ExitCode.drift;
  if (options.json) printJson({ baseline: file, runs: measured.runs.length, data_changed: dataChanged, not_compared: unrecorded.metrics, caveats_not_compared: unrecorded.caveats, caveats_changed: caveats, drifts });
  else {
    if (drifts.length === 0) writeStandardOutput(`no drift: ${counted(measured.runs.length, 'run')} match${measured.runs.length === 1 ? 'es' : ''} ${file}${dataChanged ? `, though ${changedData}` : ''}\n`);
    else {
      writeStandardOutput(`DRIFT: ${counted(drifts.length, 'difference')} from ${file}${dataChanged ? `; ${changedData}` : ''}\n`);
      printTable(['run', 'metric', 'baseline', 'current', 'tolerance'], drifts.map((d) => [d.run, d.what, shownValue(d.baseline), shownValue(d.current), d.tolerance]));
      writeStandardOutput('If the change is intended, accept it with --update and commit the baseline.\n');
    }
    // Beside the verdict, never instead of it (probe r53a: a note in its place hid 13 drifts, and its
    // advice, --update, would have accepted them unseen).
    const records = (one: boolean): string => `${drifts.length > 0 ? 'once the differences above are understood, --update records' : '--update records'} ${one ? 'it' : 'them'}`;
    const lesser = caveats.filter((c) => c.severity !== 'high');
    if (lesser.length > 0) {
      const one = lesser.length === 1;
      const listed = firstFew(lesser.map((c) => `${c.run}: ${caveatLabel(c)} ${c.baseline} → ${c.current}`));
      process.stderr.write(`breadth: ${one ? 'a caveat' : `${lesser.length} caveats`} below high ${one ? 'differs' : 'differ'} from ${file}, not ${one ? 'a drift' : 'drifts'} (${listed}): ${records(one)}\n`);
    }
    if (unrecorded.metrics.length > 0) {
      const one = unrecorded.metrics.length === 1;
      const listed = firstFew(unrecorded.metrics.map((u) => `${u.run}: ${u.metric}`));
      process.stderr.write(`breadth: ${one ? 'a metric' : `${unrecorded.metrics.length} metrics`} the runs record ${one ? 'is' : 'are'} not in ${file}, so not compared (${listed}): ${records(one)}\n`);
    }
    if (unrecorded.caveats.length > 0) {
      process.stderr.write(`breadth: the caveats of ${counted(unrecorded.caveats.length, 'run')} are not in ${file} (saved before baselines kept them), so not compared (${firstFew(unrecorded.caveats)}): ${records(false)}\n`);
    }
  }
}
