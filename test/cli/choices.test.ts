// A value outside an option's choices is one clean line with the choice meant, not yargs'
// "Invalid values:; Argument: what, Given: "dayly", Choices: …" (probe r65c).

import { describe, it } from 'vitest';
import { breadth, expectBadInput, scratch } from './helpers.ts';

const run = (...args: string[]) => breadth(args, { cwd: scratch() });

describe.concurrent('an option value that is not one of its choices', () => {
  it('export --what dayly: did you mean daily?', async () => {
    expectBadInput(await run('export', 'out/study.db', 'iwm-hold', '--what', 'dayly'), /^breadth: --what dayly is not one of daily, monthly, yearly, drawdowns, positions, fills, metrics, caveats: did you mean daily\? \(see breadth --help\)$/);
  });

  it('two options at once, each with its choice meant; a value near none lists the choices', async () => {
    expectBadInput(
      await run('run', '--strategy', 'size-tilt', '--execution', 'next-opn', '--account=margn'),
      /^breadth: --execution next-opn is not one of next-open, next-close, same-close: did you mean next-open\?; --account margn is not one of cash, margin: did you mean margin\? \(see breadth --help\)$/,
    );
    expectBadInput(await run('metrics', '--returns', 'r.csv', '--returns-unit', 'pct'), /^breadth: --returns-unit pct is not one of fraction, percent \(see breadth --help\)$/);
  });
});
