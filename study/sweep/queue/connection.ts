// Where the queue lives: `redis://HOST:PORT[/DB]` (as `--queue` takes it) → the ioredis settings
// BullMQ connects with. Reconnects are ioredis's: a connection lost (Redis restarted) is retried
// for ever with a capped backoff, and commands wait for it (maxRetriesPerRequest: null, which
// BullMQ's blocking workers require) — a sweep outlives a Redis restart.

import { Redis } from 'ioredis';
import { UserError } from '../../../data/errors.ts';

/** Redis must answer within this at the start (a wrong host fails fast, not by hanging). */
const CONNECT_MS = 10_000;

export interface QueueConnection {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  /** ioredis options; spread into BullMQ's `connection`. */
  readonly options: {
    host: string;
    port: number;
    db: number;
    maxRetriesPerRequest: null;
    retryStrategy: (attempt: number) => number;
  };
  /** For messages: redis://host:port/db. */
  readonly label: string;
}

const DEFAULT_PORT = 6379;

/** Parse a `redis://HOST:PORT[/DB]` URL; a UserError names what is wrong with it. */
export function queueConnection(url: string): QueueConnection {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`--queue ${url}: not a URL; write redis://HOST:PORT[/DB], e.g. redis://127.0.0.1:6379`);
  }
  if (parsed.protocol !== 'redis:') throw new UserError(`--queue ${url}: breadth's queue is Redis; write redis://HOST:PORT[/DB]`);
  const host = parsed.hostname;
  if (host === '') throw new UserError(`--queue ${url}: name the Redis host, e.g. redis://127.0.0.1:6379`);
  const port = parsed.port === '' ? DEFAULT_PORT : Number(parsed.port);
  const path = parsed.pathname.replace(/^\//, '');
  const db = path === '' ? 0 : Number(path);
  if (!(Number.isInteger(db) && db >= 0 && db <= 15)) throw new UserError(`--queue ${url}: the database after the port is a number 0..15, got "${path}"`);
  const label = `redis://${host}:${port}/${db}`;
  return {
    host,
    port,
    db,
    label,
    options: { host, port, db, maxRetriesPerRequest: null, retryStrategy: (attempt) => Math.min(250 * attempt, 2_000) },
  };
}

/** Redis answers, in a version BullMQ supports; else a one-line error naming the URL. */
export async function reachable(connection: QueueConnection): Promise<void> {
  const client = new Redis({ ...connection.options, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  client.on('error', () => {}); // the failed connect rejects below
  let timer: NodeJS.Timeout | undefined;
  try {
    const info = await Promise.race([
      client.connect().then(() => client.info('server')),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer')), CONNECT_MS))),
    ]).catch(() => {
      throw new UserError(`--queue ${connection.label}: Redis does not answer — start redis-server there, or check the host and port`);
    });
    const version = /redis_version:(\d+)\.(\d+)/.exec(info);
    if (version && (Number(version[1]) < 6 || (Number(version[1]) === 6 && Number(version[2]) < 2))) {
      throw new UserError(`--queue ${connection.label}: Redis ${version[1]}.${version[2]} is too old for the queue; use Redis 6.2 or newer`);
    }
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}
