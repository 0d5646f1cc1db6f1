// breadth as an installed package: the build (scripts/build.js) into a scratch package folder,
// then what a user of it does — the compiled bin with no tsx and no source beside it, a strategy
// file that imports only from 'breadth', `import('breadth')` in plain Node, tsc on a strategy
// against the declarations — and the Node version gate on an old Node.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { sourceFingerprint } from '../../../core/buildFingerprint.ts';
import { MIN_NODE, nodeVersionProblem } from '../../../core/nodeVersion.ts';
import { expectOk, repoRoot, scratch, write, type Outcome } from '../helpers.ts';

let pkg: string;
let project: string;

/** `node <args>` in `cwd`, as a separate process, collected like the CLI helpers do. */
function node(args: string[], cwd: string, executable = process.execPath): Outcome {
  const child = spawnSync(executable, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: '1' }, timeout: 120_000 });
  return { status: child.status, signal: child.signal, stdout: child.stdout, stderr: child.stderr, command: `${executable} ${args.join(' ')}` };
}

/** The README's ```ts example that contains `marker`, as written there. */
function readmeExample(marker: string): string {
  const blocks = [...readFileSync(join(repoRoot, 'README.md'), 'utf8').matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  const found = blocks.filter((b) => b.includes(marker));
  if (found.length !== 1) throw new Error(`README.md: ${found.length} ts examples contain ${marker}`);
  return found[0];
}

// README's strategy file (saved as its `npx breadth run --strategy ./mine.ts` says) and library example.
const STRATEGY = readmeExample('defineStrategy(');
const LIBRARY = readmeExample('runMetrics(');

beforeAll(() => {
  // The package as npm installs it: package.json and dist/, dependencies beside it.
  pkg = join(scratch('breadth-package-'), 'node_modules', 'breadth');
  mkdirSync(pkg, { recursive: true });
  copyFileSync(join(repoRoot, 'package.json'), join(pkg, 'package.json'));
  expectOk(node([join(repoRoot, 'scripts', 'build.js'), join(pkg, 'dist')], repoRoot));
  symlinkSync(join(repoRoot, 'node_modules'), join(pkg, 'node_modules'));
  project = join(pkg, '..', '..');
  write(project, 'package.json', '{ "name": "user-project", "version": "7.7.7", "type": "module", "private": true }\n');
  write(project, 'mine.ts', STRATEGY);
  write(project, 'backtest.ts', LIBRARY);
});

const bin = () => join(pkg, 'dist', 'cli', 'breadth.js');

describe('the compiled package', () => {
  it('has no TypeScript to run: the bin and the entry are JavaScript with declarations beside them', () => {
    expect(existsSync(join(pkg, 'dist', 'cli', 'breadth.js'))).toBe(true);
    expect(existsSync(join(pkg, 'dist', 'index.d.ts'))).toBe(true);
    expect(readFileSync(join(pkg, 'dist', 'index.js'), 'utf8')).not.toMatch(/from '\.[^']*\.ts'/);
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
    expect(manifest.bin.breadth).toBe('dist/cli/breadth.js');
    expect(manifest.exports['.']).toMatchObject({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(Object.keys(manifest.devDependencies)).not.toContain('tsx');
  });

  it('--version is breadth\'s, not that of the project it runs in', () => {
    const o = node([bin(), '--version'], project);
    expectOk(o);
    expect(o.stdout.trim()).toBe(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version);
  });

  it('is the same build as its source: the fingerprint the build wrote is the source\'s, and the package reads it (probe r48d F1)', () => {
    const written = readFileSync(join(pkg, 'dist', 'core', 'buildFingerprint.txt'), 'utf8').trim();
    expect(written).toBe(sourceFingerprint(repoRoot));
    const read = node(['--input-type=module', '-e', `import(${JSON.stringify(pathToFileURL(join(pkg, 'dist', 'core', 'buildFingerprint.js')).href)}).then((m) => console.log(m.buildFingerprint()))`], project);
    expectOk(read);
    expect(read.stdout.trim()).toBe(written);
  });

  it('runs a built-in strategy and writes its tear sheet (the report assets are found in the package)', () => {
    const o = node([bin(), 'run', '--strategy', 'iwm-vs-smlf', '--param', 'mode=switch', '--db', 'out/b.db', '--report', 'out/switch.html'], project);
    expectOk(o);
    expect(o.stdout).toContain('iwm-vs-smlf');
    const html = readFileSync(join(project, 'out', 'switch.html'), 'utf8');
    expect(html).toContain('echarts');
    expect(html.length).toBeGreaterThan(100_000);
  });

  it("runs README's .ts strategy file, which imports only from breadth, as the README runs it (on the sample)", () => {
    const o = node([bin(), 'run', '--strategy', './mine.ts', '--param', 'weight=0.8', '--db', 'out/s.db', '--json'], project);
    expectOk(o);
    expect(JSON.parse(o.stdout).runs[0].name).toBe('mine');
  });

  it("runs README's library example as written, storing the metrics `breadth run` stores (capacity included)", () => {
    const o = node(['backtest.ts'], project);
    expectOk(o);
    expect(o.stdout).toContain("name: 'sharpe'");
    expect(readFileSync(join(project, 'mine.html'), 'utf8')).toContain('NAV at which the 95th-percentile fill takes 10% of ADV');
  });

  it('says which TypeScript its declarations need: an optional peer dependency, typescript >= 5.7', () => {
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
    expect(manifest.peerDependencies).toEqual({ typescript: '>=5.7' });
    expect(manifest.peerDependenciesMeta).toEqual({ typescript: { optional: true } });
  });

  it('runs the example strategy copied into a folder that is no project at all', () => {
    const loose = scratch('breadth-loose-');
    copyFileSync(join(repoRoot, 'examples', 'strategies', 'lowVolatility.ts'), join(loose, 'lowVolatility.ts'));
    expectOk(node([bin(), 'run', '--strategy', './lowVolatility.ts', '--db', 'lv.db'], loose));
  });

  it('parses price files on worker threads (the compiled worker module is found)', () => {
    write(project, 'W.csv', 'Date,Close\n2020-01-02,1.5\n2020-01-03,2.5\n');
    const parsePool = join(pkg, 'dist', 'data', 'prices', 'files', 'parsePool.js');
    const task = { file: join(project, 'W.csv'), symbol: 'W', assetClass: 0, snapshotEnd: Infinity };
    const script = `const { parseOnWorkers } = await import(${JSON.stringify(pathToFileURL(parsePool).href)}); const [o] = await parseOnWorkers([${JSON.stringify(task).replace('null', 'Infinity')}]); console.log(o.ok, Array.from(o.series[0].close).join(' '))`;
    const o = node(['--input-type=module', '-e', script], project);
    expectOk(o);
    expect(o.stdout.trim()).toBe('true 1.5 2.5');
  });

  it('writes the market cache on its worker thread (the compiled cache writer is found)', () => {
    const prices = join(project, 'prices');
    mkdirSync(prices);
    write(prices, 'A.csv', 'Date,Close\n2020-01-02,1.5\n2020-01-03,2.5\n');
    const cacheDir = join(project, 'cache');
    expectOk(node([bin(), 'data', 'inspect', prices, '--cache-dir', cacheDir], project));
    const o = node([bin(), 'cache', 'info', '--dir', cacheDir, '--json'], project);
    expectOk(o);
    expect((JSON.parse(o.stdout) as { entries: { source: string }[] }).entries.map((e) => e.source)).toEqual([prices]);
  });

  it('imports in plain Node: import("breadth") gives the API and zod\'s z', () => {
    const o = node(['--input-type=module', '-e', "const b = await import('breadth'); console.log(typeof b.backtest, typeof b.defineStrategy, typeof b.z.object)"], project);
    expectOk(o);
    expect(o.stdout.trim()).toBe('function function function');
  });

  it('loads in CommonJS as README says: require("breadth") runs, and a .cts type-checks with module nodenext, not node16 (TS1479) (probe r67c F5)', () => {
    const cjs = join(project, 'cjs');
    mkdirSync(cjs, { recursive: true });
    write(cjs, 'package.json', '{ "type": "commonjs", "private": true }\n');
    const o = node(['-e', "const b = require('breadth'); console.log(typeof b.backtest, typeof b.z.object)"], cjs);
    expectOk(o);
    expect(o.stdout.trim()).toBe('function function');
    write(cjs, 'run.cts', "import { generateSampleMarket } from 'breadth';\nexport const symbols: readonly string[] = generateSampleMarket().symbols;\n");
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const check = (module: string) => {
      write(cjs, 'tsconfig.json', JSON.stringify({ compilerOptions: { target: 'es2023', module, strict: true, noEmit: true, types: [] }, include: ['run.cts'] }));
      return node([tsc, '-p', '.'], cjs);
    };
    expectOk(check('nodenext'));
    const old = check('node16');
    expect(old.status).not.toBe(0);
    expect(old.stdout).toContain('error TS1479');
    expect(readFileSync(join(repoRoot, 'README.md'), 'utf8')).toMatch(/require\('breadth'\)[\s\S]{0,200}"module": "nodenext"[\s\S]{0,80}`node16` refuses/);
  });

  it("type-checks README's strategy file and library example against the declarations, and tsc catches a wrong one", () => {
    write(project, 'tsconfig.json', JSON.stringify({ compilerOptions: { target: 'es2023', module: 'nodenext', strict: true, noEmit: true, skipLibCheck: false, types: [] }, include: ['mine.ts', 'backtest.ts'] }));
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    expectOk(node([tsc, '-p', '.'], project));
    write(project, 'wrong.ts', STRATEGY.replace("({ weights: { '@smallCap': weight } })", '({ weights: weight.toUpperCase() })'));
    write(project, 'tsconfig.json', JSON.stringify({ compilerOptions: { target: 'es2023', module: 'nodenext', strict: true, noEmit: true, types: [] }, include: ['wrong.ts'] }));
    const wrong = node([tsc, '-p', '.'], project);
    expect(wrong.status).not.toBe(0);
    expect(wrong.stdout).toContain("Property 'toUpperCase' does not exist on type 'number'");
  });

  it('types instantiate\'s params by the strategy\'s schema and exports the metric contract: tsc refuses a misspelt parameter or metric name (probe r65c)', () => {
    write(project, 'typed.ts', [
      "import { defineStrategy, instantiate, isMetricName, METRIC_NAMES, metricInfo, schedules, z, type MetricKind, type MetricName } from 'breadth';",
      'const mine = defineStrategy({',
      "  name: 'typed', description: 'One weight on the small-cap index.', dataNeeds: 'ETF prices',",
      "  params: z.object({ weight: z.number().min(0).max(1).default(0.5).describe('weight on @smallCap') }).strict(),",
      "  create: ({ weight }) => ({ schedule: schedules.monthStart, decide: () => ({ weights: { '@smallCap': weight } }) }),",
      '});',
      'instantiate(mine);',
      'instantiate(mine, { weight: 0.8 });',
      '// @ts-expect-error a misspelt parameter',
      'instantiate(mine, { wieght: 0.8 });',
      '// @ts-expect-error a parameter of the wrong type',
      "instantiate(mine, { weight: '0.8' });",
      "const sharpe: MetricName = 'sharpe';",
      '// @ts-expect-error not a metric breadth computes',
      "const sharp: MetricName = 'sharp';",
      'const names: readonly MetricName[] = METRIC_NAMES;',
      'const unit: MetricKind = metricInfo(sharpe).kind;',
      "const read: string = 'up_capture';",
      'const narrowed: MetricName | undefined = isMetricName(read) ? read : undefined;',
      'console.log(sharp, names.length, unit, narrowed, metricInfo(sharpe).definition);',
      '',
    ].join('\n'));
    write(project, 'tsconfig.json', JSON.stringify({ compilerOptions: { target: 'es2023', module: 'nodenext', strict: true, noEmit: true, skipLibCheck: false, types: [] }, include: ['typed.ts'] }));
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    expectOk(node([tsc, '-p', '.'], project));
    // The public declarations carry the docstrings: ranges, units, errors.
    const declarations = (file: string) => readFileSync(join(pkg, 'dist', file), 'utf8');
    expect(declarations('data/sample.d.ts')).toMatch(/an integer from 1 to 100[\s\S]*@throws UserError[\s\S]*export declare function generateSampleMarket/);
    expect(declarations('engine/decisions/view.d.ts')).toMatch(/not adjusted for splits or dividends[\s\S]*@throws RangeError[\s\S]*close\(i: number, lag\?: number\): number/);
    expect(declarations('reports/html/tearSheet/tearSheet.d.ts')).toMatch(/Self-contained[\s\S]*export declare function renderTearSheet/);
    expect(declarations('reports/html/metricCatalog.d.ts')).toContain('"sharpe", "Sharpe ratio", "ratio", "mean(r − rf) / std(r − rf) · √P (arithmetic, annualized)."');
  });
});

describe(`the Node version gate (breadth needs ${MIN_NODE.join('.')}+)`, () => {
  it('names the version and what to do, in one line', () => {
    expect(nodeVersionProblem('20.20.2')).toMatch(/^breadth needs Node ≥ 22\.12 \(this is 20\.20\.2\): install Node 24 LTS/);
    expect(nodeVersionProblem('22.11.0')).toContain('this is 22.11.0');
    expect(nodeVersionProblem('22.12.0')).toBeUndefined();
    expect(nodeVersionProblem('24.21.0')).toBeUndefined();
    expect(nodeVersionProblem('26.0.0')).toBeUndefined();
  });

  // The machine's own Node, where it is older than breadth supports (Node 20 here).
  const old = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => {
    if (!existsSync(path)) return false;
    const version = spawnSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    return nodeVersionProblem(version) !== undefined;
  });
  if (old === undefined) console.warn('test/cli/package/package: no Node older than 22.12 on this machine — the old-Node process test is skipped');

  it.runIf(old !== undefined)(`on an old Node (${old}), the bin prints one line and exits 2 before loading SQLite; the library refuses too`, () => {
    const o = node([bin(), 'run', '--strategy', 'size-tilt'], project, old);
    expect(o.status).toBe(2);
    expect(o.stdout).toBe('');
    expect(o.stderr).toMatch(/^breadth needs Node ≥ 22\.12 \(this is \d+\.\d+\.\d+\): [^\n]+\n$/);
    const library = node(['--input-type=module', '-e', "import('breadth').catch((e) => { console.error(e.message); process.exit(3); })"], project, old);
    expect(library.status).toBe(3);
    expect(library.stderr).toMatch(/^breadth needs Node ≥ 22\.12/);
  });
});
