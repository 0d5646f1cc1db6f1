// The study's `factors:` key: "auto" finds the data folder's own factors/, a path resolves
// against the study file like other data paths, and a missing folder is a one-line user error
// naming the study file.

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../data/errors.ts';
import { openStore } from '../../reports/store/index.ts';
import { loadStudyFile, openStudyMarket, runStudy, runStudyRuns, tearSheetHtml } from '../../study/index.ts';
import { loadFactorFolder, studyFactorFolder, studyFactors } from '../../study/factors.ts';

const dir = mkdtempSync(join(tmpdir(), 'breadth-factors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const shared = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data');
const present = existsSync(join(shared, 'factors', 'ff5_daily.csv'));
if (!present) console.warn(`skipping the real-data factors test: ${join(shared, 'factors')} is absent`);

describe('factors: auto', () => {
  it('is none on the built-in sample and on a folder without factor files', () => {
    expect(studyFactorFolder('auto', 'sample')).toBe('none');
    mkdirSync(join(dir, 'bare', 'factors'), { recursive: true });
    expect(studyFactorFolder('auto', join(dir, 'bare'))).toBe('none');
  });

  it('is the data folder\'s factors/ when it holds the Fama-French files', () => {
    mkdirSync(join(dir, 'data', 'factors'), { recursive: true });
    writeFileSync(join(dir, 'data', 'factors', 'ff5_daily.csv'), 'Date,Mkt-RF,SMB,HML,RMW,CMA,RF\n');
    expect(studyFactorFolder('auto', join(dir, 'data'))).toBe(join(dir, 'data', 'factors'));
    expect(studyFactorFolder('/some/where', join(dir, 'data'))).toBe('/some/where');
  });

  it.skipIf(!present)('finds ../shared/data/factors for the real data, which fits every model', () => {
    expect(studyFactorFolder('auto', shared)).toBe(join(shared, 'factors'));
    expect(studyFactors('auto', shared).unfitted).toEqual([]);
  });
});

/** A factor file of two months or days (percent), with `header` as written. */
function factorFile(folder: string, file: string, header: string): string {
  mkdirSync(folder, { recursive: true });
  const width = header.split(',').length - 1;
  const rows = (file.includes('daily') ? ['2024-01-02', '2024-01-03'] : ['2024-01', '2024-02']).map((d, k) => [d, ...Array.from({ length: width }, (_, j) => (0.1 * (k + j + 1)).toFixed(2))].join(','));
  writeFileSync(join(folder, file), [header, ...rows, ''].join('\n'));
  return join(folder, file);
}

const FF5_HEADER = 'Date,Mkt-RF,SMB,HML,RMW,CMA,RF';
const FF5_DAILY = "ff5_daily.csv (Ken French's daily 5 factors: Date,Mkt-RF,SMB,HML,RMW,CMA,RF)";
const MOM_DAILY = "mom_daily.csv (Ken French's daily momentum: Date,Mom)";
const QMJ = "aqr_qmj_monthly.csv (AQR's QMJ Factors sheet: Date,USA)";

// Probe K1: a factor folder lacking files or columns fitted what it could and said nothing of the rest; `auto`
// ignored a factors/ without ff5_daily.csv even where the monthly files could serve.
describe('factor models a folder cannot fit', () => {
  const monthly = join(dir, 'monthly', 'factors');
  factorFile(monthly, 'ff5_monthly.csv', FF5_HEADER);
  factorFile(monthly, 'mom_monthly.csv', 'Date,Mom');
  const monthlyGaps = [
    `factor model ff5_mom_daily not fitted: ${monthly} has no ${FF5_DAILY}: add it; ${monthly} has no ${MOM_DAILY}: add it`,
    `factor model aqr_qmj_monthly not fitted: ${monthly} has no ${QMJ}: add it`,
  ];

  it('auto takes a factors/ of monthly files only, and names each model it cannot fit with the file it lacks', () => {
    expect(studyFactorFolder('auto', join(dir, 'monthly'))).toBe(monthly);
    const factors = studyFactors('auto', join(dir, 'monthly'));
    expect(factors.tables.map((t) => t.name)).toEqual(['ff5_monthly', 'mom_monthly']);
    expect(factors.unfitted).toEqual(monthlyGaps);
  });

  it('a file lacking a column is named with the columns it has; lower-case and UMD headers fit', () => {
    const folder = join(dir, 'cased');
    factorFile(folder, 'ff5_daily.csv', 'date,mkt-rf,smb,hml,rmw,cma,rf');
    factorFile(folder, 'mom_daily.csv', 'date,umd');
    const file = factorFile(folder, 'ff5_monthly.csv', 'Date,Mkt-RF,SMB,HML,RMW,RF');
    factorFile(folder, 'mom_monthly.csv', 'Date,Mom');
    factorFile(folder, 'aqr_qmj_monthly.csv', 'Date,AUS,usa');
    expect(loadFactorFolder(folder).unfitted).toEqual([`factor model ff5_mom_monthly not fitted: ${file} has no column CMA (it has Mkt-RF, SMB, HML, RMW, RF): add it or name it so (any case)`]);
  });

  it('a folder named from which no model can be fitted is refused in one line naming what each lacks', () => {
    const folder = join(dir, 'ff5only');
    factorFile(folder, 'ff5_monthly.csv', FF5_HEADER);
    expect(() => loadFactorFolder(folder)).toThrow(
      new UserError(
        `factors: no factor model can be fitted from ${folder}: ff5_mom_daily not fitted: ${folder} has no ${FF5_DAILY}: add it; ${folder} has no ${MOM_DAILY}: add it; ` +
          `ff5_mom_monthly not fitted: ${folder} has no mom_monthly.csv (Ken French's monthly momentum: Date,Mom): add it; aqr_qmj_monthly not fitted: ${folder} has no ${QMJ}: add it`,
      ),
    );
  });

  it('a study stores each line as a low caveat of every run, and fits the model the folder serves', async () => {
    const file = join(dir, 'monthly.yaml');
    writeFileSync(file, `data: sample\nfactors: ${monthly}\nruns:\n  - { name: a, strategy: buy-and-hold, params: { weights: { SYN_SMALL: 1 } } }\n`);
    const config = loadStudyFile(file);
    const { runs } = await runStudyRuns(config, await openStudyMarket(config), file);
    expect(runs[0].attribution.regressions.map((r) => r.model)).toEqual(['ff5_mom_monthly']);
    expect(runs[0].metrics.caveats.filter((c) => c.code === 'factors')).toEqual(monthlyGaps.map((message) => expect.objectContaining({ severity: 'low', message })));
  });

  it('auto on the built-in sample says it found no factor files, in the store and on the tear sheet (never "give the study factors: auto")', async () => {
    const file = join(dir, 'sample-auto.yaml');
    writeFileSync(file, 'data: sample\nfactors: auto\nruns:\n  - { name: a, strategy: buy-and-hold, params: { weights: { SYN_SMALL: 1 } } }\n');
    const db = join(dir, 'sample-auto.db');
    const { study, published } = await runStudy(loadStudyFile(file), { where: file, db, reportDir: null });
    const said = 'factors: auto found no factor files (the built-in sample has no factors/ folder): no factor model fitted — give factors: a folder of Fama-French/AQR CSVs (e.g. ../shared/data/factors)';
    expect(study.runs[0].attribution.regressions).toEqual([]);
    expect(study.runs[0].metrics.caveats.filter((c) => c.code === 'factors').map((c) => c.message)).toEqual([said]);
    const store = openStore(db);
    try {
      const html = tearSheetHtml(store, published.runs[0].id);
      expect(html).toContain(`No factor attribution: ${said}.`);
      expect(html).not.toContain('give the study <code>factors: auto</code>');
    } finally {
      store.close();
    }
  });
});

describe('a factors path in a study file', () => {
  it('resolves against the study file, and a missing folder stops the study with the file named', async () => {
    const file = join(dir, 'study.yaml');
    writeFileSync(file, 'data: sample\nfactors: ../no-such-factors\nruns:\n  - { name: a, strategy: buy-and-hold, params: { weights: { SYN_SMALL: 1 } } }\n');
    const config = loadStudyFile(file);
    expect(config.factors).toBe(join(dir, '..', 'no-such-factors'));
    const market = await openStudyMarket(config);
    const error = await runStudyRuns(config, market, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(`${file}: factors: no folder ${join(dir, '..', 'no-such-factors')} — give a folder of Fama-French/AQR CSVs (e.g. ../shared/data/factors) or "none"`);
  });

  it('keeps "auto" and "none" as words, not paths', () => {
    const file = join(dir, 'auto.yaml');
    writeFileSync(file, 'factors: auto\nruns:\n  - { name: a, strategy: buy-and-hold, params: { weights: { SYN_SMALL: 1 } } }\n');
    expect(loadStudyFile(file).factors).toBe('auto');
  });
});
