// breadth's build identity (core/buildFingerprint.ts): a fingerprint of its own .ts source, the
// same from the source and from the package, which a version string is not (probe r48d F1: a
// worker on an older checkout of '0.1.0', or with a local engine patch, was accepted and its
// trials stored under the coordinator's keys).

import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILD_SOURCES, buildFingerprint, sourceFingerprint } from '../../core/buildFingerprint.ts';
import { repoRoot } from '../cli/helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'breadth-fingerprint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A source tree holding `files` (relative path → text), with every folder of BUILD_SOURCES. */
function tree(name: string, files: Record<string, string>): string {
  const root = join(dir, name);
  for (const source of BUILD_SOURCES) if (!source.endsWith('.ts')) mkdirSync(join(root, source), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('sourceFingerprint', () => {
  const files = { 'index.ts': 'export {};\n', 'core/a.ts': 'a\nb\n', 'engine/sub/b.ts': 'b', 'reports/page/client.js': 'js', 'tools/x.ts': 'outside' };

  it('is sha256 over each .ts file of the build, in path order: its path, NUL, the sha256 of its text, a newline', () => {
    // By hand: the .ts files under index.ts, core, data, engine, strategies, reports, study and cli,
    // sorted — core/a.ts < engine/sub/b.ts < index.ts; reports/page/client.js (not .ts) and
    // tools/x.ts (outside the build) are not breadth's compiled source.
    const expected = sha256(`core/a.ts\0${sha256('a\nb\n')}\nengine/sub/b.ts\0${sha256('b')}\nindex.ts\0${sha256('export {};\n')}\n`);
    expect(sourceFingerprint(tree('plain', files))).toBe(expected);
  });

  it('reads CRLF as LF (a Windows checkout of one commit is one build), and moves with any other byte of the source', () => {
    const plain = sourceFingerprint(tree('lf', files));
    expect(sourceFingerprint(tree('crlf', { ...files, 'core/a.ts': 'a\r\nb\r\n' }))).toBe(plain);
    expect(sourceFingerprint(tree('patched', { ...files, 'engine/sub/b.ts': 'b // patched' }))).not.toBe(plain);
    expect(sourceFingerprint(tree('asset', { ...files, 'reports/page/client.js': 'other' }))).toBe(plain);
  });

  it('hashes exactly what the package build compiles (tsconfig.build.json include)', () => {
    const config = JSON.parse(readFileSync(join(repoRoot, 'tsconfig.build.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as { include: string[] };
    expect([...BUILD_SOURCES]).toEqual(config.include);
  });
});

describe('buildFingerprint', () => {
  it('from the source is the fingerprint of this checkout', () => {
    expect(buildFingerprint()).toMatch(/^[0-9a-f]{64}$/);
    expect(buildFingerprint()).toBe(sourceFingerprint(repoRoot));
  });
});
