// --param values are read as JSON: an object or list written as JavaScript (`weights={IWM:1}`,
// `symbols=[IWM,SPY]`: keys or words unquoted) is refused with the JSON it meant and the way to
// pass the text itself, never passed on as the text "{IWM:1}" for the strategy to refuse as
// "weights must be a record" (probe r65c), nor refused with an object's example for a list or
// without the way to a text parameter's "[draft]" (probe r66b F2).

import { describe, it } from 'vitest';
import { breadth, expectBadInput, scratch } from '../helpers.ts';

const run = (...args: string[]) => breadth(['run', '--strategy', 'buy-and-hold', '--db', 'out/r.db', ...args], { cwd: scratch() });

describe.concurrent('--param with an object that is not JSON', () => {
  it('weights={IWM:1}: keys need double quotes, the JSON meant given', async () => {
    expectBadInput(await run('--param', 'weights={IWM:1}'), /^breadth: --param weights=\{IWM:1\}: values are read as JSON, where keys and text need double quotes: --param 'weights=\{"IWM":1\}' \(in single quotes, so the shell keeps them\); for the text itself: --param 'weights="\{IWM:1\}"'$/);
  });

  it('an object that does not parse even so: what JSON is, with an example', async () => {
    expectBadInput(await run('--param', 'weights={IWM'), /^breadth: --param weights=\{IWM: values are read as JSON, and this is not JSON: write keys and text in double quotes, e.g\. --param 'weights=\{"IWM":1\}' \(in single quotes, so the shell keeps them\); for the text itself: --param 'weights="\{IWM"'$/);
  });

  it('symbols=[IWM,SPY]: a list with its words quoted, not an object as the example; tag=[draft]: the way to pass the text itself', async () => {
    expectBadInput(await run('--param', 'symbols=[IWM,SPY]'), /^breadth: --param symbols=\[IWM,SPY\]: values are read as JSON, where keys and text need double quotes: --param 'symbols=\["IWM","SPY"\]' \(in single quotes, so the shell keeps them\); for the text itself: --param 'symbols="\[IWM,SPY\]"'$/);
    expectBadInput(await run('--param', 'tag=[draft'), /^breadth: --param tag=\[draft: values are read as JSON, and this is not JSON: write keys and text in double quotes, e\.g\. --param 'tag=\["IWM","SPY"\]' \(in single quotes, so the shell keeps them\); for the text itself: --param 'tag="\[draft"'$/);
  });
});

describe.concurrent('--param with a key given more than once (probe r73a F3: method=erc then method=hrp ran hrp, silently)', () => {
  it('is refused in one line naming the key and its values, as any other option given twice is', async () => {
    const twice = (...args: string[]) => breadth(['run', '--strategy', 'risk-allocation', '--db', 'out/r.db', ...args], { cwd: scratch() });
    expectBadInput(await twice('--param', 'method=erc', '--param', 'method=hrp'), /^breadth: --param method given twice \(erc, hrp\): give it once$/);
    expectBadInput(await twice('--param', 'lookback=60', '--param', 'method=erc', '--param', 'lookback=80', '--param', 'lookback=60'), /^breadth: --param lookback given 3 times \(60, 80, 60\): give it once$/);
  });
});
