// Running the real `breadth` command as a user would: a separate Node process, a scratch working
// folder, CI=1 (so no progress bar), and nothing ever written into the repository.

import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect } from 'vitest';
import { BUILD_SOURCES } from '../../core/buildFingerprint.ts';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
/** The CLI from source on this (pinned) Node, as `npm run breadth` runs it: 'breadth' imports resolve to this tree. */
export const bin = join(repoRoot, 'cli', 'breadth.ts');
export const NODE_ARGS = ['--conditions=breadth-source'];
/** The real data beside the repository (absent on some machines). */
export const sharedData = resolve(repoRoot, '..', 'shared', 'data');
export const hasSharedData = existsSync(join(sharedData, 'etf', 'adjclose'));

export interface Outcome {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The command line, for failure messages. */
  command: string;
}

export interface RunOptions {
  cwd: string;
  /** Another breadth's bin (anotherBuild); this tree's by default. */
  bin?: string;
  /** Extra or overriding environment variables; `undefined` removes one. */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

function environment(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: '1' };
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** A process started by `start`: its pid, and how it ends (its output collected). */
export interface Started {
  readonly pid: number;
  readonly ended: Promise<Outcome>;
}

/** `file ...args` in `options.cwd`, started (to signal it while it runs), its output collected; killed (signal set) after `timeoutMs`. */
export function start(file: string, args: string[], options: RunOptions, command = [file, ...args].join(' ')): Started {
  const child = spawn(file, args, { cwd: options.cwd, env: environment(options.env), stdio: ['ignore', 'pipe', 'pipe'], timeout: options.timeoutMs ?? 60_000, killSignal: 'SIGKILL' });
  const ended = new Promise<Outcome>((resolvePromise, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status, signal) => resolvePromise({ status, signal, stdout, stderr, command }));
  });
  if (child.pid === undefined) throw new Error(`${command}: not started`);
  return { pid: child.pid, ended };
}

/** `breadth ...args` in `cwd`, started as a separate process (to signal it while it runs). */
export function startBreadth(args: string[], options: RunOptions): Started {
  return start(process.execPath, [...NODE_ARGS, options.bin ?? bin, ...args], options, `breadth ${args.join(' ')}`);
}

/** `breadth ...args` in `cwd`, as a separate process (as a user would type it). */
export function breadth(args: string[], options: RunOptions): Promise<Outcome> {
  return startBreadth(args, options).ended;
}

/** A shell command line (for pipes and pseudo-terminals); see `breadthCommand`. */
export function shell(script: string, options: RunOptions): Promise<Outcome> {
  return start('/bin/sh', ['-c', script], options, script).ended;
}

/**
 * Sends `signal` to the `started` process as soon as `folder` holds an entry that `matches`
 * accepts (told by inotify, so it lands while a file of a few milliseconds is still there, as a
 * Ctrl-C while it is written would). Resolves false, sending nothing, when the process ends first.
 */
export function signalOnEntry(started: Started, folder: string, matches: (name: string) => boolean, signal: NodeJS.Signals): Promise<boolean> {
  return new Promise((resolvePromise) => {
    let settled = false;
    const settle = (sent: boolean): void => {
      if (settled) return;
      settled = true;
      watcher.close();
      if (sent) process.kill(started.pid, signal);
      resolvePromise(sent);
    };
    const watcher = watch(folder, (_event, name) => {
      if (name !== null && matches(name)) settle(true);
    });
    if (readdirSync(folder).some(matches)) settle(true);
    started.ended.then(
      () => settle(false),
      () => settle(false),
    );
  });
}

export const quote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

