// breadth's command line: wires the library layers together, holds no logic of its own.

import { Console } from 'node:console';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { isUserFacing } from '../data/errors.ts';
import { ENGINE_VERSION } from '../engine/version.ts';
import { writeStandardOutput } from '../reports/html/page/standardStreams.ts';
import { writeFailure } from '../reports/html/page/writeFailure.ts';
import { asyncFault } from '../strategies/asyncFault.ts';
import { choicesMessage } from './choicesMessage.ts';
import { commands } from './commands/index.ts';
import { ExitCode, exitWith } from './exitCodes.ts';
import { checkNumberOptions, type DeclaredNumbers } from './numberOptions.ts';
import { checkRepeatedOptions, type DeclaredOptions } from './repeatedOptions.ts';
import { unknownOptionsMessage } from './unknownOptions.ts';

/** `text` in one line: its lines trimmed, blank ones dropped, joined by "; " (a user mistake is one line, README). */
const oneLine = (text: string): string =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('; ');

function report(err: unknown, usage?: string): never {
  if (isUserFacing(err)) {
    // A message that spans lines (a strategy's own Error message quoted in it) is still one line.
    process.stderr.write(`breadth: ${oneLine(err.message)}\n`);
    exitWith(ExitCode.badInput);
  }
  if (usage !== undefined) {
    // yargs messages can span lines too.
    process.stderr.write(`breadth: ${oneLine(usage)} (see breadth --help)\n`);
    exitWith(ExitCode.badInput);
  }
  process.stderr.write(`breadth: internal error — please report it with this trace:\n${err instanceof Error ? err.stack : String(err)}\n`);
  exitWith(ExitCode.internal);
}

// Output piped into a program that stops reading (`breadth strategies | head`) is not an error:
// the command ends with the exit code it had already decided (`regress` a drift's 1, set before
// it prints), else 0; any other failure of standard output is said in one line (exit 2), never as a crash.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') exitWith(Number(process.exitCode ?? ExitCode.ok));
  report(writeFailure('standard output', err));
});

// An error raised outside any call breadth made — a strategy's promise it never awaited, a timer it
// set — is the user's one line, exit 2, where its stack points into a strategy or model file
// (strategies/asyncFault.ts); breadth's own is its internal error, exit 70. A run stores nothing
// once its code failed so: the study waits a turn for such errors before it stores (userCodeSettled).
process.on('unhandledRejection', (reason) => report(asyncFault(reason, 'unhandledRejection') ?? reason));
process.on('uncaughtException', (err) => report(asyncFault(err, 'uncaughtException') ?? err));

// yargs prints help and the version through the global console, whose writes drop their errors
// (`breadth --help > /dev/full` exited 0 with nothing written, probe r57a F4): in the CLI the
// console's standard output is breadth's own writer, which writes every byte or throws one line.
globalThis.console = new Console({ stdout: { write: (text: string) => (writeStandardOutput(text), true) } as unknown as NodeJS.WritableStream, stderr: process.stderr, ignoreErrors: false });

const parser = yargs(hideBin(process.argv));

/**
 * The options of the command being parsed, name → description (yargs' getOptions() and its usage
 * instance's getDescriptions(), missing from its type declarations; test/cli/badInput.test.ts covers
 * them): the names an unknown option is matched against.
 */
function declaredDescriptions(): Record<string, string> {
  const internal = parser as unknown as { getOptions(): DeclaredOptions; getInternalMethods(): { getUsageInstance(): { getDescriptions(): Record<string, string | undefined> } } };
  const descriptions = internal.getInternalMethods().getUsageInstance().getDescriptions();
  return Object.fromEntries(Object.keys(internal.getOptions().key).map((name) => [name, descriptions[name] ?? '']));
}
let cli = parser
  .scriptName('breadth')
  // breadth's own version: yargs would read the package.json of the folder it runs in (a user's project).
  .version(ENGINE_VERSION)
  .usage('$0 <command> [options]\n\nPortfolio backtesting on typed columns: run strategies, store results in SQLite, render HTML tear sheets.')
  .strict()
  .demandCommand(1, 'name a command')
  .recommendCommands()
  .wrap(Math.min(110, process.stdout.columns ?? 110))
  .example('$0 study', 'the small-cap study on the built-in SYNTHETIC sample: out/breadth.db and out/reports/')
  .example('$0 run --strategy iwm-vs-smlf --param mode=switch --report out/switch.html', 'one strategy from flags, with its tear sheet')
  .example('$0 run examples/study.yaml --db out/study.db', 'every run of a config file (the same as `breadth study <config>`)')
  .example('$0 runs list out/breadth.db', 'what the results database holds')
  .example('$0 compare out/breadth.db iwm-hold smlf-hold', 'two stored runs on one page')
  .example('$0 strategies', 'the built-in strategies and their parameters')
  .epilogue('Exit codes: 0 ok · 1 regression drift · 2 bad input · 70 internal error. Docs: README.md')
  // While a command parses, the root instance holds that command's options; getOptions() is
  // yargs' own (missing from its type declarations; test/cli/badInput.test.ts covers it).
  .middleware((argv): void => {
    const declared = (parser as unknown as { getOptions(): DeclaredOptions & DeclaredNumbers }).getOptions();
    checkRepeatedOptions(argv, declared);
    checkNumberOptions(argv, declared, hideBin(process.argv));
  }, true)
  .fail((message, err) => report(err, message === null ? undefined : (unknownOptionsMessage(message, hideBin(process.argv), declaredDescriptions()) ?? choicesMessage(message, hideBin(process.argv)) ?? message)));
for (const command of commands) cli = cli.command(command);

try {
  await cli.parseAsync();
} catch (err) {
  report(err);
}
