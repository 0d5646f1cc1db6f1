import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Test files whose sweeps run trials on worker threads inside the test's own process, and end
// some of those threads (--trial-timeout, aborts). They run one file at a time, after the rest:
// with one file per core, the fork running test/sweep/failures.test.ts died of SIGSEGV once
// (8926c54), which never happened with them alone. Two sweep files run their sweeps only in
// `breadth` processes they start, or none, and go with the rest.
const THREADED_SWEEPS = ['test/sweep/**/*.test.ts'];
const UNTHREADED_SWEEPS = ['test/sweep/resume.test.ts', 'test/sweep/pages.test.ts'];

export default defineConfig({
  // `import … from 'breadth'` (the examples do) means this source tree, as the package's
  // "breadth-source" export condition says for Node and tsc.
  resolve: { alias: [{ find: /^breadth$/, replacement: fileURLToPath(new URL('./index.ts', import.meta.url)) }] },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Tests (and the CLI processes they start) never touch the user's own market cache.
    env: { BREADTH_CACHE_DIR: mkdtempSync(join(tmpdir(), 'breadth-test-cache-')) },
    projects: [
      {
        extends: true,
        // One file per core: most files wait on the CLI processes they start (on this 2-core
        // machine the whole suite took 944 s so, 1,233 s with one file at a time).
        test: { name: 'main', include: ['test/!(sweep)/**/*.test.ts', ...UNTHREADED_SWEEPS], maxWorkers: availableParallelism(), sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: 'sweeps', include: THREADED_SWEEPS, exclude: UNTHREADED_SWEEPS, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
