import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Tests (and the CLI processes they start) never touch the user's own market cache.
    env: { BREADTH_CACHE_DIR: mkdtempSync(join(tmpdir(), 'breadth-test-cache-')) },
  },
});
