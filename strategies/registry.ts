// The strategy registry: the built-ins by name, user files by path, and one way to turn either
// plus raw parameters into a runnable Strategy (validated, named, with its source hash).
//
// To add a built-in: write strategies/builtin/<name>.ts exporting a definition, and add it to
// BUILTINS with its file (the file is hashed into every run's manifest, CRLF read as LF: core/sourceHash.ts).

import { readFileSync } from 'node:fs';
import { sourceHash } from '../core/sourceHash.ts';
import { UserError } from '../data/errors.ts';
import { describe } from '../engine/decisions/strategyFault.ts';
import type { Strategy } from '../engine/strategy.ts';
import { instantiate, type StrategyDefinition } from './api.ts';
import { breadthThrust } from './builtin/breadthThrust.ts';
import { buyAndHold } from './builtin/buyAndHold.ts';
import { equalWeight } from './builtin/equalWeight.ts';
import { fixedWeights } from './builtin/fixedWeights.ts';
import { iwmVsSmlf } from './builtin/iwmVsSmlf.ts';
import { momentum } from './builtin/momentum.ts';
import { qualityLongShort } from './builtin/qualityLongShort.ts';
import { rateRegime } from './builtin/rateRegime.ts';
import { riskAllocation } from './builtin/riskAllocation.ts';
import { sizeTilt } from './builtin/sizeTilt.ts';
import { smaCrossover } from './builtin/smaCrossover.ts';
import { isStrategyPath, loadStrategyFile, type LoadedDefinition } from './loader.ts';
import { describeParams, type ParamDoc } from './paramDocs.ts';

interface Builtin {
  readonly definition: StrategyDefinition;
  /** Source file, relative to this folder. */
  readonly file: string;
}

const BUILTINS: readonly Builtin[] = [
  { definition: buyAndHold, file: 'builtin/buyAndHold.ts' },
  { definition: fixedWeights, file: 'builtin/fixedWeights.ts' },
  { definition: equalWeight, file: 'builtin/equalWeight.ts' },
  { definition: smaCrossover, file: 'builtin/smaCrossover.ts' },
  { definition: momentum, file: 'builtin/momentum.ts' },
  { definition: qualityLongShort, file: 'builtin/qualityLongShort.ts' },
  { definition: sizeTilt, file: 'builtin/sizeTilt.ts' },
  { definition: iwmVsSmlf, file: 'builtin/iwmVsSmlf.ts' },
  { definition: rateRegime, file: 'builtin/rateRegime.ts' },
  { definition: breadthThrust, file: 'builtin/breadthThrust.ts' },
  { definition: riskAllocation, file: 'builtin/riskAllocation.ts' },
];

/** A built-in strategy as `breadth strategies` lists it (listStrategies): name, description, data needs and each parameter's documentation. */
export interface StrategyInfo {
  readonly name: string;
  readonly description: string;
  readonly dataNeeds: string;
  readonly params: readonly ParamDoc[];
  /** Source file of a built-in, relative to the repository root. */
  readonly file: string;
}

/** Every built-in with its parameters (name, type, default, description), for listings. */
export function listStrategies(): StrategyInfo[] {
  return BUILTINS.map(({ definition: d, file }) => ({
    name: d.name,
    description: d.description,
    dataNeeds: d.dataNeeds,
    params: describeParams(d.params),
    file: `strategies/${file}`,
  }));
}

/** The built-in strategies' names (kebab-case: `size-tilt`, `momentum`, …), in listing order. */
export function builtinNames(): string[] {
  return BUILTINS.map((b) => b.definition.name);
}

/** A built-in's definition and source hash; a UserError naming the built-ins when unknown. */
export function builtinDefinition(name: string): LoadedDefinition {
  const entry = BUILTINS.find((b) => b.definition.name === name);
  if (!entry) {
    throw new UserError(`unknown strategy "${name}": built-ins are ${builtinNames().join(', ')}; or give the path of a .ts/.js strategy file`);
  }
  return { definition: entry.definition, sourceHash: builtinHash(entry.file), origin: 'builtin' };
}

/** A built-in by name, or a user file by path (relative to `cwd`). */
export async function loadStrategyDefinition(nameOrPath: string, cwd?: string): Promise<LoadedDefinition> {
  return isStrategyPath(nameOrPath) ? loadStrategyFile(nameOrPath, cwd) : builtinDefinition(nameOrPath);
}

/**
 * `nameOrPath` as given to `call` (createStrategy, createBuiltinStrategy), checked to be a string:
 * from plain JavaScript anything may come, and a definition (defineStrategy's) is instantiate()'s.
 * @throws UserError naming the function, what it was given and instantiate().
 */
function nameGiven(nameOrPath: unknown, call: string): string {
  if (typeof nameOrPath === 'string') return nameOrPath;
  const definition = typeof nameOrPath === 'object' && nameOrPath !== null && typeof (nameOrPath as { create?: unknown }).create === 'function';
  const given = definition ? 'a strategy definition' : describe(nameOrPath);
  throw new UserError(`${call}() takes a built-in strategy's name or a strategy file's path, got ${given}: for a definition (defineStrategy's), use instantiate(definition, params)`);
}

/**
 * A runnable Strategy from a built-in name or a strategy file path and raw parameters.
 * @throws UserError for an unknown name, a file that cannot be loaded, or anything but a string
 *   (a definition is instantiate()'s); ParamsError for parameters its schema refuses.
 */
export async function createStrategy(nameOrPath: string, rawParams: unknown = {}, cwd?: string): Promise<Strategy> {
  const { definition, sourceHash, origin } = await loadStrategyDefinition(nameGiven(nameOrPath, 'createStrategy'), cwd);
  return instantiate(definition, rawParams, sourceHash, origin);
}

/** Synchronous form for built-ins only (the errors of createStrategy). */
export function createBuiltinStrategy(name: string, rawParams: unknown = {}): Strategy {
  const { definition, sourceHash } = builtinDefinition(nameGiven(name, 'createBuiltinStrategy'));
  return instantiate(definition, rawParams, sourceHash);
}

const hashes = new Map<string, string>();

function builtinHash(file: string): string {
  let hash = hashes.get(file);
  if (hash === undefined) {
    hash = sourceHash(readFileSync(new URL(file, import.meta.url), 'utf8'));
    hashes.set(file, hash);
  }
  return hash;
}
