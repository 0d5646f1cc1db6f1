#!/usr/bin/env node
// `npm run build [outDir]` (and npm's `prepare`, so a git or tarball install builds too): compile the library
// and the CLI to dist/ (JavaScript + declarations), then copy beside the compiled files what the
// code reads at run time through `import.meta.url`:
//   reports/html/page/scrollCues.js, client.js, styles.css   inlined into every HTML report
//   reports/html/page/echartsEntry.js         the modules of the echarts build a report inlines
//   examples/study.yaml                  the default study of `breadth study`
//   strategies/builtin/*.ts              hashed into every run's manifest, so a run of the package
//                                        records the same source hash as one of the repository
// and writes core/buildFingerprint.txt: the fingerprint of the source it compiled, computed by the
// compiled core/buildFingerprint.js as the source itself computes it (the build identity that a
// distributed sweep's workers compare and a trial key holds).
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
/** Default dist/; tests build elsewhere so as never to write into the repository. */
const dist = resolve(process.argv[2] ?? join(root, 'dist'));
const ASSETS = ['reports/html/page/scrollCues.js', 'reports/html/page/client.js', 'reports/html/page/styles.css', 'reports/html/page/echartsEntry.js', 'examples/study.yaml', ...readdirSync(join(root, 'strategies', 'builtin')).filter((f) => f.endsWith('.ts')).map((f) => `strategies/builtin/${f}`)];

rmSync(dist, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', dist], { stdio: 'inherit' });
if (tsc.status !== 0) {
  console.error('build: tsc failed');
  process.exit(1);
}
for (const asset of ASSETS) cpSync(join(root, asset), join(dist, asset));
chmodSync(join(dist, 'cli', 'breadth.js'), 0o755);
const { FINGERPRINT_FILE, sourceFingerprint } = await import(pathToFileURL(join(dist, 'core', 'buildFingerprint.js')).href);
writeFileSync(join(dist, 'core', FINGERPRINT_FILE), `${sourceFingerprint(root)}\n`);
console.log(`build: ${dist} compiled, ${ASSETS.length} assets copied`);