/** The `breadth` command as a shell word list, for `shell`. */
export const breadthCommand = (): string => [process.execPath, ...NODE_ARGS, bin].map(quote).join(' ');

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh scratch folder, removed after the test file. */
export function scratch(prefix = 'breadth-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/**
 * Another build of this breadth, of the same version: a copy of its source in `dir` with a comment
 * added to the engine (a colleague's checkout with a local patch), its dependencies this tree's.
 * Returns its bin, run from source like `bin`.
 */
export function anotherBuild(dir: string): string {
  const root = join(dir, 'another-breadth');
  for (const source of [...BUILD_SOURCES, 'package.json']) cpSync(join(repoRoot, source), join(root, source), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
  appendFileSync(join(root, 'engine', 'version.ts'), '// a local patch\n');
  return join(root, 'cli', 'breadth.ts');
}

export function write(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A small study on the built-in sample: quick enough for end-to-end tests. */
export function smallStudy(opts: { tilt?: number; compare?: boolean; stocks?: number; years?: number } = {}): string {
  return [
    'title: CLI test study',
    'data: sample',
    `sample: { stocks: ${opts.stocks ?? 80}, years: ${opts.years ?? 6} }`,
    'benchmark: "@smallCap"',
    'runs:',
    '  - name: tilt',
    '    strategy: size-tilt',
    `    params: { mode: etf, tilt: ${opts.tilt ?? 0.5} }`,
    '  - name: switch',
    '    strategy: iwm-vs-smlf',
    '    params: { mode: switch, lookback: 63 }',
    ...(opts.compare ? ['compare:', '  - name: tilt-vs-switch', '    runs: [tilt, switch]'] : []),
    '',
  ].join('\n');
}

const explain = (o: Outcome): string =>
  `${o.command}\nexit ${o.status}${o.signal ? ` (signal ${o.signal})` : ''}\n--- stdout ---\n${o.stdout.slice(0, 2000)}\n--- stderr ---\n${o.stderr.slice(0, 2000)}`;

/** Exit 0, and nothing that looks like a crash on stderr. */
export function expectOk(o: Outcome): void {
  expect(o.status, explain(o)).toBe(0);
  expect(o.stderr, explain(o)).not.toMatch(/^\s+at /m);
}

/**
 * The bad-input contract: exit 2, nothing on stdout, and stderr exactly one line starting with
 * `breadth:` (no stack trace), which matches every pattern given.
 */
export function expectBadInput(o: Outcome, ...patterns: (string | RegExp)[]): void {
  const context = explain(o);
  expect(o.signal, `${context}\n(the process was killed: it did not finish)`).toBeNull();
  expect(o.status, context).toBe(2);
  expect(o.stdout, context).toBe('');
  expect(o.stderr, context).not.toMatch(/^\s+at /m);
  const lines = o.stderr.replace(/\n$/, '').split('\n');
  expect(lines, `${context}\n(stderr must be exactly one line)`).toHaveLength(1);
  expect(lines[0], context).toMatch(/^breadth: \S/);
  for (const p of patterns) {
    if (typeof p === 'string') expect(lines[0], context).toContain(p);
    else expect(lines[0], context).toMatch(p);
  }
}

/** No progress-bar drawing: no carriage return, no ANSI escape. */
export function expectNoTerminalDrawing(text: string, what: string): void {
  expect(text, `${what} holds a carriage return`).not.toContain('\r');
  expect(text, `${what} holds an ANSI escape`).not.toContain('\x1b');
}

export function parseJson(o: Outcome): any {
  try {
    return JSON.parse(o.stdout);
  } catch (err) {
    throw new Error(`stdout of \`${o.command}\` is not JSON (${(err as Error).message}):\n${o.stdout.slice(0, 1000)}`);
  }
}

/** The first `n` weekdays from 2024-01-02, as ISO dates. */
export function weekdays(n: number): string[] {
  const out: string[] = [];
  for (let d = new Date('2024-01-02T00:00:00Z'); out.length < n; d.setUTCDate(d.getUTCDate() + 1)) if (d.getUTCDay() % 6 !== 0) out.push(d.toISOString().slice(0, 10));
  return out;
}
