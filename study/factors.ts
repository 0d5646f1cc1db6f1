// Factor tables for attribution: the Fama-French and AQR files of a factor folder, and one line
// for each factor model they cannot fit (which file or column it lacks), for the user who asked.

import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { UserError } from '../data/errors.ts';
import { type Caveat, caveat } from '../engine/caveats/caveats.ts';
import { factorMeaning, loadFactorTable, type FactorTable } from '../data/factors.ts';
import { FACTOR_MODELS, type FactorModel, missingFactorColumns } from '../reports/attribution/index.ts';

/** `factors: auto`: the data folder's own `factors/` when it holds a factor file, else no attribution (said). */
export const AUTO_FACTORS = 'auto';

/** A file a factor folder may hold (as in ../shared/data/factors): what it is, its frequency and the columns attribution reads of it. */
interface FactorFile {
  readonly file: string;
  readonly what: string;
  readonly frequency: 'daily' | 'monthly';
  readonly columns: readonly string[];
}

const FF5 = ['Mkt-RF', 'SMB', 'HML', 'RMW', 'CMA', 'RF'];
/** The files read, in order; missing ones are skipped (and named where a model needs them). */
const FACTOR_FILES: readonly FactorFile[] = [
  { file: 'ff5_daily.csv', what: "Ken French's daily 5 factors", frequency: 'daily', columns: FF5 },
  { file: 'mom_daily.csv', what: "Ken French's daily momentum", frequency: 'daily', columns: ['Mom'] },
  { file: 'ff5_monthly.csv', what: "Ken French's monthly 5 factors", frequency: 'monthly', columns: FF5 },
  { file: 'mom_monthly.csv', what: "Ken French's monthly momentum", frequency: 'monthly', columns: ['Mom'] },
  { file: 'aqr_qmj_monthly.csv', what: "AQR's QMJ Factors sheet", frequency: 'monthly', columns: ['USA'] },
];
const FILE_NAMES = FACTOR_FILES.map((f) => f.file).join(', ');

/** The factor tables asked for, and one line per model of FACTOR_MODELS they cannot fit (factorGaps). */
export interface FactorFolder {
  readonly tables: FactorTable[];
  readonly unfitted: string[];
}

/** The factor folder a study means: `auto` looks beside the data (none for the built-in sample, or where factors/ holds no factor file). */
export function studyFactorFolder(factors: string, data: string): string {
  if (factors !== AUTO_FACTORS) return factors;
  const beside = join(data, 'factors');
  return data !== 'sample' && FACTOR_FILES.some((f) => existsSync(join(beside, f.file))) ? beside : 'none';
}

/** The files of FACTOR_FILES in `folder`, loaded (data/factors.ts loadFactorTable). */
function loadFactorFiles(folder: string): FactorTable[] {
  return FACTOR_FILES.map((f) => join(folder, f.file)).filter((f) => existsSync(f)).map((f) => loadFactorTable(f));
}

/**
 * Why `model` cannot be fitted from the `tables` of `folder`, or undefined when it can: for each
 * column it lacks (missingFactorColumns), the file of FACTOR_FILES that holds it — "F has no
 * mom_daily.csv (…: Date,Mom)" where the folder has no such file, "F/ff5_monthly.csv has no
 * column SMB (it has …)" where the file lacks it. One clause per file, joined by "; ".
 */
function whyUnfitted(model: FactorModel, tables: readonly FactorTable[], folder: string): string | undefined {
  const missing = missingFactorColumns(model, tables);
  if (missing.length === 0) return undefined;
  const byFile = new Map<FactorFile, string[]>();
  for (const column of missing) {
    const home = FACTOR_FILES.find((f) => f.frequency === model.frequency && f.columns.some((c) => factorMeaning(c) === factorMeaning(column)))!;
    byFile.set(home, [...(byFile.get(home) ?? []), column]);
  }
  return [...byFile].map(([home, columns]) => {
    const read = tables.find((t) => basename(t.source.path) === home.file);
    if (read === undefined) return `${folder} has no ${home.file} (${home.what}: Date,${home.columns.join(',')}): add it`;
    const [one, it] = columns.length === 1 ? ['', 'it'] : ['s', 'them'];
    return `${read.source.path} has no column${one} ${columns.join(', ')} (it has ${Object.keys(read.columns).join(', ')}): add ${it} or name ${it} so (any case)`;
  }).join('; ');
}

/** One line per model of FACTOR_MODELS that `tables` (read from `folder`) cannot fit, naming what it lacks and the fix. */
export function factorGaps(tables: readonly FactorTable[], folder: string): string[] {
  return FACTOR_MODELS.flatMap((model) => {
    const why = whyUnfitted(model, tables, folder);
    return why === undefined ? [] : [`factor model ${model.name} not fitted: ${why}`];
  });
}

/**
 * The lines of `unfitted` (factorGaps) as low caveats, code `factors`: the run's or series' own
 * figures stand, only the attribution asked for is missing.
 */
export const factorCaveats = (unfitted: readonly string[]): Caveat[] => unfitted.map((line) => caveat('factors', 'low', line));

/**
 * The factor files of a folder the user named (`metrics --factors`, a study's `factors:` path),
 * with a line for each model they cannot fit (factorGaps). A missing folder, one holding none of
 * the files, or one from which no model can be fitted is a UserError naming what is missing.
 */
export function loadFactorFolder(folder: string): FactorFolder {
  if (!existsSync(folder)) throw new UserError(`factors: no folder ${folder} — give a folder of Fama-French/AQR CSVs (e.g. ../shared/data/factors) or "none"`);
  const tables = loadFactorFiles(folder);
  if (tables.length === 0) throw new UserError(`factors: ${folder} holds none of ${FILE_NAMES}`);
  const unfitted = factorGaps(tables, folder);
  if (unfitted.length === FACTOR_MODELS.length) throw new UserError(`factors: no factor model can be fitted from ${folder}: ${unfitted.map((line) => line.replace(/^factor model /, '')).join('; ')}`);
  return { tables, unfitted };
}

/**
 * The factors a study asked for (`factors:` of the study file, with its `data`): none for "none";
 * for "auto", the data's own factors/ (studyFactorFolder) with a line per model it cannot fit,
 * or one line saying it found no factor file; for a path, loadFactorFolder (which refuses a
 * folder that fits no model).
 */
export function studyFactors(factors: string, data: string): FactorFolder {
  if (factors === 'none') return { tables: [], unfitted: [] };
  if (factors !== AUTO_FACTORS) return loadFactorFolder(factors);
  const folder = studyFactorFolder(factors, data);
  if (folder === 'none') {
    const where = data === 'sample' ? 'the built-in sample has no factors/ folder' : `${join(data, 'factors')} holds none of ${FILE_NAMES}`;
    return { tables: [], unfitted: [`factors: auto found no factor files (${where}): no factor model fitted — give factors: a folder of Fama-French/AQR CSVs (e.g. ../shared/data/factors)`] };
  }
  const tables = loadFactorFiles(folder);
  return { tables, unfitted: factorGaps(tables, folder) };
}
