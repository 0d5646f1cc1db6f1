// Where the market cache lives and how big it may grow. The user's cache directory, never the
// working directory: `$BREADTH_CACHE_DIR`, else `$XDG_CACHE_HOME/breadth`, else
// `~/.cache/breadth`. Bounded: `$BREADTH_CACHE_LIMIT` (bytes, or with a unit: 500MB, 2GB),
// default 2 GB; least recently used markets are evicted beyond it.

import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { UserError } from '../errors.ts';

export const DEFAULT_CACHE_LIMIT_BYTES = 2 * 1024 ** 3;

/** The cache folder for an explicit choice (a path), else from the environment. */
export function cacheDirectory(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return resolve(explicit);
  if (env.BREADTH_CACHE_DIR) return resolve(env.BREADTH_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), 'breadth');
  return join(homedir(), '.cache', 'breadth');
}

const UNITS: Readonly<Record<string, number>> = { '': 1, B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

/** Bytes of a size written `2GB`, `500 MB` or `1073741824`. */
export function parseSize(text: string, what = 'cache limit'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?B?)\s*$/i.exec(text);
  const unit = m ? UNITS[m[2].toUpperCase().replace(/^([KMGT])$/, '$1B')] : undefined;
  if (!m || unit === undefined) throw new UserError(`${what} "${text}" is not a size; write bytes or e.g. 500MB, 2GB`);
  return Math.round(Number(m[1]) * unit);
}

/** The cache's size limit: explicit, else `$BREADTH_CACHE_LIMIT`, else 2 GB. */
export function cacheLimit(explicit?: number, env: NodeJS.ProcessEnv = process.env): number {
  if (explicit !== undefined) return explicit;
  return env.BREADTH_CACHE_LIMIT ? parseSize(env.BREADTH_CACHE_LIMIT, 'BREADTH_CACHE_LIMIT') : DEFAULT_CACHE_LIMIT_BYTES;
}

/** 1.5 GB, 230 MB, 12 kB: a byte count for people. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024)} kB`;
}
