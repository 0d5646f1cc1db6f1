// Where a user's JavaScript file is not valid JavaScript. Node's SyntaxError for an ES module names
// neither the file nor the line ("Unexpected token ')'", "Unexpected end of input"), where tsx's
// for a .ts file does (its esbuild transform's "file:line:col: ERROR: …"). esbuild (a runtime
// dependency, through tsx too) parses the file and the files it imports by relative path again,
// on the failure's path only, to say where.

import { dirname, resolve } from 'node:path';
import type { Message } from 'esbuild';

/** esbuild's complaints that are about finding or loading a file (a missing helper, a .csv import), not about its syntax. */
const NOT_SYNTAX = /^(?:Could not resolve|No loader is configured)\b/;

/**
 * The first syntax error in `entry` (an absolute .js/.ts path) or a file it imports by relative
 * path, as `/abs/file.js:line:col: message` (line and column 1-based, the column in characters);
 * undefined when esbuild finds none.
 */
export async function syntaxErrorAt(entry: string): Promise<string | undefined> {
  const { build } = await import('esbuild');
  const cwd = dirname(entry);
  try {
    await build({ entryPoints: [entry], bundle: true, write: false, packages: 'external', platform: 'node', format: 'esm', logLevel: 'silent', absWorkingDir: cwd });
    return undefined;
  } catch (err) {
    const errors = (err as { errors?: Message[] }).errors ?? [];
    const found = errors.find((m) => m.location !== null && !NOT_SYNTAX.test(m.text));
    if (found?.location == null) return undefined;
    const { file, line, column, lineText } = found.location;
    // esbuild counts the column in UTF-8 bytes
    const characters = Buffer.from(lineText).subarray(0, column).toString('utf8').length;
    return `${resolve(cwd, file)}:${line}:${characters + 1}: ${found.text}`;
  }
}
