// A JSON file a user wrote or edited (a baseline, a study given as .json): its value, or one line
// naming the file, the line and column, and the fix. JSON.parse keeps the exact JSON semantics. V8
// places most faults itself ("… at position 8 (line 1 column 9)"); where it does not (a bare NaN:
// it quotes the text around it, newlines and all), the YAML library's JSON schema reads the text
// again only to place the fault. A UTF-8 byte order mark (Windows Notepad) is dropped, as the price
// and study readers drop it.

import { createRequire } from 'node:module';
import type { parse } from 'yaml';
import { UserError } from '../errors.ts';

/** The YAML parser, loaded only to place a fault (a valid file never needs it). */
const parseYaml = (text: string, options: Parameters<typeof parse>[2]): unknown => (createRequire(import.meta.url)('yaml') as { parse: typeof parse }).parse(text, options);

/** The hand edits JSON refuses most often, told by the text before and at the fault, with their fix. */
const FIXES: readonly [(before: string, at: string) => boolean, string][] = [
  [(_, at) => /^-?(NaN|Infinity)/.test(at), 'JSON has no NaN or Infinity: write null'],
  [(_, at) => at.startsWith("'"), 'JSON strings take double quotes'],
  [(before, at) => /,\s*$/.test(before) && /^[}\]]/.test(at), 'no comma after the last item'],
];

/**
 * The value of JSON `text` read from `file`.
 * @throws UserError `file:line:column: not valid JSON: <what> — <fix>`, on one line.
 */
export function parseJsonText(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (err) {
    const { line, column, what } = placed(body, (err as Error).message);
    const at = lineStart(body, line) + column - 1;
    const fix = line > 0 ? FIXES.find(([told]) => told(body.slice(0, at), body.slice(at)))?.[1] : undefined;
    throw new UserError(`${file}${line > 0 ? `:${line}:${column}` : ''}: not valid JSON: ${what}${fix ? ` — ${fix}` : ''}`);
  }
}

/** The fault's line and column (1-based; 0 where neither reader places it) and what it is, in one line. */
function placed(body: string, message: string): { line: number; column: number; what: string } {
  const flat = (text: string): string => text.replace(/\s+/g, ' ').trim();
  const v8 = /^(.*?)(?: in JSON)? at position \d+ \(line (\d+) column (\d+)\)$/s.exec(message);
  if (v8) return { line: Number(v8[2]), column: Number(v8[3]), what: flat(v8[1]) };
  try {
    parseYaml(body, { schema: 'json' });
  } catch (yamlError) {
    const where = (yamlError as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    const said = flat((yamlError as Error).message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''));
    // The YAML library's words for a bare word JSON has no value for.
    const bare = /^Unresolved plain scalar "([^"]*)"/.exec(said);
    if (where !== undefined) return { line: where.line, column: where.col, what: bare ? `${bare[1]} is not a JSON value` : said };
  }
  return { line: 0, column: 0, what: flat(message) };
}

/** Offset of the first character of 1-based `line` (0 for line 0 or 1). */
function lineStart(body: string, line: number): number {
  let at = 0;
  for (let k = 1; k < line && at >= 0; k++) at = body.indexOf('\n', at) + 1;
  return Math.max(0, at);
}
