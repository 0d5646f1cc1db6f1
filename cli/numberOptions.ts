// A number option given text: yargs reads `--keep abc` as NaN, and `--cash 1e400` as Infinity, so
// every later check could only echo "got NaN" or "got Infinity" (probe r64b F5, r67b). This one,
// for every command, names what was typed.

import { UserError } from '../data/errors.ts';

/** The number options yargs reports (yargs' getOptions(): `number` names every option declared `type: 'number'`). */
export interface DeclaredNumbers {
  readonly number: readonly string[];
}

/** What `args` gives `--name`: `--name text` or `--name=text` (the last one given); null for a bare `--name`; undefined when absent. */
export function typedText(args: readonly string[], name: string): string | null | undefined {
  let text: string | null | undefined;
  for (let k = 0; k < args.length; k++) {
    if (args[k] === `--${name}`) text = args[k + 1] === undefined || args[k + 1].startsWith('--') ? null : args[k + 1];
    else if (args[k].startsWith(`--${name}=`)) text = args[k].slice(name.length + 3);
  }
  return text;
}

/**
 * Throws UserError for a number option given something else than a finite number, with what was
 * typed: `--keep must be a number, got "abc"`; `--cash 1e400 is beyond the numbers a computer holds
 * (±1.8e308): give a finite number` (also for `Infinity`); or `--cash needs a number` for a bare
 * `--cash` (yargs reads it as no value, and the default would silently run). `args`: the command
 * line after the program's name.
 */
export function checkNumberOptions(argv: Record<string, unknown>, declared: DeclaredNumbers, args: readonly string[]): void {
  for (const name of declared.number) {
    const value = argv[name];
    if (typeof value === 'number' && Number.isFinite(value)) continue;
    const text = typedText(args, name);
    if (value === undefined && text === undefined) continue;
    if (typeof value === 'number' && !Number.isNaN(value)) throw new UserError(`--${name} ${text ?? value} is too large for a number (beyond ±1.8e308): give a finite number`);
    throw new UserError(typeof text === 'string' ? `--${name} must be a number, got ${JSON.stringify(text)}` : `--${name} needs a number`);
  }
}
