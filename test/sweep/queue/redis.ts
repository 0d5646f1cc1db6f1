// Real Redis servers for the queue's tests: each on a free loopback port with its own folder and an
// append-only file (so a restart keeps the queue, as a production Redis with persistence does).
// Where no redis-server is installed the tests skip and say why (CI installs one: .ci/run).

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

function findRedisServer(): string | null {
  const given = process.env.BREADTH_REDIS_SERVER;
  if (given) return given;
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

export const redisServerBinary = findRedisServer();
// CI sets BREADTH_REQUIRE_REDIS: there a missing redis-server fails the tests instead of skipping them.
if (redisServerBinary === null && process.env.BREADTH_REQUIRE_REDIS) throw new Error('BREADTH_REQUIRE_REDIS is set but no redis-server is installed (.ci/run installs it with apt-get)');
export const noRedisReason = redisServerBinary === null ? 'no redis-server on this machine (set BREADTH_REDIS_SERVER, or apt-get install redis-server): the queue tests are skipped' : '';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface TestRedis {
  readonly url: string;
  readonly port: number;
  /** Stop (SIGTERM: the append-only file is flushed) and start again on the same port and folder. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
  /** A client for inspecting the queue. */
  client(): Redis;
}

export async function startRedis(): Promise<TestRedis> {
  if (redisServerBinary === null) throw new Error(noRedisReason);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'breadth-redis-'));
  let child: ChildProcess | null = null;
  const clients: Redis[] = [];
  const launch = async (): Promise<void> => {
    child = spawn(redisServerBinary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir], { stdio: 'ignore' });
    for (let k = 0; k < 100; k++) {
      const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      probe.on('error', () => {}); // refused while the server starts: the loop tries again
      try {
        await probe.connect();
        if ((await probe.ping()) === 'PONG') return;
      } catch {
        // not up yet
      } finally {
        probe.disconnect();
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server did not start on port ${port}`);
  };
  const halt = async (): Promise<void> => {
    const running = child;
    if (running === null || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart(downMs = 500) {
      await halt();
      await new Promise((r) => setTimeout(r, downMs));
      await launch();
    },
    async stop() {
      for (const c of clients) c.disconnect();
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
    client() {
      const c = new Redis({ port, host: '127.0.0.1' });
      clients.push(c);
      return c;
    },
  };
}
