// The execution models a study names by file, like strategy files: under `models:` (for every
// run, or per run), each concern — commission, slippage, fill, volume, borrow, cash — may name a
// .ts/.js file exporting a model definition (engine/models/define.ts) and its parameters:
//   models:
//     commission: { file: models/tieredCommission.ts, params: { minimum: 1 } }
// The file replaces the engine setting of its concern (a run's own setting over the study's); the
// run's manifest records its path (as the study names it), sha256 and parameters.

import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { UserError } from '../data/errors.ts';
import type { Market } from '../data/market.ts';
import { describeIssues } from '../engine/configError.ts';
import { blamed } from '../engine/decisions/strategyFault.ts';
import { checkModel, CONFIG_KEYS, type ModelDefinition, type ModelSource } from '../engine/models/index.ts';
import { type ExecutionModels, MODEL_CONCERNS, type ModelConcern } from '../engine/models/types.ts';
import { definitionExport, definitionProblems, importUserFile } from '../strategies/loader.ts';
import { nestedUnknownKeys, refusingUnknownKeys } from '../strategies/strictParams.ts';
import { CopyMismatch } from './sweep/mismatch.ts';

const modelFile = z
  .object({
    /** A .ts/.js model file, relative to the study file. */
    file: z.string().min(1),
    params: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();
export const modelFilesSchema = z.partialRecord(z.enum(MODEL_CONCERNS), modelFile);
export type ModelFiles = z.output<typeof modelFilesSchema>;

/** One run's settings as the study gives them: its own, and the study's defaults. */
export interface ModelSettings {
  readonly run: { readonly engine: Record<string, unknown>; readonly models: ModelFiles };
  readonly study: { readonly engine: Record<string, unknown>; readonly models: ModelFiles };
}

/** A model file as a trial (or a worker elsewhere) loads it again: an absolute path, its params and hash. */
export interface ModelFile {
  readonly file: string;
  readonly params: Record<string, unknown>;
  readonly sourceHash: string;
}

export interface RunModels {
  readonly models: Partial<ExecutionModels>;
  readonly modelSources: Partial<Record<ModelConcern, ModelSource>>;
  /** The same files by absolute path, for trials that load them again. */
  readonly files: Partial<Record<ModelConcern, ModelFile>>;
  /** Engine config keys the model files replace (drop them from the merged engine settings). */
  readonly replaced: readonly string[];
}

/**
 * Load the model files that apply to one run. Per concern, the run's own setting wins over the
 * study's; a level that sets both the engine key and a model file is an error naming both.
 * `where` names the study file, `path` the run (`runs[2]`); files are found relative to `baseDir`.
 */
export async function loadRunModels(settings: ModelSettings, market: Market, where: string, path: string, baseDir = process.cwd()): Promise<RunModels> {
  const models: Partial<Record<ModelConcern, unknown>> = {};
  const modelSources: Partial<Record<ModelConcern, ModelSource>> = {};
  const files: Partial<Record<ModelConcern, ModelFile>> = {};
  const replaced: string[] = [];
  for (const concern of MODEL_CONCERNS) {
    const key = CONFIG_KEYS[concern];
    const level = chooseLevel(settings, concern, key, where, path);
    if (level === undefined) continue;
    const spec = settings[level].models[concern]!;
    const at = level === 'run' ? `${path}.models.${concern}` : `models.${concern}`;
    const { model, sourceHash, params } = await loadModelFile(concern, spec, market, `${where}: ${at}`, baseDir);
    models[concern] = model;
    modelSources[concern] = { path: spec.file, sourceHash, params };
    files[concern] = { file: resolve(baseDir, spec.file), params: spec.params, sourceHash };
    replaced.push(key);
  }
  return { models: models as Partial<ExecutionModels>, modelSources, files, replaced };
}

/**
 * Load model files again by absolute path (a trial of a sweep). A file whose contents changed since
 * the sweep was planned is refused: the trial key names its hash.
 */
export async function loadModelFiles(files: Partial<Record<ModelConcern, ModelFile>>, market: Market, where: string): Promise<Pick<RunModels, 'models' | 'modelSources'>> {
  const models: Partial<Record<ModelConcern, unknown>> = {};
  const modelSources: Partial<Record<ModelConcern, ModelSource>> = {};
  for (const concern of MODEL_CONCERNS) {
    const spec = files[concern];
    if (spec === undefined) continue;
    const loaded = await loadModelFile(concern, spec, market, where, dirname(spec.file));
    if (loaded.sourceHash !== spec.sourceHash) throw new CopyMismatch(`${where}: model file ${spec.file} changed since the sweep was planned (sha256 ${loaded.sourceHash.slice(0, 12)}…, planned ${spec.sourceHash.slice(0, 12)}…); plan it again`);
    models[concern] = loaded.model;
    modelSources[concern] = { path: spec.file, sourceHash: loaded.sourceHash, params: loaded.params };
  }
  return { models: models as Partial<ExecutionModels>, modelSources };
}

/** Which level's model file applies to `concern` (undefined: the engine config's setting). */
function chooseLevel(settings: ModelSettings, concern: ModelConcern, key: string, where: string, path: string): 'run' | 'study' | undefined {
  const { run, study } = settings;
  if (study.models[concern] !== undefined && study.engine[key] !== undefined) throw new UserError(`${where}: models.${concern}: the study also sets engine.${key}; keep one`);
  if (run.models[concern] !== undefined && run.engine[key] !== undefined) throw new UserError(`${where}: ${path}.models.${concern}: the run also sets engine.${key}; keep one`);
  if (run.models[concern] !== undefined) return 'run';
  if (run.engine[key] !== undefined || study.models[concern] === undefined) return undefined;
  return 'study';
}

async function loadModelFile(concern: ModelConcern, spec: { file: string; params: Record<string, unknown> }, market: Market, where: string, baseDir: string) {
  const { module, sourceHash } = await importUserFile(spec.file, baseDir, `${where}: model file ${spec.file}`);
  const definition = checkDefinition(definitionExport(module, 'model'), `${where}: ${spec.file}`);
  if (definition.concern !== concern) throw new UserError(`${where}: ${spec.file} is a ${definition.concern} model, not a ${concern} model`);
  // Unknown keys at any depth (strictParams.ts), with what else the schema finds, in one line.
  const parsed = refusingUnknownKeys(definition.params).safeParse(spec.params);
  const issues = [...nestedUnknownKeys(definition.params, spec.params), ...(parsed.error?.issues ?? [])];
  if (issues.length > 0 || !parsed.success) throw new UserError(describeIssues(new z.ZodError(issues), where, 'params', spec.params, definition.params));
  const params = parsed.data;
  let model: unknown;
  try {
    model = definition.create(params, market);
  } catch (err) {
    throw blamed(err, `${where}: ${concern} model "${definition.name}" (${spec.file}) failed in create()`, spec.file, false);
  }
  checkModel(concern, model, `${where}: ${spec.file}: create(…) returned`);
  return { model, sourceHash, params };
}

/** The export, checked field by field (a .js file has no type checker to do it). */
function checkDefinition(value: unknown, where: string): ModelDefinition {
  if (typeof value !== 'object' || value === null) {
    throw new UserError(`${where} exports no model definition: write \`export default defineModel({ concern, name, description, params, create })\``);
  }
  const d = value as Record<string, unknown>;
  const concern = MODEL_CONCERNS.includes(d.concern as ModelConcern) ? [] : [`concern must be one of ${MODEL_CONCERNS.join(', ')}`];
  const problems = definitionProblems(d, 'tiered-per-share', concern);
  if (typeof d.create !== 'function') problems.push('create must be a function (params, market) => model');
  if (problems.length) throw new UserError(`${where}: invalid model definition: ${problems.join('; ')}`);
  return value as ModelDefinition;
}
