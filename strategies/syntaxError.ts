// Where a user's JavaScript file is not valid JavaScript. Node's SyntaxError for an ES module names
// neither the file nor the line ("Unexpected token ')'", "Unexpected end of input"), where tsx's
// for a .ts file does (its esbuild transform's "file:line:col: ERROR: …"). esbuild (a runtime
// dependency, through tsx too) parses the file and the files it imports by relative path again,
// on the failure's path only, to say where. What esbuild does not check (a regular expression's
// pattern, ES-module syntax in a file Node loads as CommonJS) Node's own `--check` says where.

import { spawnSync } from 'node:child_process';
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
  return (await esbuildSyntaxError(entry)) ?? nodeSyntaxError(entry);
}

/** Node's words for ES-module syntax in a file it loads as CommonJS (a .cjs, or a .js under "type": "commonjs"). */
const MODULE_SYNTAX = /^(?:Cannot use import statement outside a module|Unexpected token 'export'|await is only valid in async functions and the top level bodies of modules)$/;

/**
 * The syntax error `node --check` finds in `file`, as `/abs/file.js:line:col: message` (the column
 * where Node's caret points), with the fix for ES-module syntax in a file loaded as CommonJS;
 * undefined when it finds none or says no line.
 */
function nodeSyntaxError(file: string): string | undefined {
  const { stderr } = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
  const lines = stderr.split('\n');
  const at = lines.findIndex((line) => line.startsWith(`${file}:`) && /:\d+$/.test(line));
  const message = lines.find((line) => line.startsWith('SyntaxError: '))?.slice('SyntaxError: '.length);
  if (at < 0 || message === undefined) return undefined;
  const caret = Math.max(0, (lines[at + 2] ?? '').indexOf('^'));
  const rename = /\.cjs$/i.test(file) ? 'rename it .mjs' : 'rename it .mjs, or set "type": "module" in its package.json';
  const fix = MODULE_SYNTAX.test(message) ? ` — Node loads this file as CommonJS: ${rename}` : '';
  return `${lines[at]}:${caret + 1}: ${message}${fix}`;
}

/** The first syntax error esbuild finds in `entry` or a file it imports by relative path (syntaxErrorAt's form). */
async function esbuildSyntaxError(entry: string): Promise<string | undefined> {
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
