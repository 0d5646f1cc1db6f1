// A value outside an option's choices, in one line with the choice meant: yargs says
// "Invalid values:\n  Argument: what, Given: "dayly", Choices: "daily", …" (read as
// "Invalid values:; Argument: …" once made one line, with no hint); breadth says
// `--what dayly is not one of daily, monthly, …: did you mean daily?`.

import { nearestName } from '../data/nearestName.ts';
import { typedText } from './numberOptions.ts';

/** yargs' choices failure (yargs/build/lib/validation.js limitedChoices): one line per argument. */
const INVALID = /^Invalid values?:\s*\n/;
const ARGUMENT = /^\s*Argument: (.+?), Given: (.*), Choices: (.*)$/;

/** yargs' list of values (usage.stringifiedValues: `"a", "b"` or `1, 2`) as the values. */
function values(list: string): string[] {
  const out: string[] = [];
  for (const match of list.matchAll(/"((?:[^"\\]|\\.)*)"|([^,\s][^,]*)/g)) out.push(match[1] === undefined ? match[2].trim() : (JSON.parse(`"${match[1]}"`) as string));
  return out;
}

/**
 * yargs' "Invalid values:" message as breadth's: each argument by the name typed (`--what`, or a
 * positional's name), its value, its choices and the nearest one (data/nearestName.ts), joined by
 * "; ". `args`: the command line without node and the script. Undefined for any other message.
 */
export function choicesMessage(message: string, args: readonly string[]): string | undefined {
  if (!INVALID.test(message)) return undefined;
  const parts = message
    .split('\n')
    .slice(1)
    .map((line) => ARGUMENT.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(([, key, given, choices]) => {
      const name = typedText(args, key) !== undefined ? `--${key}` : key;
      const known = values(choices);
      return values(given)
        .map((value) => {
          const near = nearestName(value, known);
          return `${name} ${value} is not one of ${known.join(', ')}${near === undefined ? '' : `: did you mean ${near}?`}`;
        })
        .join('; ');
    });
  return parts.length === 0 ? undefined : parts.join('; ');
}
