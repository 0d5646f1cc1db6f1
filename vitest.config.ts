import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
    // Tests (and the CLI processes they start) never touch the user's own market cache.
    env: { BREADTH_CACHE_DIR: mkdtempSync(join(tmpdir(), 'breadth-test-cache-')) },
  },
});
