// An option given more than once, for every command: yargs turns `--from a --from b` into an
// array, which the layers below cannot read ("expected string, received array", or a TypeError
// on a list option). A comma-list option (--symbols) repeated is one list; any other option that
// takes one value is refused with one line.

import { UserError } from '../data/errors.ts';

/** Options whose value is a comma-separated list: repeating them adds to the list. */
const LIST_OPTIONS: readonly string[] = ['symbols'];

/** The declared options yargs reports (yargs' getOptions(): `key` names every option, `array` those that repeat). */
export interface DeclaredOptions {
  readonly key: Readonly<Record<string, unknown>>;
  readonly array: readonly string[];
}

/**
 * Joins a repeated list option into one comma-separated value (in `argv`) and throws UserError for any other single-valued option given more
 * than once: "--from given twice (2024-01-02, 2024-02-01): give it once".
 */
export function checkRepeatedOptions(argv: Record<string, unknown>, declared: DeclaredOptions): void {
  for (const name of Object.keys(declared.key)) {
    const value = argv[name];
    if (!Array.isArray(value) || declared.array.includes(name)) continue;
    if (LIST_OPTIONS.includes(name)) {
      argv[name] = value.join(',');
      continue;
    }
    const times = value.length === 2 ? 'twice' : `${value.length} times`;
    throw new UserError(`--${name} given ${times} (${value.join(', ')}): give it once`);
  }
}
