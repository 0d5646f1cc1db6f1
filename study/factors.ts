// Factor tables for attribution: the Fama-French and AQR files of a factor folder.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../data/errors.ts';
import { loadFactorTable, type FactorTable } from '../data/factors.ts';

/** `factors: auto`: the data folder's own `factors/` when it has one, else no attribution. */
export const AUTO_FACTORS = 'auto';

/** The factor folder a study means: `auto` looks beside the data (none for the built-in sample). */
export function studyFactorFolder(factors: string, data: string): string {
  if (factors !== AUTO_FACTORS) return factors;
  const beside = join(data, 'factors');
  return data !== 'sample' && existsSync(join(beside, 'ff5_daily.csv')) ? beside : 'none';
}

/** The files a factor folder may hold (as in ../shared/data/factors); missing ones are skipped. */
const FACTOR_FILES = ['ff5_daily.csv', 'mom_daily.csv', 'ff5_monthly.csv', 'mom_monthly.csv', 'aqr_qmj_monthly.csv'];

export function loadStudyFactors(folder: string): FactorTable[] {
  if (folder === 'none') return [];
  if (!existsSync(folder)) throw new UserError(`factors: no folder ${folder} — give a folder of Fama-French/AQR CSVs (e.g. ../shared/data/factors) or "none"`);
  const tables = FACTOR_FILES.map((f) => join(folder, f)).filter((f) => existsSync(f)).map((f) => loadFactorTable(f));
  if (tables.length === 0) throw new UserError(`factors: ${folder} holds none of ${FACTOR_FILES.join(', ')}`);
  return tables;
}
