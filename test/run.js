#!/usr/bin/env node
// `npm test`: type check, then vitest; ends with one closing line "N passed, N failed" derived
// from vitest's JSON report (the type check counts as one test). Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join(import.meta.dirname, '..', 'node_modules', '.bin', name);
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status;

const typecheckOk = run(bin('tsc'), ['--noEmit', '-p', '.']) === 0;
console.log(typecheckOk ? 'typecheck: ok' : 'typecheck: FAILED');

const dir = mkdtempSync(join(tmpdir(), 'breadth-vitest-'));
const report = join(dir, 'report.json');
const vitestStatus = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);
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
