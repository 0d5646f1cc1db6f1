import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `import … from 'breadth'` (the examples do) means this source tree, as the package's
  // "breadth-source" export condition says for Node and tsc.
  resolve: { alias: [{ find: /^breadth$/, replacement: fileURLToPath(new URL('./index.ts', import.meta.url)) }] },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One test file per core, not vitest's default of one fewer: most of the suite's time is CLI
    // processes and SQLite writes, and on a 2-core machine one worker left a core idle
    // (npm test: 804 s of vitest with 1 worker, 587 s with 2, no test slower past its timeout).
    maxWorkers: availableParallelism(),
    // Tests (and the CLI processes they start) never touch the user's own market cache.
    env: { BREADTH_CACHE_DIR: mkdtempSync(join(tmpdir(), 'breadth-test-cache-')) },
  },
});
