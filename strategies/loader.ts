// Loading a user's strategy file: a .ts or .js module exporting a definition, either as the
// default export or as `strategy`. The source hash is the sha256 of the file's text; helpers it
// imports are not covered.
//
// TypeScript files load through tsx (a runtime dependency, registered on the first .ts file, so
// commands that load none never pay for it) rather than Node's own type stripping: tsx works on
// every Node breadth supports (stripping is unflagged only from 22.18), and it accepts the
// TypeScript people write — enums, parameter properties, type imports without `import type`,
// extensionless relative imports — where stripping refuses them with an error about syntax.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserError } from '../data/errors.ts';
import type { StrategyDefinition } from './api.ts';
import { provideBreadthToStrategies } from './selfImport.ts';

export interface LoadedDefinition {
  readonly definition: StrategyDefinition;
  readonly sourceHash: string;
  /** 'builtin', or the absolute path of the user's file. */
  readonly origin: string;
}

const STRATEGY_FILE = /\.(?:[cm]?[jt]s)$/;
const TYPESCRIPT_FILE = /\.[cm]?ts$/;

let typescriptLoader: Promise<void> | undefined;

/** Teach this process's module loader TypeScript, once. */
function registerTypeScript(): Promise<void> {
  typescriptLoader ??= import('tsx/esm/api').then(({ register }) => {
    register();
  });
  return typescriptLoader;
}

/** True when the argument names a file rather than a built-in. */
export function isStrategyPath(nameOrPath: string): boolean {
  return STRATEGY_FILE.test(nameOrPath) || nameOrPath.includes('/') || nameOrPath.includes('\\');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export async function loadStrategyFile(path: string, cwd = process.cwd()): Promise<LoadedDefinition> {
  const absolute = resolve(cwd, path);
  const where = `strategy file ${path}`;
  if (!existsSync(absolute)) throw new UserError(`${where} not found (looked at ${absolute})`);
  if (!STRATEGY_FILE.test(absolute)) throw new UserError(`${where}: expected a .ts or .js file`);
  const text = readFileSync(absolute, 'utf8');
  let module: Record<string, unknown>;
  try {
    provideBreadthToStrategies();
    if (TYPESCRIPT_FILE.test(absolute)) await registerTypeScript();
    module = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (err) {
    throw new UserError(`${where} could not be loaded: ${oneLine(err instanceof Error ? err.message : String(err))}`);
  }
  const exported = definitionExport(module);
  if (exported === undefined) {
    const names = Object.keys(module);
    throw new UserError(
      `${where} exports no strategy definition: write \`export default defineStrategy({ ... })\` or \`export const strategy = ...\`` +
        ` (it exports ${names.length ? names.join(', ') : 'nothing'})`,
    );
  }
  return { definition: checkDefinition(exported, where), sourceHash: sha256(text), origin: absolute };
}

/** A loader's message in one line (Node appends a multi-line "Require stack"; esbuild lists errors on lines). */
function oneLine(message: string): string {
  const lines = message.split('\n');
  const stack = lines.findIndex((l) => l.startsWith('Require stack:'));
  return (stack < 0 ? lines : lines.slice(0, stack)).map((l) => l.trim()).filter(Boolean).join(' ');
}

/**
 * The exported definition. A file loaded as CommonJS (a .ts file in a `"type": "commonjs"` project,
 * npm init's default) arrives wrapped: its `module.exports`, holding `default`, is the default export.
 */
function definitionExport(module: Record<string, unknown>): unknown {
  const exported = module.default ?? module.strategy;
  if (typeof exported !== 'object' || exported === null || 'create' in exported) return exported;
  const wrapped = exported as Record<string, unknown>;
  return wrapped.default ?? wrapped.strategy ?? exported;
}

/** The export, checked field by field (a .js file has no type checker to do it). */
export function checkDefinition(value: unknown, where: string): StrategyDefinition {
  if (typeof value !== 'object' || value === null) throw new UserError(`${where}: the exported strategy is ${value === null ? 'null' : typeof value}, expected a definition object`);
  const d = value as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof d.name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(d.name)) problems.push('name must be a kebab-case string such as "low-volatility"');
  if (typeof d.description !== 'string' || d.description === '') problems.push('description must be a one-line string');
  if (typeof d.dataNeeds !== 'string' || d.dataNeeds === '') problems.push("dataNeeds must be a string such as 'stock prices'");
  if (!isObjectSchema(d.params)) problems.push('params must be a zod object schema, e.g. z.object({ ... })');
  if (typeof d.create !== 'function') problems.push('create must be a function (params) => ({ schedule, decide })');
  if (problems.length) throw new UserError(`${where}: invalid strategy definition: ${problems.join('; ')}`);
  return value as StrategyDefinition;
}

function isObjectSchema(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const schema = value as { safeParse?: unknown; shape?: unknown };
  return typeof schema.safeParse === 'function' && typeof schema.shape === 'object' && schema.shape !== null;
}
