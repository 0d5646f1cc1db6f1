// --param values are read as JSON: an object written as JavaScript (`weights={IWM:1}`, keys
// unquoted) is refused with the JSON it meant, never passed on as the text "{IWM:1}" for the
// strategy to refuse as "weights must be a record" (probe r65c).

import { describe, it } from 'vitest';
import { breadth, expectBadInput, scratch } from '../helpers.ts';

const run = (...args: string[]) => breadth(['run', '--strategy', 'buy-and-hold', '--db', 'out/r.db', ...args], { cwd: scratch() });

describe.concurrent('--param with an object that is not JSON', () => {
  it('weights={IWM:1}: keys need double quotes, the JSON meant given', async () => {
    expectBadInput(await run('--param', 'weights={IWM:1}'), /^breadth: --param weights=\{IWM:1\}: values are read as JSON, where keys need double quotes: --param 'weights=\{"IWM":1\}' \(in single quotes, so the shell keeps them\)$/);
  });

  it('an object that does not parse even so: what JSON is, with an example', async () => {
    expectBadInput(await run('--param', 'weights={IWM'), /^breadth: --param weights=\{IWM: values are read as JSON, and this is not JSON: write keys and text in double quotes, e.g\. --param 'weights=\{"IWM":1\}' \(in single quotes, so the shell keeps them\)$/);
  });
});
