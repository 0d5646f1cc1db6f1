// A strategy file that fails as it loads names its line, as a throw in create() or decide() does:
// a throw at its top level (probe r65c: "could not be loaded: top-level failure" named no line), and
// an import of a name breadth does not export, with the export meant ("did you mean defineStrategy?").
// As CommonJS (no package.json: tsx's "(0 , import_breadth.defineStrateg) is not a function") and as
// an ES module ("type": "module": Node's "does not provide an export named …") alike. A .js or .mjs
// file importing 'breadth' loads with breadth run from source, where 'breadth' is index.ts (probe
// r67b: read as plain JavaScript, "Unexpected identifier 'EventTable'" instead of the file's own error).
// A .js file, or a helper it imports, that is not valid JavaScript names file:line:col as a .ts file
// does (probe r67b: Node's "Unexpected token ')'" for an ES module named neither), and so does what esbuild
// does not check: a regular expression's pattern, ES-module syntax in a CommonJS file (probe r68b F7).

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { breadth, expectBadInput, expectOk, scratch, write } from '../helpers.ts';

let dir: string;
/** A tiny universe (quicker to load than the default sample is to generate). */
let tiny: string;
beforeAll(async () => {
  dir = scratch();
  tiny = join(dir, 'tiny');
  expectOk(await breadth(['data', 'sample', '--out', tiny, '--stocks', '20', '--years', '1'], { cwd: dir }));
  mkdirSync(join(dir, 'esm'));
  write(join(dir, 'esm'), 'package.json', '{ "type": "module" }\n');
  for (const folder of [dir, join(dir, 'esm')]) {
    write(folder, 'toplevel.ts', "import { defineStrategy, schedules, z } from 'breadth';\nthrow new Error('top-level failure');\n");
    write(folder, 'typo.ts', "import { z } from 'breadth';\nimport {\n  schedules,\n  defineStrateg } from 'breadth';\nexport default defineStrateg({});\n");
  }
  const hold = "import { defineStrategy, schedules, z } from 'breadth';\nexport default defineStrategy({ name: 'hold-first', description: 'x', dataNeeds: 'stock prices', params: z.object({}), create: () => ({ schedule: schedules.monthStart, decide: () => ({ weights: { '@smallCap': 1 } }) }) });\n";
  write(dir, 'hold.js', hold);
  write(join(dir, 'esm'), 'hold.mjs', hold);
  write(dir, 'toplevel.js', "import { z } from 'breadth';\nconst none = null;\nnone.field;\n");
  write(dir, 'syntax.js', "import { defineStrategy, z } from 'breadth';\nexport default defineStrategy({\n  name: 'x',\n  params: z.object({ n: z.number( }),\n});\n");
  write(dir, 'helper.js', 'export const weight = ;\n');
  write(dir, 'helped.js', "import { weight } from './helper.js';\nexport default weight;\n");
  write(dir, 'model.js', "export default {\n  concern: 'commission',\n");
  // What esbuild does not check: a regular expression's pattern, ES-module syntax in a file Node loads as CommonJS (probe r68b F7).
  write(dir, 'regex.js', "import { defineStrategy, z } from 'breadth';\nconst re = /(abc/;\nexport default re;\n");
  write(dir, 'await.cjs', "const { z } = require('breadth');\nawait Promise.resolve(1);\nmodule.exports = z;\n");
  mkdirSync(join(dir, 'cjs'));
  write(join(dir, 'cjs'), 'package.json', '{ "type": "commonjs" }\n');
  write(join(dir, 'cjs'), 'esm.js', hold);
  write(dir, 'study.yaml', `data: ${tiny}\nruns:\n  - name: a\n    strategy: equal-weight\n    models:\n      commission: { file: model.js }\n`);
});

const run = (cwd: string, file: string) => breadth(['run', '--strategy', file, '--data', tiny, '--db', 'out/r.db'], { cwd });

