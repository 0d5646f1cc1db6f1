// breadth report <db> [run] · breadth compare <db> <run...> · breadth runs list|show|delete
// Reading commands open the database read-only (a read-only file works); the work is loaded only
// when a command runs.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { UserError } from '../../data/errors.ts';
import type { Store } from '../../reports/store/index.ts';

/** Open an existing results database (never create one by accident while browsing). */
async function withStore<T>(db: string, use: (store: Store) => T | Promise<T>, access: 'read' | 'write' = 'read'): Promise<T> {
  if (!existsSync(db)) throw new UserError(`${db}: no such results database — run \`breadth run --db ${db}\` or \`breadth study\` first`);
  const { openStore, MIGRATIONS } = await import('../../reports/store/index.ts');
  const store = openStore(db, MIGRATIONS, { readonly: access === 'read' });
  try {
    return await use(store);
  } finally {
    store.close();
  }
}

export const reportCommand: CommandModule<object, { db: string; run?: string; out?: string }> = {
  command: 'report <db> [run]',
  describe: 'Render a stored run\'s tear sheet (self-contained HTML) from the results database alone',
  builder: (y) =>
    y
      .positional('db', { type: 'string', demandOption: true, describe: 'results database' })
      .positional('run', { type: 'string', describe: 'run id, label or strategy (default: the latest run)' })
      .option('out', { type: 'string', describe: 'output .html (default out/report-<id>.html)' })
      .example('$0 report out/breadth.db quality-long-short', 'the latest run labelled quality-long-short'),
  handler: async ({ db, run, out }) => {
    const { prepareOutputFile } = await import('../output.ts');
    if (out !== undefined) prepareOutputFile(out, '--out', 'report.html');
    return withStore(db, async (store) => {
      const [{ resolveRun }, { writeTearSheet }] = await Promise.all([import('../storeRefs.ts'), import('../../study/index.ts')]);
      const id = resolveRun(store, run);
      const path = out ?? join('out', `report-${id}.html`);
      prepareOutputFile(path, '--out', 'report.html');
      process.stdout.write(`tear sheet of run ${id}: ${writeTearSheet(store, id, path)}\n`);
    });
  },
};

export const compareCommand: CommandModule<object, { db: string; runs: string[]; out?: string; title?: string }> = {
  command: 'compare <db> <runs..>',
  describe: 'Compare stored runs on one page: equity, drawdowns, metrics with deltas, correlations, exposures',
  builder: (y) =>
    y
      .positional('db', { type: 'string', demandOption: true })
      .positional('runs', { type: 'string', array: true, demandOption: true, describe: 'two or more run ids, labels or strategies (the first is the reference)' })
      .option('out', { type: 'string', describe: 'output .html (default out/compare-<ids>.html)' })
      .option('title', { type: 'string', describe: 'page title' })
      .example('$0 compare out/breadth.db iwm-hold smlf-hold iwm-smlf-switch', 'IWM vs SMLF'),
  handler: async ({ db, runs, out, title }) => {
    if (runs.length < 2) throw new UserError('compare needs at least two runs');
    const { prepareOutputFile } = await import('../output.ts');
    if (out !== undefined) prepareOutputFile(out, '--out', 'comparison.html');
    return withStore(db, async (store) => {
      const [{ resolveRun }, { writeComparison }] = await Promise.all([import('../storeRefs.ts'), import('../../study/index.ts')]);
      const ids = runs.map((r) => resolveRun(store, r));
      if (new Set(ids).size !== ids.length) throw new UserError(`compare needs distinct runs: ${runs.join(', ')} name runs ${ids.join(', ')}`);
      const path = out ?? join('out', `compare-${ids.join('-')}.html`);
      prepareOutputFile(path, '--out', 'comparison.html');
      process.stdout.write(`comparison of runs ${ids.join(', ')}: ${writeComparison(store, title ?? `Comparison of ${runs.join(', ')}`, ids, path)}\n`);
    });
  },
};

const list: CommandModule<object, { db: string; json: boolean; wide: boolean }> = {
  command: 'list <db>',
  describe: 'List stored runs (fits 120 columns; --wide for every column)',
  builder: (y) =>
    y
      .positional('db', { type: 'string', demandOption: true })
      .option('wide', { type: 'boolean', default: false, describe: 'every column at full width (data source, creation time)' })
      .option('json', { type: 'boolean', default: false }),
  handler: ({ db, json, wide }) =>
    withStore(db, async (store) => {
      const [{ listRuns }, { printJson }, { printRunList }] = await Promise.all([import('../../reports/store/index.ts'), import('../output.ts'), import('../runList.ts')]);
      const runs = listRuns(store);
      if (json) return printJson(runs);
      printRunList(runs, wide);
    }),
};

const show: CommandModule<object, { db: string; run?: string; json: boolean }> = {
  command: 'show <db> [run]',
  describe: 'Show a stored run: manifest, metrics, warnings',
  builder: (y) => y.positional('db', { type: 'string', demandOption: true }).positional('run', { type: 'string' }).option('json', { type: 'boolean', default: false }),
  handler: ({ db, run, json }) =>
    withStore(db, async (store) => {
      const [{ getRun }, { resolveRun }, { printJson }, { printStoredRun }] = await Promise.all([
        import('../../reports/store/index.ts'),
        import('../storeRefs.ts'),
        import('../output.ts'),
        import('../runList.ts'),
      ]);
      const stored = getRun(store, resolveRun(store, run));
      if (!stored) throw new UserError(`no such run ${run}`);
      if (json) return printJson({ run: stored.run, manifest: stored.manifest, metrics: stored.metrics, caveats: stored.caveats });
      printStoredRun(stored);
    }),
};

const remove: CommandModule<object, { db: string; run: string }> = {
  command: 'delete <db> <run>',
  describe: 'Delete a stored run and everything recorded with it',
  builder: (y) => y.positional('db', { type: 'string', demandOption: true }).positional('run', { type: 'string', demandOption: true }),
  handler: ({ db, run }) =>
    withStore(
      db,
      async (store) => {
        const [{ deleteRun }, { resolveRun }] = await Promise.all([import('../../reports/store/index.ts'), import('../storeRefs.ts')]);
        const id = resolveRun(store, run);
        deleteRun(store, id);
        process.stdout.write(`deleted run ${id}\n`);
      },
      'write',
    ),
};

export const runsCommand: CommandModule = {
  command: 'runs',
  describe: 'Browse the results database: list, show, delete',
  builder: (y) => y.command(list).command(show).command(remove).demandCommand(1, 'Name a runs command: list, show or delete.'),
  handler: () => {},
};
