// A stand-in worker for bench/queue.ts: answers each trial job at once with a ready-made result
// (the template's metrics and daily returns under the job's trial key), so the benchmark measures
// what the coordinator absorbs, not what a backtest costs.
//   node --import tsx bench/queueEcho.ts <redis-url> <template-file> <concurrency>

import { readFileSync } from 'node:fs';
import { Worker } from 'bullmq';
import { queueConnection } from '../study/sweep/queue/connection.ts';
import { decodeResult, encodeResult, QUEUE_NAME, type TrialJob } from '../study/sweep/queue/protocol.ts';

const [url, templateFile, concurrency] = process.argv.slice(2) as [string, string, string];
const template = decodeResult(readFileSync(templateFile, 'utf8'));
const worker = new Worker<TrialJob, string>(
  QUEUE_NAME,
  async (job) => {
    const { key, name, group, seq } = job.data.spec;
    return encodeResult({ ...template, key, name, group, seq });
  },
  { connection: queueConnection(url).options, concurrency: Number(concurrency) },
);
worker.on('error', () => {});
await worker.waitUntilReady();
process.stdout.write('ready\n');
process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
