// An option the command does not know, said as typed and once: yargs' strict mode lists a
// kebab-case name with the camel-case form it adds (`--cash-rate 0.02` read "Unknown arguments:
// cash-rate, cashRate"), and names no option that would do. breadth names each option typed once,
// with the declared option it most likely meant ("unknown option --cash-rate (did you mean --rf:
// risk-free and cash rate?)").

import { nearestName } from '../data/nearestName.ts';
import { typedText } from './numberOptions.ts';

/** yargs' strict-mode failure (yargs/build/lib/validation.js unknownArguments). */
const UNKNOWN = /^Unknown arguments?: (.*)$/;

/** `cashRate` → `cash-rate`: the kebab-case name yargs' camel-case expansion came from. */
const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The words of an option name, lower-case: `cash-rate`, `cashRate`, `cash_rate` → ["cash", "rate"]. */
const words = (name: string): string[] => kebab(name).split(/[-_]+/).filter(Boolean);

/** The description's first clause ("risk-free and cash rate: an annual rate …" → "risk-free and cash rate"). */
const gist = (description: string): string => description.split(/[:;(]/)[0].trim();

/** True when the command line holds `--name`, `--name=…` or `--no-name`. */
const typedAsOption = (args: readonly string[], name: string): boolean => typedText(args, name) !== undefined || args.includes(`--no-${name}`);

/**
 * The declared option `typed` most likely meant: one whose description holds the typed name's
 * words as a phrase, for a name of two words or more (--cash-rate → --rf, "risk-free and cash
 * rate"); else the nearest name (data/nearestName.ts: --benchmarc → --benchmark); else an option
 * named as one of its words (--benchmark-prices → --benchmark); else none.
 */
function meant(typed: string, declared: Readonly<Record<string, string>>): string {
  const phrase = words(typed).join(' ');
  // Not the camel-case forms yargs adds: --cashRate is --cash-rate.
  const names = Object.keys(declared).filter((name) => name === kebab(name) || !(kebab(name) in declared));
  const described = phrase.includes(' ') ? names.find((name) => declared[name].toLowerCase().includes(phrase)) : undefined;
  const name = described ?? nearestName(typed, names) ?? names.find((n) => words(typed).includes(n));
  if (name === undefined) return '';
  const about = gist(declared[name]);
  return ` (did you mean --${name}${about === '' ? '' : `: ${about}`}?)`;
}

/**
 * yargs' "Unknown arguments: cash-rate, cashRate" as breadth's message: each option once, by the
 * name typed (`args`: the command line without node and the script), with the option of the
 * command (`declared`: name → description, camel-case forms included or not) it most likely meant — "unknown option --cash-rate
 * (did you mean --rf: risk-free and cash rate?)"; a name not typed as an option (a stray
 * positional value) is named as an argument. Undefined for any other message.
 */
export function unknownOptionsMessage(message: string, args: readonly string[], declared: Readonly<Record<string, string>>): string | undefined {
  const listed = UNKNOWN.exec(message)?.[1].split(', ');
  if (listed === undefined) return undefined;
  const options: string[] = [];
  const others: string[] = [];
  for (const name of listed) {
    if (typedAsOption(args, name)) options.push(`--${name}${meant(name, declared)}`);
    // The camel-case form yargs added for a kebab-case name listed too.
    else if (name !== kebab(name) && listed.includes(kebab(name))) continue;
    else if (args.includes(`-${name}`)) options.push(`-${name}${meant(name, declared)}`);
    else others.push(JSON.stringify(name));
  }
  const parts = [];
  if (options.length > 0) parts.push(`unknown option${options.length === 1 ? '' : 's'} ${options.join(', ')}`);
  if (others.length > 0) parts.push(`unexpected argument${others.length === 1 ? '' : 's'} ${others.join(', ')}`);
  return parts.join('; ');
}
