// Study configuration: one file (YAML or JSON) holding one or several runs over one data source.
// Every key is checked (unknown keys are errors) and every error names the file and key path.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { parse } from 'yaml';
import { z } from 'zod';
import { excerpt, UserError } from '../data/errors.ts';
import { parseJsonText } from '../data/formats/jsonText.ts';
import { PRICE_FILE_NAMES } from '../data/prices/files/priceFileName.ts';
import { unknownEngineSettings } from '../engine/config.ts';
import { annualRate, checkPeriodOrder, isoDate, periodsPerYear } from '../engine/models/units.ts';
import { parseFields } from './fieldHelp.ts';
import { modelFilesSchema } from './models.ts';
import { sweepSchema, walkForwardSchema } from './sweep/config.ts';


/**
 * Engine settings over other settings: their values are checked once merged (study/runStudy.ts
 * prepareRun), their keys here, so a misspelt setting is the file's error before any run or trial.
 */
const engineOverrides = z.record(z.string(), z.unknown()).superRefine((engine, ctx) => {
  const message = unknownEngineSettings(Object.keys(engine));
  if (message) ctx.addIssue({ code: 'custom', message });
});

export const runSpecSchema = z
  .object({
    /** Unique within the study; names the stored run and its report. */
    name: z.string().regex(/^[\w.@-]+$/, 'use letters, digits, ".", "-", "_" or "@"'),
    /** A built-in strategy name or a path to a strategy file (.ts/.js). */
    strategy: z.string().min(1),
    params: z.record(z.string(), z.unknown()).default({}),
    /** Benchmark symbol or role (e.g. "@smallCap", "SPY"), "cash" (the risk-free series), or "none". */
    benchmark: z.string().min(1).optional(),
    /** P for annualising this run (252 daily, 52 weekly, 12 monthly); inferred from the calendar when absent. */
    periodsPerYear: periodsPerYear.optional(),
    /** Engine settings for this run, over the study's `engine` defaults. */
    engine: engineOverrides.default({}),
    /** Model files for this run, by concern (study/models.ts), over the study's `models`. */
    models: modelFilesSchema.default({}),
    /** What `breadth sweep` varies for this run (replaces the study's `sweep`). */
    sweep: sweepSchema.optional(),
    /** How `breadth walk-forward` tests this run (replaces the study's `walkForward`). */
    walkForward: walkForwardSchema.optional(),
  })
  .strict();

export const studySchema = z
  .object({
    title: z.string().min(1).default('breadth study'),
    /** "sample" (the built-in SYNTHETIC universe) or a data path. */
    data: z.string().min(1).default('sample'),
    sample: z
      .object({ seed: z.number().int().optional(), stocks: z.number().int().min(20).optional(), years: z.number().int().min(1).optional() })
      .strict()
      .default({}),
    /** Load only these symbols of the data (of the sample too: it is generated whole, then narrowed to them). */
    symbols: z.array(z.string().min(1)).min(1).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** Default benchmark for every run: a symbol or role, "cash", or "none". */
    benchmark: z.string().min(1).optional(),
    /** Default P for every run; inferred from each run's calendar when absent. */
    periodsPerYear: periodsPerYear.optional(),
    /** Risk-free for metrics: an annual rate (0.02), a market rate series name ("tbill3m"), or 0. */
    riskFree: z.union([annualRate, z.string().min(1)]).default(0),
    /**
     * Fama-French / QMJ factor files for attribution: a folder like ../shared/data/factors
     * (relative to the study file), "auto" (the data folder's own factors/ when it holds a factor
     * file), or "none". Models the files cannot fit are said in a caveat (study/factors.ts).
     */
    factors: z.string().min(1).default('none'),
    engine: engineOverrides.default({}),
    /** Model files for every run, by concern: `{ file, params }` (study/models.ts). */
    models: modelFilesSchema.default({}),
    runs: z.array(runSpecSchema).min(1, 'a study needs at least one run'),
    /** What `breadth sweep` varies, for every run without a `sweep` of its own. */
    sweep: sweepSchema.optional(),
    /** How `breadth walk-forward` tests every run without a `walkForward` of its own. */
    walkForward: walkForwardSchema.optional(),
    /** Comparison pages: each a list of run names. */
    compare: z.array(z.object({ name: z.string().min(1), runs: z.array(z.string().min(1)).min(2) }).strict()).default([]),
  })
  .strict()
  .superRefine((study, ctx) => {
    const names = new Set<string>();
    study.runs.forEach((run, k) => {
      if (names.has(run.name)) ctx.addIssue({ code: 'custom', path: ['runs', k, 'name'], message: `duplicate run name "${run.name}"` });
      names.add(run.name);
    });
    study.compare.forEach((group, g) =>
      group.runs.forEach((name, k) => {
        if (!names.has(name)) ctx.addIssue({ code: 'custom', path: ['compare', g, 'runs', k], message: `no run named "${name}" in this study` });
      }),
    );
    checkPeriodOrder(study, ctx);
    if (study.data !== 'sample' && hasSampleOptions(study.sample)) ctx.addIssue({ code: 'custom', path: ['sample'], message: SAMPLE_BLOCK_APART });
  });

