// removeOnExit (core/exitCleanup.ts): what a process registers goes however it ends — by Ctrl-C,
// SIGTERM or a closed terminal (ending by that same signal: exit status 128 + n), by process.exit,
// or at its natural end — and a signal another listener handles stays that listener's. Real
// processes, signalled while they hold a registered folder.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeOnExit } from '../../core/exitCleanup.ts';

const MODULE = resolve(import.meta.dirname, '../../core/exitCleanup.ts');
const dir = mkdtempSync(join(tmpdir(), 'breadth-exit-cleanup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let made = 0;

/**
 * A process that makes folder `held` (with a file in it), registers it, runs `then` (JavaScript;
 * `keep` is the timer that keeps it running) and prints "ready"; it waits until signalled or
 * `then` ends it.
 */
async function holder(then = ''): Promise<{ held: string; child: ReturnType<typeof spawn>; output: () => string }> {
  const held = join(dir, `held-${made++}`);
  const code = `import { mkdirSync, writeFileSync } from 'node:fs';
import { removeOnExit } from ${JSON.stringify(MODULE)};
mkdirSync(${JSON.stringify(held)});
writeFileSync(${JSON.stringify(join(held, 'half.csv'))}, 'date,nav\\n');
removeOnExit(${JSON.stringify(held)});
const keep = setInterval(() => {}, 1000);
${then}
process.stdout.write('ready\\n');`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  while (!out.includes('ready\n')) {
    if (child.exitCode !== null) throw new Error(`the holder ended before it was ready:\n${out}`);
    await new Promise((next) => setTimeout(next, 20));
  }
  return { held, child, output: () => out };
}

describe('removeOnExit', () => {
  for (const [signal, status] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    it(`${signal} removes the registered folder and ends the process by ${signal} (a shell shows ${status} = 128 + ${status - 128})`, async () => {
      const { held, child } = await holder();
      expect(existsSync(join(held, 'half.csv'))).toBe(true);
      child.kill(signal);
      const [code, ended] = await once(child, 'close');
      expect({ code, ended }).toEqual({ code: null, ended: signal }); // died by the signal, as with no listener
      expect(existsSync(held)).toBe(false);
    });
  }

  it('a signal another listener handles is that listener\'s (a sweep stops cleanly): the process goes on, and the folder goes when it ends', async () => {
    const { held, child, output } = await holder(`process.on('SIGINT', () => { process.stdout.write('stopping cleanly\\n'); setTimeout(() => process.exit(0), 300); });`);
    child.kill('SIGINT');
    await new Promise((next) => setTimeout(next, 100));
    expect(existsSync(held)).toBe(true); // still running, still in use
    const [code] = await once(child, 'close');
    expect(code).toBe(0);
    expect(output()).toContain('stopping cleanly');
    expect(existsSync(held)).toBe(false);
  });

  it('removes the folder at process.exit and at a natural end, and leaves a path forgotten before', async () => {
    const forgotten = join(dir, 'renamed-into-place.csv');
    for (const [then, status] of [
      ['setTimeout(() => process.exit(3), 50);', 3],
      [`const forget = removeOnExit(${JSON.stringify(forgotten)}); forget(); setTimeout(() => clearInterval(keep), 50);`, 0],
    ] as const) {
      writeFileSync(forgotten, 'whole');
      const { held, child } = await holder(then);
      const [code] = await once(child, 'close');
      expect(code).toBe(status);
      expect(existsSync(held)).toBe(false);
      expect(existsSync(forgotten)).toBe(true);
    }
  });

  it('with nothing registered no listener is left, two turns of the event loop after the last path is forgotten: Ctrl-C ends a run at once again', async () => {
    const before = { SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM'), exit: process.listenerCount('exit') };
    const listeners = () => ({ SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM'), exit: process.listenerCount('exit') });
    const forget = removeOnExit(join(dir, 'never-made.csv'));
    expect(listeners()).toEqual({ SIGINT: before.SIGINT + 1, SIGTERM: before.SIGTERM + 1, exit: before.exit + 1 });
    forget();
    expect(listeners().SIGINT).toBe(before.SIGINT + 1); // a signal caught during the write still reaches the listener
    for (let turn = 0; turn < 3; turn++) await new Promise((next) => setImmediate(next));
    expect(listeners()).toEqual(before);
  });
});
