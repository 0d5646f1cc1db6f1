// Loading a user's strategy file (importUserFile also loads model files): a .ts or .js module
// exporting a definition, either as the default export or as `strategy`. The source hash is the
// sha256 of the file's text with CRLF read as LF (core/sourceHash.ts); helpers it imports are not covered.
//
// TypeScript files load through tsx (a runtime dependency, registered on the first .ts file, so
// commands that load none never pay for it) rather than Node's own type stripping: tsx works on
// every Node breadth supports (stripping is unflagged only from 22.18), and it accepts the
// TypeScript people write — enums, parameter properties, type imports without `import type`,
// extensionless relative imports — where stripping refuses them with an error about syntax.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sourceHash } from '../core/sourceHash.ts';
import { UserError } from '../data/errors.ts';
import { nearestName } from '../data/nearestName.ts';
import { strategyFrame } from '../engine/decisions/strategyFault.ts';
import type { StrategyDefinition } from './api.ts';
import { provideBreadthToStrategies } from './selfImport.ts';
import { syntaxErrorAt } from './syntaxError.ts';
import { noteUserFile } from './userFiles.ts';

/** A strategy definition read from a file or the built-ins (loadStrategyFile): the definition, the sha256 of its source (CRLF read as LF) and where it came from. */
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

/** A user's module file, imported: its exports, its sourceHash, its absolute path. */
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
  noteUserFile(absolute);
  try {
    provideBreadthToStrategies();
    if (TYPESCRIPT_FILE.test(absolute)) await registerTypeScript();
    module = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (err) {
    throw await loadFailure(err, what, absolute, text);
  }
  return { module, sourceHash: sourceHash(text), absolute };
}

/**
 * Why a user's file did not load, in one line with where: an import of a name its module does not
 * export (Node's "does not provide an export named 'defineStrateg'" for an ES module, tsx's "(0 ,
 * import_breadth.defineStrateg) is not a function" for one loaded as CommonJS) with the import's
 * file:line:col and the module's nearest export ("did you mean defineStrategy?"); anything else
 * thrown as the file ran with its file:line:col from the stack, as a throw in create() or decide()
 * is said (engine/decisions/strategyFault.ts strategyFrame); a SyntaxError with no such frame (Node's
 * for an ES module names no file) as `file:line:col: message` where esbuild finds it (syntaxError.ts).
 */
async function loadFailure(err: unknown, what: string, absolute: string, text: string): Promise<UserError> {
  const message = oneLine(err instanceof Error ? err.message : String(err));
  const named = /does not provide an export named '([^']+)'/.exec(message)?.[1] ?? /^\(0 , import_[\w$]+\.([\w$]+)\) is not a function$/.exec(message)?.[1];
  const imported = named === undefined ? undefined : importOf(text, named);
  if (named !== undefined && imported !== undefined) {
    const near = nearestName(named, await exportNames(imported.specifier, absolute));
    return new UserError(`${what} could not be loaded: '${imported.specifier}' has no export named ${named} (at ${absolute}:${imported.at})${near === undefined ? '' : `: did you mean ${near}?`}`);
  }
  const frame = err instanceof Error && typeof err.stack === 'string' ? strategyFrame(err.stack) : undefined;
  const syntax = frame === undefined && err instanceof SyntaxError ? await syntaxErrorAt(absolute) : undefined;
  if (syntax !== undefined) return new UserError(`${what} could not be loaded: ${syntax}`);
  return new UserError(`${what} could not be loaded: ${message}${frame === undefined ? '' : ` (at ${frame})`}`);
}