/** What a sample: block beside a real data: path is told: it would shape nothing, so it is refused, never dropped (probe r70c F3). */
const SAMPLE_BLOCK_APART = 'applies only with data: sample — drop it, or set data: sample';

/** True when a study's sample: block sets any option (an empty one, or none, shapes nothing). */
export function hasSampleOptions(sample: Readonly<Record<string, unknown>>): boolean {
  return Object.values(sample).some((v) => v !== undefined);
}

/** A parsed study file (loadStudyFile, parseStudy), every key checked: title, data (a path or the sample), symbols and period, benchmark, periods a year, risk-free rate, factor tables, engine settings, model files, runs, sweep and walk-forward blocks, and the comparisons to draw. */
export type StudyConfig = z.output<typeof studySchema>;
export type RunSpec = z.output<typeof runSpecSchema>;

/** The YAML parser, loaded with the first YAML file (a run from flags or JSON never needs it). */
const parseYaml = (text: string): unknown => (createRequire(import.meta.url)('yaml') as { parse: typeof parse }).parse(text);

/** A price file's name (`.csv`, `.tsv`, `.txt`, each optionally gzipped): data, never a study. */
const PRICE_FILE = /\.(csv|tsv|txt)(\.gz)?$|\.gz$/i;

/** The one-line advice for data given where a study file is expected. */
const asData = (path: string, what: string): UserError =>
  new UserError(`${path} is ${what}, not a study file (.yaml, .yml or .json): to backtest it, run \`breadth run --data ${path} --strategy <name>\` (names: \`breadth strategies\`)`);

/** The text of a study file; a folder, a price file or an unreadable path is a UserError saying what to do. */
function readStudyText(path: string): string {
  if (existsSync(path) && statSync(path).isDirectory()) throw asData(path, 'a folder');
  if (PRICE_FILE.test(path)) throw asData(path, 'a price file');
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new UserError(`${path}: cannot read the study file — check the path`);
  }
}

/**
 * Read and validate a study file (.yaml, .yml or .json); its data and factor paths are relative to
 * it. `data` (--data, as typed) replaces the file's `data:`; without it, the file's must exist. A
 * `sample:` block is refused beside a real `data:` path, and beside a `data: sample` that a real
 * --data path replaces: it would shape nothing.
 * @throws UserError for a folder or price file given instead (with the --data command), an empty
 *   file, text that does not parse, keys and values the schema refuses (file: key path: problem),
 *   a data path that names nothing: `s7.yaml: data: nodata: no such file or folder (looked at
 *   /…/nodata: …)`, or `--data nodata: no such file or folder` (requireDataPath); a sample: block
 *   that would not be used: `s.yaml: sample: applies only with data: sample — drop it, or set data: sample`.
 */
export function loadStudyFile(path: string, data?: string): StudyConfig {
  const text = readStudyText(path);
  let raw: unknown;
  if (path.endsWith('.json')) raw = parseJsonText(text, path);
  else {
    try {
      raw = parseYaml(text);
    } catch (err) {
      throw new UserError(`${path}: not valid YAML: ${(err as Error).message.split('\n')[0].replace(/:\s*$/, '')}`);
    }
  }
  if (raw === null || raw === undefined) throw new UserError(`${path} is empty: a study names its data and its runs (data: …, runs: [{ name, strategy }]; see examples/study.yaml)`);
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new UserError(`${path} is not a study: its top level is ${Array.isArray(raw) ? 'a list' : `a ${typeof raw} (${excerpt(raw)})`}, where a study has keys such as data: and runs: (see examples/study.yaml)`);
  }
  const study = parseFields(studySchema, raw, path);
  const here = (p: string): string => (p === 'sample' || p === 'none' || p === 'auto' || isAbsolute(p) ? p : join(dirname(path), p));
  const config = { ...study, data: data ?? here(study.data), factors: here(study.factors) };
  if (data !== undefined) {
    requireDataPath(data, `--data ${data}`);
    // The file's sample: block goes with its data: sample; --data in its place would leave it unused, unsaid.
    if (data !== 'sample' && hasSampleOptions(study.sample)) {
      throw new UserError(`${path}: sample: applies only with data: sample, and --data ${data} replaces it — drop --data to run on the sample, or drop the sample: block to run on ${data}`);
    }
  }
  else requireDataPath(config.data, `${path}: data: ${study.data}`, isAbsolute(study.data) ? '' : ` (looked at ${resolve(config.data)}: a relative path starts at the study file's folder)`);
  return config;
}

/**
 * Nothing when `data` is the sample or a path that exists; else a UserError naming it as the user
 * wrote it (`named`: "--data prices", "study.yaml: data: prices"), where it was looked for
 * (`looked`, e.g. " (looked at /…/prices: …)"), and what to give — where the loader would name only the path.
 */
export function requireDataPath(data: string, named: string, looked = ''): void {
  if (data !== 'sample' && !existsSync(data)) throw new UserError(`${named}: no such file or folder${looked} — give a data folder, a folder of ${PRICE_FILE_NAMES} files, or one price file`);
}

/** Validate a study given as an object (library use); `where` names it in errors. */
export function parseStudy(raw: unknown, where = 'study'): StudyConfig {
  return parseFields(studySchema, raw, where);
}
