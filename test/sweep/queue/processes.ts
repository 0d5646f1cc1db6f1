// breadth processes for the queue's fault tests — coordinators (`breadth sweep --queue`) and
// workers (`breadth worker`) — started as a user would, watched while they run, and killed as a
// machine failure would kill them.

import { type ChildProcess, spawn } from 'node:child_process';
import { bin, NODE_ARGS } from '../../cli/helpers.ts';

export interface Running {
  readonly child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** stdout alone (a coordinator's --json). */
  stdout(): string;
  /** Resolves with how it ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** `breadth …args` in `cwd`, from this tree or from `breadthBin` (another build: anotherBuild), with `env` added to the environment. */
export function startBreadth(args: string[], cwd: string, breadthBin = bin, env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, [...NODE_ARGS, breadthBin, ...args], { cwd, env: { ...process.env, CI: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => {
    text += c;
    out += c;
  });
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (text += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    output: () => text,
    stdout: () => out,
    exited,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Wait until `check()` is true, polling; fail with `what` after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
