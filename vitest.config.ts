import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Test files that end trials' worker threads while they run (a trial past --trial-timeout, a
// sweep stopped by a failing trial) inside the test's own process. They run one file at a time,
// after the rest: with one file per core, the fork running test/sweep/failures.test.ts died of
// SIGSEGV once (8926c54), which never happened with them alone — a thread started while another
// is torn down can crash the process (nodejs/node#56312, test/sweep/threadsEnded.test.ts). The
// other sweep files, whose threads end only once their sweep is done, go with the rest.
const THREADS_ENDED = ['test/sweep/failures.test.ts', 'test/sweep/trialTimeout.test.ts', 'test/sweep/threadsEnded.test.ts'];

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
        test: { name: 'main', include: ['test/**/*.test.ts'], exclude: THREADS_ENDED, maxWorkers: availableParallelism(), sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: 'threads-ended', include: THREADS_ENDED, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
