// breadth's build identity: a fingerprint of its own source, which a version string is not — two
// checkouts of '0.1.0' (an older one, one with a local engine patch) compute different trials. A
// distributed sweep's jobs carry the coordinator's fingerprint and a worker on another build
// refuses them; a trial key holds it, so `--resume` never reuses another build's trials
// (reports/SWEEPS.md). The same value from the source (`--conditions=breadth-source`, computed
// here from the .ts files) and from the package (dist/, where scripts/build.js wrote it at build
// time with sourceFingerprint). It reads files, so it lives outside engine/ (DESIGN.md).

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sourceHash } from './sourceHash.ts';

/** The files and folders the package build compiles (tsconfig.build.json `include`; a test keeps them equal). */
export const BUILD_SOURCES = ['index.ts', 'core', 'data', 'engine', 'strategies', 'reports', 'study', 'cli'] as const;

/** Beside this module in dist/: the fingerprint the build computed from the source it compiled. */
export const FINGERPRINT_FILE = 'buildFingerprint.txt';

/** The `.ts` files of `BUILD_SOURCES` under `root`, as sorted `/`-separated relative paths. */
function sourceFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
      const path = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.ts')) files.push(path);
    }
  };
  for (const source of BUILD_SOURCES) {
    if (source.endsWith('.ts')) files.push(source);
    else walk(source);
  }
  return files.sort();
}

/**
 * sha256 (64 hex digits) over breadth's source under `root`: each `.ts` file of BUILD_SOURCES,
 * in path order, as its relative path and its sourceHash (the sha256 of its text with CRLF read as
 * LF: a Windows checkout of the same commit is the same build).
 */
export function sourceFingerprint(root: string): string {
  const all = createHash('sha256');
  for (const path of sourceFiles(root)) {
    all.update(`${path}\0${sourceHash(readFileSync(join(root, path), 'utf8'))}\n`);
  }
  return all.digest('hex');
}

let cached: string | undefined;

/**
 * This breadth's build fingerprint (sourceFingerprint of the source it was built from), computed
 * once per process: from source, over the files beside this one; from dist/, read from the file
 * the build wrote. Throws an Error (not the user's) when a dist/ lacks it: built without scripts/build.js.
 */
export function buildFingerprint(): string {
  if (cached !== undefined) return cached;
  const fromSource = import.meta.url.endsWith('.ts');
  if (fromSource) cached = sourceFingerprint(join(import.meta.dirname, '..'));
  else {
    const file = join(import.meta.dirname, FINGERPRINT_FILE);
    try {
      cached = readFileSync(file, 'utf8').trim();
    } catch (err) {
      throw new Error(`breadth's build fingerprint ${file} is missing: build the package with scripts/build.js (npm run build)`, { cause: err });
    }
  }
  return cached;
}
