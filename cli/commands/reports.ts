// breadth report <db> [run] · breadth compare <db> <run...> · breadth runs list|show|delete
// Reading commands open the database read-only (a read-only file works; an older breadth's store is
// upgraded first where writable, and the upgrade is said); the work is loaded only
// when a command runs. Pages are HTML, and PDF with --pdf (A4 or Letter, through Chromium).

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { notAnIsoDay, parseIsoDay, preMarketIsoDay } from '../../data/dates.ts';
import { UserError } from '../../data/errors.ts';
import type { Store } from '../../reports/store/index.ts';
import { pagePath } from '../../study/pageNames.ts';
import { writeStandardOutput } from '../../reports/html/page/standardStreams.ts';

/** Open an existing results database (never create one by accident while browsing). */
export async function withStore<T>(db: string, use: (store: Store) => T | Promise<T>, access: 'read' | 'write' = 'read'): Promise<T> {
  if (!existsSync(db)) throw new UserError(`${db}: no such results database — run \`breadth run --db ${db}\` or \`breadth study\` first`);
  const { openStore, MIGRATIONS, SCHEMA_VERSION } = await import('../../reports/store/index.ts');
  const store = openStore(db, MIGRATIONS, { readonly: access === 'read', existing: true });
  if (store.upgradedFrom !== undefined) {
    process.stderr.write(`breadth: upgraded ${db} from schema v${store.upgradedFrom} to v${SCHEMA_VERSION} (an older breadth can no longer open it)\n`);
  }
  try {
    return await use(store);
  } finally {
    store.close();
  }
}

interface PageArgs {
  db: string;
  out?: string;
  pdf?: string;
  paper: 'a4' | 'letter';
}

const pageOptions = <T>(y: Argv<T>) =>
  y
    .option('out', { type: 'string', describe: 'output .html (default <folder of the database>/reports/report-<id>.html or …/compare-<ids>.html, after the database\'s name unless it is breadth.db: out/mine.db → out/reports/mine-report-3.html; not written when only --pdf is given)' })
    .option('pdf', { type: 'string', describe: 'also (or only) print the page to this .pdf through Chromium' })
    .option('paper', { choices: ['a4', 'letter'] as const, default: 'a4' as const, describe: 'PDF paper size' });

/**
 * The page a report or comparison writes without --out: `<folder of db>/reports/<name>.html`, named
 * as study, sweep and walk-forward pages are (study/pageNames.ts), so two databases never share one.
 */
const defaultPage = (db: string, name: string): string => pagePath(join(dirname(db), 'reports'), db, name);

/** Write the page as HTML (unless only a PDF was asked for) and as PDF; returns what was written. */
async function writePage(html: string, args: PageArgs, defaultHtml: string, example: string): Promise<string[]> {
  const [{ prepareOutputFile }, { PAPER_NAMES, writePdf, writeReport }] = await Promise.all([import('../output.ts'), import('../../reports/html/index.ts')]);
  const written: string[] = [];
  if (args.out !== undefined || args.pdf === undefined) {
    const path = args.out ?? defaultHtml;
    prepareOutputFile(path, '--out', example, args.db);
    writeReport(path, html);
    written.push(path);
  }
  if (args.pdf !== undefined) {
    prepareOutputFile(args.pdf, '--pdf', example.replace(/\.html$/, '.pdf'), args.db);
    const pages = await writePdf(html, args.pdf, args.paper);
    written.push(`${args.pdf} (${pages} ${PAPER_NAMES[args.paper]} page${pages === 1 ? '' : 's'})`);
  }
  return written;
}

/** `--crisis "name:YYYY-MM-DD:YYYY-MM-DD"`: a window the tear sheet measures beside 2008, 2020 and 2022. */
function parseCrisis(text: string): { name: string; from: string; to: string } {
  const m = /^(.+):(\d{4}-\d{2}-\d{2}):(\d{4}-\d{2}-\d{2})$/.exec(text);
  const real = (iso: string): boolean => !Number.isNaN(parseIsoDay(iso));
  if (m === null || !real(m[2]) || !real(m[3]) || m[2] > m[3]) {
    const early = m === null ? undefined : [m[2], m[3]].find((iso) => preMarketIsoDay(iso) !== undefined);
    throw new UserError(`--crisis "${text}": ${early ? `${early} is ${notAnIsoDay(early)}` : 'write it as name:YYYY-MM-DD:YYYY-MM-DD with real dates, the start not after the end (e.g. "taper tantrum:2013-05-01:2013-06-30")'}`);
  }
  return { name: m[1], from: m[2], to: m[3] };
}

