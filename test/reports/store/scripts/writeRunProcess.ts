// A separate process that writes runs to a store, for the concurrency and crash tests.
//   writeRunProcess.ts <db> <strategy> <runs> [--go] [--pause-at-position N]
// Writes <runs> runs of a synthetic result, printing "wrote <id>" after each.
// --go: build the result, print "ready", and start writing only when a line arrives on stdin,
//   so that the parent can release all writers at the same moment.
// --pause-at-position N: the result is large (240,000 fills and as many position rows: more than
//   SQLite's 16 MB page cache holds, so uncommitted pages spill into the WAL file) and a temporary
//   trigger stops the writer inside its transaction when position row N is inserted: it prints
//   "inside" and blocks until killed.
import { writeSync } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { runMetrics } from '../../../../reports/runMetrics.ts';
import { openStore, writeRun } from '../../../../reports/store/index.ts';
import { largeResult } from '../fixtures.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { go: { type: 'boolean' }, 'pause-at-position': { type: 'string' } } });
const [file, strategy, runs] = positionals;
const pauseAt = values['pause-at-position'];
const store = openStore(file);
if (pauseAt !== undefined) {
  store.db.function('pause_writer', () => {
    writeSync(1, 'inside\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // sleeps until SIGKILL
    return 0;
  });
  store.db.exec(`CREATE TEMP TRIGGER pause AFTER INSERT ON main.positions WHEN NEW.seq = ${Number(pauseAt)} BEGIN SELECT pause_writer(); END`);
}
const base = pauseAt === undefined ? largeResult(500, 300, 120) : largeResult(2520, 2000, 2000);
const result = { ...base, manifest: { ...base.manifest, strategy: { ...base.manifest.strategy, name: strategy } } };
const metrics = runMetrics(result);
if (values.go) {
  writeSync(1, 'ready\n');
  await once(process.stdin, 'data');
}
for (let k = 0; k < Number(runs); k++) writeSync(1, `wrote ${writeRun(store, { result, metrics, label: `${strategy}#${k}` })}\n`);
store.close();
process.exit(0); // stdin may still be open
