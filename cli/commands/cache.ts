// breadth cache info · breadth cache clear: the market cache in the user's cache directory
// (data/cache/location.ts: $BREADTH_CACHE_DIR, $XDG_CACHE_HOME/breadth or ~/.cache/breadth).

import type { CommandModule } from 'yargs';
import type { MarketCache } from '../../data/cache/marketCache.ts';
import { writeStandardOutput } from '../../reports/html/page/standardStreams.ts';

/** The cache at `dir` (or the default), opened for `action`; the SQLite code loads only here. */
async function withCache<T>(dir: string | undefined, action: (cache: MarketCache) => T): Promise<T> {
  const [{ MarketCache }, { cacheDirectory }] = await Promise.all([import('../../data/cache/marketCache.ts'), import('../../data/cache/location.ts')]);
  const cache = new MarketCache(cacheDirectory(dir));
  try {
    return action(cache);
  } finally {
    cache.close();
  }
}

const info: CommandModule<object, { dir?: string; json: boolean }> = {
  command: 'info',
  describe: 'Where the market cache is, its size and limit, and each cached source',
  builder: (y) => y.option('json', { type: 'boolean', default: false, describe: 'machine-readable output' }),
  handler: async ({ dir, json }) => {
    const [{ formatBytes }, { isoDay }, { printJson, printTable }] = await Promise.all([import('../../data/cache/location.ts'), import('../../data/dates.ts'), import('../output.ts')]);
    const report = await withCache(dir, (cache) => cache.info());
    if (json) return printJson(report);
    const stored = report.entries.reduce((sum, e) => sum + e.bytes, 0);
    writeStandardOutput(`market cache: ${report.file}\n`);
    writeStandardOutput(`  ${report.entries.length} sources, ${formatBytes(stored)} stored (${formatBytes(report.fileBytes)} on disk), limit ${formatBytes(report.limitBytes)}; least recently used evicted beyond it\n`);
    if (report.entries.length > 0) {
      printTable(
        ['source', 'symbols', 'sessions', 'size', 'last used'],
        report.entries.map((e) => [e.source, e.symbols, e.sessions, formatBytes(e.bytes), isoDay(Math.floor(e.lastUsed / 86_400_000))]),
      );
    }
  },
};

const clear: CommandModule<object, { dir?: string }> = {
  command: 'clear',
  describe: 'Remove every cached market (the next load reads its files again)',
  handler: async ({ dir }) => {
    const { cacheDirectory } = await import('../../data/cache/location.ts');
    const removed = await withCache(dir, (cache) => cache.clear());
    writeStandardOutput(`removed ${removed} cached ${removed === 1 ? 'source' : 'sources'} from ${cacheDirectory(dir)}\n`);
  },
};

export const cacheCommand: CommandModule = {
  command: 'cache',
  describe: 'Show or clear the market cache (loaded data, kept between runs)',
  builder: (y) =>
    y
      .option('dir', { type: 'string', describe: 'cache folder (default: $BREADTH_CACHE_DIR, $XDG_CACHE_HOME/breadth or ~/.cache/breadth)' })
      .command(info)
      .command(clear)
      .example('$0 cache info', 'where the cache is and what it holds')
      .example('$0 cache clear', 'empty it')
      .demandCommand(1, 'Name a cache command: info or clear.'),
  handler: () => {},
};