describe.concurrent('a strategy file that fails to load', () => {
  for (const kind of ['CommonJS', 'ES module'] as const) {
    const folder = () => (kind === 'CommonJS' ? dir : join(dir, 'esm'));

    it(`${kind}: a throw at the top level names file:line:col`, async () => {
      const file = join(folder(), 'toplevel.ts');
      expectBadInput(await run(folder(), './toplevel.ts'), `breadth: --strategy: strategy file ./toplevel.ts could not be loaded: top-level failure (at ${file}:2:7)`);
    });

    it(`${kind}: a misspelt import names the import's line and the export meant`, async () => {
      const file = join(folder(), 'typo.ts');
      expectBadInput(await run(folder(), './typo.ts'), `breadth: --strategy: strategy file ./typo.ts could not be loaded: 'breadth' has no export named defineStrateg (at ${file}:4:3): did you mean defineStrategy?`);
    });
  }
});

describe.concurrent('a JavaScript strategy file importing breadth', () => {
  it('a .js file runs', async () => {
    expectOk(await run(dir, './hold.js'));
  });

  it('a .mjs file runs', async () => {
    expectOk(await run(join(dir, 'esm'), './hold.mjs'));
  });

  it('a throw at the top level of a .js file is its own error, with file:line:col', async () => {
    expectBadInput(await run(dir, './toplevel.js'), `breadth: --strategy: strategy file ./toplevel.js could not be loaded: Cannot read properties of null (reading 'field') (at ${join(dir, 'toplevel.js')}:3:6)`);
  });
});

describe.concurrent('a JavaScript file that is not valid JavaScript', () => {
  it('a syntax error in a .js file names file:line:col', async () => {
    expectBadInput(await run(dir, './syntax.js'), `breadth: --strategy: strategy file ./syntax.js could not be loaded: ${join(dir, 'syntax.js')}:4:35: Unexpected "}"`);
  });

  it('a syntax error in a helper the file imports names the helper', async () => {
    expectBadInput(await run(dir, './helped.js'), `breadth: --strategy: strategy file ./helped.js could not be loaded: ${join(dir, 'helper.js')}:1:23: Unexpected ";"`);
  });

  it('a model file that ends mid-object names where it ends', async () => {
    expectBadInput(await breadth(['run', 'study.yaml', '--db', 'out/m.db'], { cwd: dir }), `breadth: study.yaml: runs[0].models.commission: model file model.js could not be loaded: ${join(dir, 'model.js')}:3:1: Expected identifier but found end of file`);
  });

  it('an invalid regular expression names its file:line:col, which esbuild does not check (Node: "Invalid regular expression" and no file)', async () => {
    expectBadInput(await run(dir, './regex.js'), `breadth: --strategy: strategy file ./regex.js could not be loaded: ${join(dir, 'regex.js')}:2:12: Invalid regular expression: /(abc/: Unterminated group`);
  });

  it('ES-module syntax in a file Node loads as CommonJS names file:line:col and the fix: rename .mjs, or "type": "module" for a .js', async () => {
    // Node prints its own two-line warning ("Failed to load the ES module …") before breadth's line: it is kept, not silenced.
    const refusal = async (file: string) => {
      const o = await run(dir, file);
      expect(o.status).toBe(2);
      return o.stderr.trimEnd().split('\n').at(-1);
    };
    expect(await refusal('./await.cjs')).toBe(`breadth: --strategy: strategy file ./await.cjs could not be loaded: ${join(dir, 'await.cjs')}:2:1: await is only valid in async functions and the top level bodies of modules — Node loads this file as CommonJS: rename it .mjs`);
    expect(await refusal('./cjs/esm.js')).toBe(`breadth: --strategy: strategy file ./cjs/esm.js could not be loaded: ${join(dir, 'cjs', 'esm.js')}:1:1: Cannot use import statement outside a module — Node loads this file as CommonJS: rename it .mjs, or set "type": "module" in its package.json`);
  });
});
