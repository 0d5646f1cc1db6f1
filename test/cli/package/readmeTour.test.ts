// The README's 5-minute tour names only runs its own earlier commands stored, in the database they
// stored them in (probe r38b: after `run examples/study.yaml --db out/study.db` the tour showed,
// compared, reported and exported iwm-hold and quality-long-short from out/breadth.db, where no
// command of the tour had put them). Read from the README as written; nothing is run.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStudyFile } from '../../../study/index.ts';
import { outputPlaces } from '../../../study/pageNames.ts';
import { repoRoot } from '../helpers.ts';

/** The tour's commands, continuation lines joined, comments dropped, `npx breadth` removed: one word list each. */
function tourCommands(): string[][] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const block = /^## A 5-minute tour\n+```sh\n([\s\S]*?)^```$/m.exec(readme);
  if (block === null) throw new Error('README.md: no ```sh block under "## A 5-minute tour"');
  return block[1]
    .replace(/\\\n/g, ' ')
    .split('\n')
    .flatMap((line) => line.replace(/ #.*$/, '').split('&&'))
    .map((command) => command.trim().split(/\s+/))
    .filter((words) => words[0] === 'npx' && words[1] === 'breadth')
    .map((words) => words.slice(2));
}

/** The value of `--name` among `words`, if given. */
const option = (words: readonly string[], name: string): string | undefined => {
  const k = words.indexOf(`--${name}`);
  return k < 0 ? undefined : words[k + 1];
};

describe("README's tour", () => {
  it('reads every run from the database an earlier command of the tour stored it in', () => {
    const stored = new Map<string, Set<string>>();
    const store = (db: string, labels: readonly string[]): void => {
      const held = stored.get(db) ?? new Set<string>();
      for (const label of labels) held.add(label);
      stored.set(db, held);
    };
    const commands = tourCommands();
    expect(commands.length).toBeGreaterThan(10);
    const read: string[] = [];
    for (const words of commands) {
      const [command, ...rest] = words;
      const db = option(words, 'db');
      if (command === 'run' && option(words, 'strategy') !== undefined) {
        // `breadth run --strategy S` stores one run labelled --label, else S, in --db (default out/breadth.db).
        store(outputPlaces(undefined, db).db, [option(words, 'label') ?? (option(words, 'strategy') as string)]);
      } else if (command === 'run' || command === 'study') {
        store(outputPlaces(undefined, db).db, loadStudyFile(join(repoRoot, rest[0])).runs.map((r) => r.name));
      } else if (command === 'sweep' || command === 'walk-forward') {
        store(outputPlaces(option(words, 'out'), db).db, []);
      } else if (command === 'runs' || ['compare', 'report', 'export'].includes(command)) {
        // runs list|show <db> [run]; compare <db> <run..>; report|export <db> <run>
        const [db, ...runs] = (command === 'runs' ? rest.slice(1) : rest).filter((w, k, all) => !w.startsWith('--') && !all[k - 1]?.startsWith('--'));
        const held = stored.get(db);
        expect(held, `${words.join(' ')}: no earlier command of the tour stores runs in ${db}`).toBeDefined();
        for (const run of runs) expect([...(held ?? [])], `${words.join(' ')}: ${run} is not a run the tour stored in ${db}`).toContain(run);
        read.push(command);
      }
    }
    // The tour shows the four ways of reading a stored run.
    expect(new Set(read)).toEqual(new Set(['runs', 'compare', 'report', 'export']));
  });
});
