// The documents the npm package ships (README.md and the docs it links to) link only to files the
// package ships: a link to a file left out, or outside the package (the repository's ../shared), is
// dead in node_modules/breadth and on a registry page (probe r64c F8).

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.ts';

/** The paths `npm pack` (the npm on PATH, as CI's `npm ci` uses) would put in the package; its scripts not run, as the build adds only dist/. */
function packedFiles(): string[] {
  const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  if (packed.status !== 0) throw new Error(`npm pack --dry-run: exit ${packed.status}\n${packed.stderr}`);
  return (JSON.parse(packed.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
}

/** The relative link targets of a Markdown text (web addresses and anchors within it left out), without their anchors. */
const relativeLinks = (markdown: string): string[] =>
  [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#')).map((target) => target.replace(/#.*$/, ''));

describe('the packed documents', () => {
  it('ship the licence and every file they link to, and link to nothing outside the package', () => {
    const files = packedFiles();
    // LICENSE: package.json says MIT, whose notice must travel with the code (probe r70c F4: no licence file).
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'reports/SCHEMA.md', 'reports/SWEEPS.md']));
    const dead = files
      .filter((file) => file.endsWith('.md'))
      .flatMap((doc) => relativeLinks(readFileSync(join(repoRoot, doc), 'utf8')).map((target) => ({ doc, target, path: posix.normalize(posix.join(posix.dirname(doc), target)) })))
      .filter((link) => !files.includes(link.path))
      .map((link) => `${link.doc} → ${link.target}`);
    expect(dead).toEqual([]);
  });
});
