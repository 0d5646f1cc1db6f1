// The echarts code a report inlines: the modules echartsEntry.js registers (echarts' modular
// import), bundled and minified by esbuild, then deflated. The full echarts build is 1.12 MB, the
// modular one ~0.62 MB and deflated ~0.21 MB (0.28 MB as base64): client.js inflates it in the
// browser (DecompressionStream) before drawing. Built once per process, and cached on disk beside
// the installed packages (node_modules/.cache/breadth), keyed by the echarts version and the
// entry's content, so `breadth report` does not pay esbuild's ~1 s on every call.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';

const ENTRY = fileURLToPath(new URL('./echartsEntry.js', import.meta.url));

let bundle: string | undefined;

/** The deflated (raw DEFLATE) echarts bundle as base64: a global `echarts` once inflated and run. */
export function echartsBundle(): string {
  bundle ??= cached(build);
  return bundle;
}

function build(): string {
  // esbuild is loaded only here: rendering from the disk cache never needs it.
  const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const out = buildSync({ entryPoints: [ENTRY], bundle: true, minify: true, format: 'iife', globalName: 'echarts', write: false, legalComments: 'none', target: 'es2020' });
  const code = out.outputFiles[0].text;
  if (/<\/script|<!--/i.test(code)) throw new Error('the echarts bundle contains "</script" or "<!--" and cannot be inlined');
  return deflateRawSync(Buffer.from(code), { level: 9 }).toString('base64');
}

/** The build from the disk cache, or built and stored there (best effort: a read-only install just rebuilds). */
function cached(make: () => string): string {
  const require = createRequire(import.meta.url);
  const echartsPackage = require.resolve('echarts/package.json');
  const version = (JSON.parse(readFileSync(echartsPackage, 'utf8')) as { version: string }).version;
  const key = createHash('sha256').update(version).update(readFileSync(ENTRY)).update(readFileSync(require.resolve('esbuild/package.json'))).digest('hex').slice(0, 16);
  const dir = join(dirname(dirname(echartsPackage)), '.cache', 'breadth');
  const file = join(dir, `echarts-${version}-${key}.b64`);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // not cached yet
  }
  const made = make();
  try {
    mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, made);
    renameSync(temp, file);
  } catch {
    // a read-only install: fine, the build stays in memory for this process
  }
  return made;
}
