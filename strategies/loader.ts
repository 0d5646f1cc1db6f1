// Loading a user's strategy file (importUserFile also loads model files): a .ts or .js module
// exporting a definition, either as the default export or as `strategy`. `.ts` works wherever the
// process runs under tsx (the CLI does). The source hash is the sha256 of the file's text;
// helpers it imports are not covered.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserError } from '../data/errors.ts';
import type { StrategyDefinition } from './api.ts';

export interface LoadedDefinition {
  readonly definition: StrategyDefinition;
  readonly sourceHash: string;
  /** 'builtin', or the absolute path of the user's file. */
  readonly origin: string;
}

const STRATEGY_FILE = /\.(?:[cm]?[jt]s)$/;

/** True when the argument names a file rather than a built-in. */
export function isStrategyPath(nameOrPath: string): boolean {
  return STRATEGY_FILE.test(nameOrPath) || nameOrPath.includes('/') || nameOrPath.includes('\\');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A user's module file, imported: its exports, the sha256 of its text, its absolute path. */
export interface ImportedFile {
  readonly module: Record<string, unknown>;
  readonly sourceHash: string;
  readonly absolute: string;
}

/**
 * Import a user's .ts/.js file (relative to `cwd`); `what` names it in errors ("strategy file
 * x.ts"). Strategy and model files load through here. Throws UserError when it is missing, not
 * .ts/.js, or fails to load.
 */
export async function importUserFile(path: string, cwd: string, what: string): Promise<ImportedFile> {
  const absolute = resolve(cwd, path);
  if (!existsSync(absolute)) throw new UserError(`${what} not found (looked at ${absolute})`);
  if (!STRATEGY_FILE.test(absolute)) throw new UserError(`${what}: expected a .ts or .js file`);
  const text = readFileSync(absolute, 'utf8');
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (err) {
    throw new UserError(`${what} could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { module, sourceHash: sha256(text), absolute };
}

export async function loadStrategyFile(path: string, cwd = process.cwd()): Promise<LoadedDefinition> {
  const where = `strategy file ${path}`;
  const { module, sourceHash, absolute } = await importUserFile(path, cwd, where);
  const exported = module.default ?? module.strategy;
  if (exported === undefined) {
    const names = Object.keys(module);
    throw new UserError(
      `${where} exports no strategy definition: write \`export default defineStrategy({ ... })\` or \`export const strategy = ...\`` +
        ` (it exports ${names.length ? names.join(', ') : 'nothing'})`,
    );
  }
  return { definition: checkDefinition(exported, where), sourceHash, origin: absolute };
}

/** The export, checked field by field (a .js file has no type checker to do it). */
export function checkDefinition(value: unknown, where: string): StrategyDefinition {
  if (typeof value !== 'object' || value === null) throw new UserError(`${where}: the exported strategy is ${value === null ? 'null' : typeof value}, expected a definition object`);
  const d = value as Record<string, unknown>;
  const problems = definitionProblems(d, 'low-volatility');
  if (typeof d.dataNeeds !== 'string' || d.dataNeeds === '') problems.push("dataNeeds must be a string such as 'stock prices'");
  if (typeof d.create !== 'function') problems.push('create must be a function (params) => ({ schedule, decide })');
  if (problems.length) throw new UserError(`${where}: invalid strategy definition: ${problems.join('; ')}`);
  return value as StrategyDefinition;
}

/** What is wrong with the fields every definition file has (strategies, models): name, description, params. */
export function definitionProblems(d: Record<string, unknown>, exampleName: string): string[] {
  const problems: string[] = [];
  if (typeof d.name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(d.name)) problems.push(`name must be a kebab-case string such as "${exampleName}"`);
  if (typeof d.description !== 'string' || d.description === '') problems.push('description must be a one-line string');
  if (!isObjectSchema(d.params)) problems.push('params must be a zod object schema, e.g. z.object({ ... })');
  return problems;
}

function isObjectSchema(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const schema = value as { safeParse?: unknown; shape?: unknown };
  return typeof schema.safeParse === 'function' && typeof schema.shape === 'object' && schema.shape !== null;
}