export const reportCommand: CommandModule<object, PageArgs & { run?: string; crisis?: string[] }> = {
  command: 'report <db> [run]',
  describe: 'Render a stored run\'s tear sheet (self-contained HTML, and PDF with --pdf) from the results database alone',
  builder: (y) =>
    pageOptions(
      y
        .positional('db', { type: 'string', demandOption: true, describe: 'results database' })
        .positional('run', { type: 'string', describe: 'run id, label or strategy (default: the latest run)' }),
    )
      .option('crisis', { type: 'string', array: true, describe: 'a window to measure beside 2008, Feb–Mar 2020 and 2022: "name:YYYY-MM-DD:YYYY-MM-DD" (repeatable)' })
      .example('$0 report out/breadth.db quality-long-short', 'the latest run labelled quality-long-short')
      .example('$0 report out/breadth.db 3 --pdf out/run-3.pdf --paper letter', 'a PDF on US Letter'),
  handler: async (args) => {
    const crises = (args.crisis ?? []).map(parseCrisis);
    const { id, html } = await withStore(args.db, async (store) => {
      const [{ resolveRun }, { tearSheetHtml }] = await Promise.all([import('../storeRefs.ts'), import('../../study/index.ts')]);
      const id = resolveRun(store, args.run);
      return { id, html: tearSheetHtml(store, id, crises) };
    });
    writeStandardOutput(`tear sheet of run ${id}: ${(await writePage(html, args, defaultPage(args.db, `report-${id}`), 'report.html')).join(', ')}\n`);
  },
};

export const compareCommand: CommandModule<object, PageArgs & { runs: string[]; title?: string; 'full-period': boolean }> = {
  command: 'compare <db> <runs..>',
  describe: 'Compare stored runs on one page: growth, relative strength, yearly winners, metrics over the common period, correlations, exposures',
  builder: (y) =>
    pageOptions(
      y
        .positional('db', { type: 'string', demandOption: true })
        .positional('runs', { type: 'string', array: true, demandOption: true, describe: 'two or more run ids, labels or strategies (the first is the reference)' }),
    )
      .option('title', { type: 'string', describe: 'page title' })
      .option('full-period', { type: 'boolean', default: false, describe: 'measure each run over its own full period (default: the period all runs share)' })
      .example('$0 compare out/breadth.db iwm-hold smlf-hold iwm-smlf-switch', 'IWM vs SMLF'),
  handler: async (args) => {
    if (args.runs.length < 2) throw new UserError('compare needs at least two runs');
    const { ids, html, notes } = await withStore(args.db, async (store) => {
      const [{ resolveRun }, { comparisonHtml }] = await Promise.all([import('../storeRefs.ts'), import('../../study/index.ts')]);
      const ids = args.runs.map((r) => resolveRun(store, r));
      if (new Set(ids).size !== ids.length) throw new UserError(`compare needs distinct runs: ${args.runs.join(', ')} name runs ${ids.join(', ')}`);
      return { ids, ...comparisonHtml(store, args.title ?? `Comparison of ${args.runs.join(', ')}`, ids, args['full-period'] ? 'full' : 'common') };
    });
    for (const note of notes) process.stderr.write(`breadth: warning: ${note}\n`);
    writeStandardOutput(`comparison of runs ${ids.join(', ')}: ${(await writePage(html, args, defaultPage(args.db, `compare-${ids.join('-')}`), 'comparison.html')).join(', ')}\n`);
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

const show: CommandModule<object, { db: string; run?: string; json: boolean; orders: boolean; symbol?: string }> = {
  command: 'show <db> [run]',
  describe: 'Show a stored run: manifest, metrics, caveats, and (--orders) every order with its fills',
  builder: (y) =>
    y
      .positional('db', { type: 'string', demandOption: true })
      .positional('run', { type: 'string' })
      .option('json', { type: 'boolean', default: false })
      .option('orders', { type: 'boolean', default: false, describe: 'list every order with its fills' })
      .option('symbol', { type: 'string', describe: 'with --orders: only this symbol’s orders' })
      .example('$0 runs show out/breadth.db tiered --orders --symbol IWM', 'the IWM orders of the run labelled tiered, each with its fills'),
  handler: ({ db, run, json, orders, symbol }) =>
    withStore(db, async (store) => {
      const [{ getRun }, { resolveRun }, { printJson }, { printStoredRun }, { ordersWithFills }] = await Promise.all([
        import('../../reports/store/index.ts'),
        import('../storeRefs.ts'),
        import('../output.ts'),
        import('../runList.ts'),
        import('../orderListing.ts'),
      ]);
      if (symbol !== undefined && !orders) throw new UserError('--symbol selects the orders listed: add --orders');
      const stored = getRun(store, resolveRun(store, run));
      if (!stored) throw new UserError(`no such run ${run}`);
      const listed = orders ? ordersWithFills(stored, symbol) : undefined;
      if (json) return printJson({ run: stored.run, manifest: stored.manifest, metrics: stored.metrics, caveats: stored.caveats, ...(listed ? { orders: listed } : {}) });
      printStoredRun(stored, listed, symbol);
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
        writeStandardOutput(`deleted run ${id}\n`);
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
