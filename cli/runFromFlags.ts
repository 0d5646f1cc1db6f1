// `breadth run --strategy …`: one run described by flags, checked flag by flag before any work
// (an error names the flag, never a config key path), then run as `breadth run <config>` runs a
// one-run study (study/index.ts replayStudy, then publishStudy): market, engine, metrics — the DSR over the trials
// --db records — SQLite, and the tear sheet when --report asks for one.

import { dirname, join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { excerpt, keyPath, UserError, valueAt } from '../data/errors.ts';
import { noRateSeries } from '../data/folder/rateFiles.ts';
import { parseScaledNumber } from '../data/formats/fields.ts';
import type { LoadMarketOptions } from '../data/load.ts';
import type { Market } from '../data/market.ts';
import { engineConfigSchema } from '../engine/config.ts';
import { plainIssue } from '../engine/configError.ts';
import { openStore } from '../reports/store/index.ts';
import { parseStudy, requireDataPath, type StudyConfig } from '../study/config.ts';
import { fieldHelp } from '../study/fieldHelp.ts';
import { replayStudy } from '../study/index.ts';
import { publishStudy } from '../study/publish.ts';
import { openStudyMarket } from '../study/market.ts';
import { abortOnSignal } from './interrupt.ts';
import { symbolsOption } from './loadOptions.ts';
import { checkOutputFolder, prepareOutputFile, printJson, progressBar } from './output.ts';
import { headline, printSummary } from './studySummary.ts';
import { writeStandardOutput } from '../reports/html/page/standardStreams.ts';

export interface RunFlags {
  strategy?: string;
  param?: string[];
  data?: string;
  symbols?: string;
  from?: string;
  to?: string;
  cash?: number;
  benchmark?: string;
  execution?: string;
  'commission-bps'?: number;
  'slippage-bps'?: number;
  'borrow-bps'?: number;
  'participation-cap'?: number;
  account?: 'cash' | 'margin';
  'max-gross'?: number;
  'max-net'?: number;
  'periods-per-year'?: number;
  rf?: string;
  report?: string;
  label?: string;
}

/** The engine setting each flag sets, so a refused setting is reported by its flag. */
const FLAG_OF: Record<string, string> = {
  initialCash: '--cash',
  execution: '--execution',
  from: '--from',
  to: '--to',
  'commission.bps': '--commission-bps',
  'slippage.bps': '--slippage-bps',
  'borrow.defaultBps': '--borrow-bps',
  participationCap: '--participation-cap',
  'cash.rate': '--rf',
  'account.maxGross': '--max-gross',
  'account.maxNet': '--max-net',
};

/** `text` as JSON, or undefined where it does not parse. */
function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * `{IWM:1}`, `{'IWM':1}` or `[IWM,SPY]` as JSON writes it (`{"IWM":1}`, `["IWM","SPY"]`): keys and
 * bare words in a list quoted, where that parses; else undefined.
 */
function asJson(text: string): string | undefined {
  const fixed = text
    .replace(/'([^'"]*)'/g, '"$1"')
    .replace(/([{,]\s*)([A-Za-z_$@.^][\w$@.^=-]*)\s*:/g, '$1"$2":')
    .replace(/([[,]\s*)([A-Za-z_$@.^][\w$@.^=-]*)(?=\s*[,\]])/g, '$1"$2"');
  return jsonOrUndefined(fixed) === undefined ? undefined : fixed;
}

/**
 * `k=v` → [k, v] with v read as JSON where it parses (numbers, booleans, objects), else a string.
 * A value written as an object or list (`{…}`, `[…]`) that is not JSON is refused with the JSON it
 * likely meant (`weights={IWM:1}` → `weights={"IWM":1}`, `symbols=[IWM,SPY]` → `["IWM","SPY"]`) and
 * the way to pass the text itself (`tag="[draft]"`): a value never reaches the strategy as text
 * the user did not mean as text.
 */
function parseParam(text: string): [string, unknown] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UserError(`--param ${text}: write key=value, e.g. --param tilt=0.7`);
  const key = text.slice(0, eq);
  const value = text.slice(eq + 1);
  const parsed = jsonOrUndefined(value);
  if (parsed !== undefined) return [key, parsed];
  if (/^\s*[[{]/.test(value)) {
    const meant = asJson(value);
    const example = value.trimStart().startsWith('[') ? '["IWM","SPY"]' : '{"IWM":1}';
    const asText = `; for the text itself: --param '${key}=${JSON.stringify(value)}'`;
    throw new UserError(
      meant === undefined
        ? `--param ${text}: values are read as JSON, and this is not JSON: write keys and text in double quotes, e.g. --param '${key}=${example}' (in single quotes, so the shell keeps them)${asText}`
        : `--param ${text}: values are read as JSON, where keys and text need double quotes: --param '${key}=${meant}' (in single quotes, so the shell keeps them)${asText}`,
    );
  }
  return [key, value];
}

/**
 * The --param values as one parameter object. A key given more than once is refused in one line
 * naming it and its values (`--param method given twice (erc, hrp): give it once`), as any other
 * option given twice is (repeatedOptions.ts): the last never silently wins (probe r73a F3).
 */
export function paramsOf(texts: readonly string[]): Record<string, unknown> {
  const given = new Map<string, string[]>();
  const params: Record<string, unknown> = {};
  for (const text of texts) {
    const [key, value] = parseParam(text);
    given.set(key, [...(given.get(key) ?? []), text.slice(key.length + 1)]);
    params[key] = value;
  }
  for (const [key, values] of given) {
    if (values.length < 2) continue;
    const times = values.length === 2 ? 'twice' : `${values.length} times`;
    throw new UserError(`--param ${key} given ${times} (${values.join(', ')}): give it once`);
  }
  return params;
}

/** --rf: an annual rate as a decimal ("0.03"), or the name of a rate series of the data ("tbill3m"). */
function parseRiskFree(rf: string | undefined): number | string {
  if (rf === undefined) return 0;
  const text = rf.trim();
  if (/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(text)) return Number(text);
  if (/^[-+]?[\d.]+\s*%$/.test(text)) throw new UserError(`--rf ${rf}: write the annual rate as a decimal (--rf ${parseScaledNumber(text.replace(/\s*%$/, ''), -2)} for ${text}), or name a rate series of the data`);
  if (!/^[A-Za-z][\w.-]*$/.test(text)) throw new UserError(`--rf ${rf}: give an annual rate as a decimal (0.03) or the name of a rate series of the data (tbill3m)`);
  return text;
}

/** The engine settings the flags describe, validated by the engine's own schema (as a config file is). */
function engineFromFlags(flags: RunFlags, rf: number | string): Record<string, unknown> {
  const bps = (value: number | undefined) => value ?? 0;
  const engine = {
    initialCash: flags.cash ?? 1_000_000,
    execution: flags.execution ?? 'next-open',
    ...(flags.from ? { from: flags.from } : {}),
    ...(flags.to ? { to: flags.to } : {}),
    commission: bps(flags['commission-bps']) === 0 ? { kind: 'none' } : { kind: 'bps', bps: flags['commission-bps'] },
    slippage: bps(flags['slippage-bps']) === 0 ? { kind: 'none' } : { kind: 'fixed-bps', bps: flags['slippage-bps'] },
    borrow: { defaultBps: bps(flags['borrow-bps']) },
    ...(flags['participation-cap'] === undefined ? {} : { participationCap: flags['participation-cap'] }),
    cash: { rate: rf === 0 ? null : rf },
    account: flags.account === 'margin' ? { kind: 'margin', maxGross: flags['max-gross'] ?? 2, maxNet: flags['max-net'] ?? 1 } : { kind: 'cash' },
  };
  if (flags.account !== 'margin' && (flags['max-gross'] !== undefined || flags['max-net'] !== undefined)) {
    throw new UserError('--max-gross and --max-net are limits of a margin account: add --account margin');
  }
  const parsed = engineConfigSchema.safeParse(engine);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = keyPath(issue.path);
    const value = valueAt(engine, issue.path);
    // In words, by the flag's setting (--rf is the risk-free rate as well as the cash rate): `--rf 5: the risk-free rate is …; did you mean 0.05?`.
    const help = typeof value === 'number' ? fieldHelp(path === 'cash.rate' ? 'riskFree' : path, value) : undefined;
    const flag = FLAG_OF[path];
    if (help !== undefined && flag !== undefined) throw new UserError(`${flag} ${excerpt(value)}: ${help}`);
    // The period's order (engine/models/units.ts checkPeriodOrder) in the flags' names.
    const later = issue.code === 'custom' ? issue.params?.to : undefined;
    if (path === 'from' && typeof later === 'string') throw new UserError(`--from ${String(value)} is after --to ${later}: swap them, or drop --to`);
    throw new UserError(`${flag ?? `command line: ${path}`}: ${plainIssue(issue, value) ?? `${issue.message}${value === undefined || typeof value === 'object' ? '' : `, got ${excerpt(value)}`}`}`);
  }
  return engine;
}

/**
 * The flags' one run is runs[0] of a study: its messages name the flag a user gave instead
 * (.strategy → --strategy; .benchmark → --benchmark; .name → --label, or the strategy file's name
 * the run took without one). A refusal of the --param values is the strategy's own line, as
 * createStrategy() says it ("command line: runs[0].params: size-tilt: tilt must be …" →
 * "size-tilt: tilt must be …"), and a failure of the run as it replays is the strategy's line
 * alone ("command line: runs[0] (hold): strategy … failed on …" → "strategy … failed on …").
 */
function namingFlags(message: string, flags: RunFlags & { strategy: string }): string {
  const name = flags.label === undefined ? "the run's name (the --strategy file's; give --label to choose one)" : '--label';
  const replay = `command line: runs[0] (${runName(flags)}): `;
  return (message.startsWith(replay) ? message.slice(replay.length) : message)
    .replace(/^command line: runs\[0\]\.params: /, '')
    .replace(/^command line: runs\[0\]\.(strategy|benchmark): /, '--$1: ')
    .replace(/^command line: runs\[0\]\.periodsPerYear: /, '--periods-per-year ')
    .replace(/^command line: runs\[0\]\.name: /, `${name}: `);
}

/** The name of the flags' one run: --label, else the --strategy name or file name without its folder and extension. */
const runName = (flags: RunFlags & { strategy: string }): string => flags.label ?? flags.strategy.replace(/^.*[\\/]/, '').replace(/\.[cm]?[jt]s$/, '');

/** `err`, a user error said by the flags (namingFlags); anything else as it is. */
const byFlags = (err: unknown, flags: RunFlags & { strategy: string }): unknown => (err instanceof UserError ? new UserError(namingFlags(err.message, flags)) : err);

/** An empty --benchmark is refused, never read as "none". */
function checkBenchmark(flags: RunFlags): void {
  if (flags.benchmark !== undefined && flags.benchmark.trim() === '') {
    throw new UserError('--benchmark "" names no benchmark: give a symbol or @role (SPY, @smallCap), "cash", or "none" for no benchmark');
  }
}

/** The one-run study the flags describe. */
function studyFromFlags(flags: RunFlags & { strategy: string }): StudyConfig {
  checkBenchmark(flags);
  if (flags.data) requireDataPath(flags.data, `--data ${flags.data}`);
  const rf = parseRiskFree(flags.rf);
  const engine = engineFromFlags(flags, rf);
  try {
    return parseStudy(
      {
        title: `breadth run ${flags.strategy}`,
        data: flags.data ?? 'sample',
        ...(flags.symbols === undefined ? {} : { symbols: symbolsOption(flags.symbols) }),
        riskFree: rf,
        ...(flags.from ? { from: flags.from } : {}),
        ...(flags.to ? { to: flags.to } : {}),
        runs: [
          {
            name: runName(flags),
            strategy: flags.strategy,
            params: paramsOf(flags.param ?? []),
            ...(flags.benchmark === undefined ? {} : { benchmark: flags.benchmark }),
            ...(flags['periods-per-year'] === undefined ? {} : { periodsPerYear: flags['periods-per-year'] }),
            engine,
          },
        ],
      },
      'command line',
    );
  } catch (err) {
    throw byFlags(err, flags);
  }
}

/** The tear sheet of run `id` of the store at `db`, rendered from the store alone (as `breadth report` renders it). */
async function tearSheetOf(db: string, id: number): Promise<string> {
  const { tearSheetHtml } = await import('../study/reportFiles.ts');
  const store = openStore(db);
  try {
    return tearSheetHtml(store, id);
  } finally {
    store.close();
  }
}

/** A rate series named by --rf must be in the data: asked for, it is never silently 0. */
function checkRateSeries(rf: number | string, market: Market): void {
  if (typeof rf === 'string' && !(rf in market.rates)) throw new UserError(`--rf ${rf}: ${noRateSeries(market, rf)}; or give an annual rate such as 0.03`);
}

export async function runFromFlags(flags: RunFlags & { strategy: string; db: string; json: boolean; load?: LoadMarketOptions }): Promise<void> {
  const study = studyFromFlags(flags);
  checkOutputFolder(dirname(flags.db), '--db', flags.db);
  if (flags.report !== undefined) prepareOutputFile(flags.report, '--report', 'tear-sheet.html', flags.db);
  const market = await openStudyMarket(study, flags.load);
  checkRateSeries(study.riskFree, market);
  const bar = progressBar();
  // As `breadth run <config>`: each run's DSR over the trials --db records for its strategy and data.
  // The replay is synchronous: Ctrl-C ends it at once (a listener would wait for it), and nothing is written yet.
  const runs = await replayStudy(market, study, { where: 'command line', db: flags.db, progress: { onRun: (k, n, name) => bar.update(k, n, name) } })
    .catch((err: unknown) => {
      throw byFlags(err, flags);
    })
    .finally(() => bar.stop());
  // Ctrl-C is heard from before the run is stored: one that comes while it is written (synchronously, in one
  // transaction) is heard once it is stored, so it says so, and how to write the page it stopped (probe r68b F1:
  // a Ctrl-C between the commit and a listener set after it ended in silence; F2: one during the write left an empty store).
  const report = flags.report;
  let stored: number | undefined;
  const stopped = (): string =>
    stored === undefined
      ? `interrupted: nothing was stored in ${flags.db}`
      : `interrupted: run ${stored} is stored in ${flags.db}${report === undefined ? '' : `; the tear sheet was not written: breadth report ${flags.db} ${stored} --out ${report}`}`;
  const published = await abortOnSignal(async (signal) => {
    const done = await publishStudy(study, runs, { db: flags.db, reportDir: null });
    stored = done.runs[done.runs.length - 1].id;
    const html = report === undefined ? undefined : await tearSheetOf(flags.db, stored);
    await setImmediate(); // a Ctrl-C during the (synchronous) storing or rendering is heard here, before the page is written
    signal.throwIfAborted();
    if (report !== undefined && html !== undefined) {
      const { writeReport } = await import('../reports/html/index.ts');
      writeReport(report, html);
    }
    return done;
  }, stopped);
  const outcome = { study: runs, published };
  if (flags.json) printJson({ data: market.name, synthetic: market.synthetic, db: flags.db, runs: headline(outcome), report: flags.report ?? null });
  else {
    printSummary(outcome);
    if (flags.report !== undefined) writeStandardOutput(`tear sheet: ${join(flags.report)}\n`);
  }
}
