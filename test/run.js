#!/usr/bin/env node
// `npm test`: the type check and vitest side by side (the check's output is printed once it is
// done), then one closing line "N passed, N failed" derived from vitest's JSON report (the type
// check counts as one test). Exits non-zero on any failure.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join(import.meta.dirname, '..', 'node_modules', '.bin', name);
/** Runs `cmd args` with the given stdio; resolves with its exit status (1 when killed by a signal). */
const run = (cmd, args, stdio) =>
  new Promise((resolve) => spawn(cmd, args, { stdio }).on('close', (status) => resolve(status ?? 1)).on('error', () => resolve(1)));

const dir = mkdtempSync(join(tmpdir(), 'breadth-vitest-'));
const typecheckLog = join(dir, 'typecheck.log');
const log = openSync(typecheckLog, 'w');
const typecheck = run(bin('tsc'), ['--noEmit', '-p', '.'], ['ignore', log, log]);
const report = join(dir, 'report.json');
const vitestStatus = await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], 'inherit');
const typecheckOk = (await typecheck) === 0;
process.stdout.write(readFileSync(typecheckLog, 'utf8'));
console.log(typecheckOk ? 'typecheck: ok' : 'typecheck: FAILED');
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests + (json.numFailedTestSuites ?? 0);
  skipped = json.numPendingTests + (json.numTodoTests ?? 0);
} catch {
  failed += 1; // vitest crashed before writing its report
}
rmSync(dir, { recursive: true, force: true });
if (typecheckOk) passed += 1;
else failed += 1;
if (vitestStatus !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
