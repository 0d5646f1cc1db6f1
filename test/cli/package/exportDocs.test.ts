// Every public export (what `import … from 'breadth'` gives) has a doc comment on its declaration,
// the one tsc copies into the .d.ts an editor shows on hover (probe r67c F4: 69 of 204 showed
// nothing, rank and Result among them, a file's `//` header never reaching the declaration).
// Read by the TypeScript compiler's own API (typescript/unstable/sync, TypeScript 7) over the
// repository's tsconfig, as tsc builds the package.

import { join } from 'node:path';
import { API, SymbolFlags } from 'typescript/unstable/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.ts';

const ENTRY = join(repoRoot, 'index.ts');

/**
 * Each name the entry exports, with its doc comment: the declaration's (an alias followed to it),
 * else the export specifier's own — how index.ts documents what has no declaration of breadth's
 * (zod's `z`) or none a comment can sit on (the `metrics` namespace).
 */
function exportDocs(): { name: string; doc: string }[] {
  const api = new API({ cwd: repoRoot });
  try {
    const project = api.updateSnapshot({ openProjects: [join(repoRoot, 'tsconfig.json')] }).getProjects()[0];
    const { checker } = project;
    const entry = checker.getSymbolAtLocation(project.program.getSourceFile(ENTRY)!)!;
    return checker.getExportsOfModule(entry).map((symbol) => {
      const target = symbol.flags & SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return { name: symbol.name, doc: (checker.getDocumentationCommentOfSymbol(target).trim() || checker.getDocumentationCommentOfSymbol(symbol)).trim() };
    });
  } finally {
    api.close();
  }
}

describe('the public API is documented where editors read it', () => {
  let exports: { name: string; doc: string }[];
  beforeAll(() => {
    exports = exportDocs();
  });

  it('every export of the entry has a doc comment (/** */) on its declaration', () => {
    expect(exports.length).toBeGreaterThan(200);
    const undocumented = exports.filter((e) => e.doc === '').map((e) => e.name);
    expect(undocumented, 'give each a /** */ comment on its declaration: what it is, then shapes, units, errors (STYLE.md)').toEqual([]);
  });

  it('a `//` header comment is not a doc comment: rank, zscore and winsorize are documented on the function itself', () => {
    const doc = new Map(exports.map((e) => [e.name, e.doc]));
    expect(doc.get('rank')).toMatch(/^Cross-sectional ranks/);
    expect(doc.get('zscore')).toMatch(/population standard\s+deviation/);
    expect(doc.get('winsorize')).toMatch(/type 7/);
  });
});
