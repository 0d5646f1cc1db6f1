// `breadth run --help` says what --label defaults to for a strategy file: the file's name without
// folder and extension (cli/runFromFlags.ts runName), not "the strategy name" its definition holds.

import { describe, expect, it } from 'vitest';
import { breadth, expectOk, scratch } from '../helpers.ts';

describe('run --help on --label', () => {
  it("names a strategy file's name as the default", async () => {
    const o = await breadth(['run', '--help'], { cwd: scratch() });
    expectOk(o);
    const text = o.stdout.replace(/\s+/g, ' ');
    expect(text).toContain("--label name of the run in the store (default: the built-in strategy's name, or a strategy file's name without its folder and extension: ./mine.ts → mine) [string]");
  });
});