/** The module `name` is imported from in `text` (`import { name, … } from 'specifier'`), and where it is named there (line:col); undefined when no such import. */
function importOf(text: string, name: string): { specifier: string; at: string } | undefined {
  for (const match of text.matchAll(/\bimport\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s*(['"])([^'"]+)\2/g)) {
    const names = match[1];
    const offset = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).exec(names)?.index;
    if (offset === undefined) continue;
    const before = text.slice(0, match.index + match[0].indexOf('{') + 1 + offset).split('\n');
    return { specifier: match[3], at: `${before.length}:${before[before.length - 1].length + 1}` };
  }
  return undefined;
}

/** What `specifier` exports, imported as `file` would import it ('breadth': this breadth where no project around the file has one); [] where it cannot be loaded. */
async function exportNames(specifier: string, file: string): Promise<string[]> {
  const load = async (url: string): Promise<string[]> => Object.keys((await import(url)) as object).filter((key) => key !== 'default' && key !== 'module.exports');
  try {
    const resolved = createRequire(file).resolve(specifier);
    return await load(resolved.startsWith('node:') || !isAbsolute(resolved) ? resolved : pathToFileURL(resolved).href);
  } catch {
    try {
      return specifier === 'breadth' ? await load(import.meta.resolve('breadth')) : [];
    } catch {
      return [];
    }
  }
}

export async function loadStrategyFile(path: string, cwd = process.cwd()): Promise<LoadedDefinition> {
  const where = `strategy file ${path}`;
  const { module, sourceHash, absolute } = await importUserFile(path, cwd, where);
  const exported = definitionExport(module, 'strategy');
  if (exported === undefined) {
    const names = Object.keys(ownExports(module));
    throw new UserError(
      `${where} exports no strategy definition: write \`export default defineStrategy({ ... })\` or \`export const strategy = ...\`` +
        ` (it exports ${names.length ? names.join(', ') : 'nothing'})`,
    );
  }
  return { definition: checkDefinition(exported, where), sourceHash, origin: absolute };
}

/** A loader's message in one line (Node appends a multi-line "Require stack"; esbuild lists errors on lines). */
function oneLine(message: string): string {
  const lines = message.split('\n');
  const stack = lines.findIndex((l) => l.startsWith('Require stack:'));
  return (stack < 0 ? lines : lines.slice(0, stack)).map((l) => l.trim()).filter(Boolean).join(' ');
}

/**
 * The exported definition: the default export, or the export named `name` (`strategy`, `model`);
 * undefined when the file exports neither, as a CommonJS file or an ES module (ownExports).
 */
export function definitionExport(module: Record<string, unknown>, name: string): unknown {
  const exports = ownExports(module);
  return exports.default ?? exports[name];
}

/** The fields every definition (strategy, model) has: an object with none of them is no definition, however malformed. */
const DEFINITION_FIELDS = ['name', 'description', 'params', 'create'];

/**
 * What a file exports, by name. A file loaded as CommonJS (a .ts file outside a `"type":
 * "module"` project: npm init's default, or no package.json at all) arrives wrapped: its
 * `module.exports` ({}, { default: definition }, { myStrategy }) is the default export, and the
 * names beside it (tsx adds `module.exports`) are its own properties again. A default export with
 * any definition field is a definition, however malformed, never such a wrapper.
 */
export function ownExports(module: Record<string, unknown>): Record<string, unknown> {
  const wrapped = module.default;
  if (typeof wrapped !== 'object' || wrapped === null || DEFINITION_FIELDS.some((field) => field in wrapped)) return module;
  const exports = wrapped as Record<string, unknown>;
  const mirrored = Object.keys(module).every((key) => key === 'default' || key === 'module.exports' || module[key] === exports[key]);
  return mirrored ? exports : module;
}

/** The export, checked field by field (a .js file has no type checker to do it). */
export function checkDefinition(value: unknown, where: string): StrategyDefinition {
  if (typeof value !== 'object' || value === null) throw new UserError(`${where}: the exported strategy is ${value === null ? 'null' : typeof value}, expected a definition object`);
  const d = value as Record<string, unknown>;
  const problems = definitionProblems(d, 'low-volatility', typeof d.dataNeeds !== 'string' || d.dataNeeds === '' ? ["dataNeeds must be a string such as 'stock prices'"] : []);
  if (typeof d.create !== 'function') problems.push('create must be a function (params) => ({ schedule, decide })');
  if (problems.length) throw new UserError(`${where}: invalid strategy definition: ${problems.join('; ')}`);
  return value as StrategyDefinition;
}

/**
 * What is wrong with the fields every definition file has (strategies, models): name, description,
 * then the kind's own problems (`own`), then params.
 */
export function definitionProblems(d: Record<string, unknown>, exampleName: string, own: readonly string[]): string[] {
  const problems: string[] = [];
  if (typeof d.name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(d.name)) problems.push(`name must be a kebab-case string such as "${exampleName}"`);
  if (typeof d.description !== 'string' || d.description === '') problems.push('description must be a one-line string');
  problems.push(...own);
  if (!isObjectSchema(d.params)) problems.push('params must be a zod object schema, e.g. z.object({ ... })');
  return problems;
}

function isObjectSchema(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const schema = value as { safeParse?: unknown; shape?: unknown };
  return typeof schema.safeParse === 'function' && typeof schema.shape === 'object' && schema.shape !== null;
}
