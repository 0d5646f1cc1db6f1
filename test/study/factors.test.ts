// The study's `factors:` key: "auto" finds the data folder's own factors/, a path resolves
// against the study file like other data paths, and a missing folder is a one-line user error
// naming the study file.

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../data/errors.ts';
import { loadStudyFile, openStudyMarket, runStudyRuns } from '../../study/index.ts';
import { studyFactorFolder } from '../../study/factors.ts';

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

  it.skipIf(!present)('finds ../shared/data/factors for the real data', () => {
    expect(studyFactorFolder('auto', shared)).toBe(join(shared, 'factors'));
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
