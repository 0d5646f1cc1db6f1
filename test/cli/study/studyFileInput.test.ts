// What `breadth run <file>` says when the file is not a study: a price file or a data folder
// (use --data), an empty file, text or a list, a mistyped key (the nearest key suggested, one
// line), and a long value (quoted as a 60-character excerpt, never the whole value).

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { breadth, expectBadInput, scratch, write } from '../helpers.ts';

let dir: string;
beforeAll(() => {
  dir = scratch();
  const rows = Array.from({ length: 500 }, (_, k) => `2022-01-${String((k % 28) + 1).padStart(2, '0')},100,101,99,100,1000`);
  write(dir, 'AAA.csv', ['Date,Open,High,Low,Close,Volume', ...rows, ''].join('\n'));
  mkdirSync(join(dir, 'prices'));
});

const run = (...args: string[]) => breadth(['run', ...args], { cwd: dir });
const study = (name: string, text: string): string => write(dir, name, text);

describe.concurrent('a file that is not a study', () => {
  it('a price CSV: one short line suggesting --data, never the file echoed', async () => {
    const o = await run('AAA.csv');
    expectBadInput(o, 'breadth: AAA.csv is a price file, not a study file (.yaml, .yml or .json): to backtest it, run `breadth run --data AAA.csv --strategy <name>` (names: `breadth strategies`)');
    expect(o.stderr).not.toContain('2022-01-01');
  });

  it('a folder suggests --data', async () => {
    expectBadInput(await run('prices'), 'breadth: prices is a folder, not a study file (.yaml, .yml or .json): to backtest it, run `breadth run --data prices --strategy <name>` (names: `breadth strategies`)');
  });

  it('an empty file, text and a list say what a study is', async () => {
    study('empty.yaml', '');
    expectBadInput(await run('empty.yaml'), 'breadth: empty.yaml is empty: a study names its data and its runs (data: …, runs: [{ name, strategy }]; see examples/study.yaml)');
    study('text.yaml', 'hello world\n');
    expectBadInput(await run('text.yaml'), 'breadth: text.yaml is not a study: its top level is a string ("hello world"), where a study has keys such as data: and runs: (see examples/study.yaml)');
    study('list.yaml', '- a\n- b\n');
    expectBadInput(await run('list.yaml'), 'breadth: list.yaml is not a study: its top level is a list, where a study has keys such as data: and runs: (see examples/study.yaml)');
  });

  it('a mistyped key is one line with the nearest key (runz → runs, parms → params)', async () => {
    study('runz.yaml', 'data: sample\nrunz:\n  - name: a\n    strategy: buy-and-hold\n');
    expectBadInput(await run('runz.yaml'), /^breadth: runz\.yaml: \(top level\): Unrecognized key: "runz" \(did you mean runs\?\)$/);
    study('parms.yaml', 'data: sample\nruns:\n  - name: a\n    strategy: buy-and-hold\n    parms: {}\n');
    expectBadInput(await run('parms.yaml'), /^breadth: parms\.yaml: runs\[0\]: Unrecognized key: "parms" \(did you mean params\?\)$/);
    study('far.yaml', 'data: sample\nruns:\n  - name: a\n    strategy: buy-and-hold\n    zzzzzz: 1\n');
    expectBadInput(await run('far.yaml'), /^breadth: far\.yaml: runs\[0\]: Unrecognized key: "zzzzzz"$/);
  });

  it('several problems are one line: the file named once, each key path once (probe r60c L3: a study cut mid-run, a baseline of runs [{}] and --label \'\' took a line each, the last without "breadth:")', async () => {
    // The study cut after `name:` (its value null, no strategy): two issues at two paths.
    study('cut.yaml', 'data: sample\nruns:\n  - name:\n');
    expectBadInput(await run('cut.yaml'), 'breadth: cut.yaml: runs[0].name: required but empty: give name: (a text); runs[0].strategy: required but missing: add strategy: (a text)');
    write(dir, 'empty-run.json', '{"breadth_baseline": 1, "study": "s.yaml", "data_source": "sample", "data": "d", "data_fingerprint": "x", "runs": [{}]}\n');
    expectBadInput(
      await breadth(['regress', '--baseline', 'empty-run.json'], { cwd: dir }),
      'breadth: empty-run.json: runs[0].name: required but missing: add name: (a text); runs[0].fills_hash: required but missing: add fills_hash: (a text); runs[0].metrics: required but missing: add metrics: (a mapping)',
    );
    // An empty --label breaks one rule, said by the flag (it was "runs[0].name: Too small …" and a second line).
    expectBadInput(await run('--strategy', 'buy-and-hold', '--label', ''), /^breadth: --label: use letters, digits, "\.", "-", "_" or "@", got ""$/);
    expectBadInput(await run('--strategy', './a b.ts'), /^breadth: the run's name \(the --strategy file's; give --label to choose one\): use letters, digits, "\.", "-", "_" or "@", got "a b"$/);
  });

  it("engine settings are named where the file writes them, a kind not among a setting's in words (probe r66b F3: the top-level engine: read as runs[0].engine, zod's 'Invalid discriminator value')", async () => {
    study('top-engine.yaml', 'data: sample\nengine: { initialCash: -5 }\nruns:\n  - name: a\n    strategy: buy-and-hold\n  - name: b\n    strategy: buy-and-hold\n');
    expectBadInput(await run('top-engine.yaml'), /^breadth: top-engine\.yaml: engine\.initialCash: -5: the initial cash is an amount above 0/);
    // The run's own engine: sets it too: that is the key to mend.
    study('run-engine.yaml', 'data: sample\nengine: { initialCash: -5 }\nruns:\n  - name: a\n    strategy: buy-and-hold\n    engine: { initialCash: -7 }\n');
    expectBadInput(await run('run-engine.yaml'), /^breadth: run-engine\.yaml: runs\[0\]\.engine\.initialCash: -7: /);
    study('kind.yaml', 'data: sample\nengine: { slippage: { kind: fixed-bp, bps: 3 } }\nruns:\n  - name: a\n    strategy: buy-and-hold\n');
    expectBadInput(await run('kind.yaml'), 'breadth: kind.yaml: engine.slippage.kind: "fixed-bp" is not one of none, fixed-bps, half-spread, sqrt-impact: did you mean fixed-bps?');
  });

  it("a period's from: after its to: says both dates and the fix, for a run's engine:, the study's top level and a sweep's range (probe r67b: the to date was not said)", async () => {
    study('run-period.yaml', 'data: sample\nruns:\n  - name: a\n    strategy: buy-and-hold\n    engine: { from: "2016-01-01", to: "2015-01-01" }\n');
    expectBadInput(await run('run-period.yaml'), /^breadth: run-period\.yaml: runs\[0\]\.engine\.from: "2016-01-01" is after `to` "2015-01-01": swap them, or drop `to`$/);
    study('top-period.yaml', 'data: sample\nfrom: "2016-01-01"\nto: "2015-01-01"\nruns:\n  - name: a\n    strategy: buy-and-hold\n');
    expectBadInput(await run('top-period.yaml'), /^breadth: top-period\.yaml: from: "2016-01-01" is after `to` "2015-01-01": swap them, or drop `to`$/);
    study('range.yaml', 'data: sample\nruns:\n  - name: t\n    strategy: size-tilt\n    params: { mode: etf }\n    sweep:\n      params:\n        tilt: { from: 1, to: 0, step: 0.1 }\n');
    expectBadInput(await breadth(['sweep', 'range.yaml'], { cwd: dir }), /^breadth: range\.yaml: runs\[0\]\.sweep\.params\.tilt\.from: 1 is above `to` 0: swap them$/);
  });

  it('a refusal that quotes the value does not quote it again (duplicate run name "a", not "…, got \\"a\\"")', async () => {
    study('dup.yaml', 'data: sample\nruns:\n  - name: a\n    strategy: buy-and-hold\n  - name: a\n    strategy: buy-and-hold\n');
    expectBadInput(await run('dup.yaml'), /^breadth: dup\.yaml: runs\[1\]\.name: duplicate run name "a"$/);
  });

  it("zod's own wording of a value of another kind or out of bounds is said in plain words (probe r67b: 'Invalid input: expected array, received object', 'Too small: expected number to be >0')", async () => {
    study('runs-map.yaml', 'data: sample\nruns:\n  name: a\n  strategy: buy-and-hold\n');
    expectBadInput(await run('runs-map.yaml'), /^breadth: runs-map\.yaml: runs: a list is expected \(each entry on a line starting "- ", or \[a, b\]\), found a mapping$/);
    study('step.yaml', 'data: sample\nruns:\n  - name: t\n    strategy: size-tilt\n    params: { mode: etf }\n    sweep:\n      params:\n        tilt: { from: 0, to: 1, step: 0 }\n');
    expectBadInput(await breadth(['sweep', 'step.yaml'], { cwd: dir }), /^breadth: step\.yaml: runs\[0\]\.sweep\.params\.tilt\.step: must be above 0, got 0$/);
    study('kinds.yaml', 'title: [a, b]\ndata: sample\nruns:\n  - name: a\n    strategy: buy-and-hold\n  - name: b\n    strategy: buy-and-hold\ncompare:\n  - name: c\n    runs: [a]\n');
    expectBadInput(await run('kinds.yaml'), /^breadth: kinds\.yaml: title: a text is expected, found a list; compare\[0\]\.runs: needs at least 2 entries, found 1$/);
  });

  it('a long value is quoted as its first 60 characters and an ellipsis', async () => {
    const name = `${'x'.repeat(200)} y`;
    study('long.yaml', `data: sample\nruns:\n  - name: "${name}"\n    strategy: buy-and-hold\n`);
    // JSON.stringify(name) is '"' + 200 × 'x' + …: its first 60 characters are '"' and 59 × 'x'.
    expectBadInput(await run('long.yaml'), `breadth: long.yaml: runs[0].name: use letters, digits, ".", "-", "_" or "@", got "${'x'.repeat(59)}…`);
  });
});
