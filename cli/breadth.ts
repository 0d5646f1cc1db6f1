#!/usr/bin/env node
// The `breadth` bin. On a Node too old for breadth it prints one line and exits 2 before anything
// loads the native SQLite addon; otherwise it runs the CLI. The package runs its compiled form
// (dist/cli/breadth.js); the repository's npm scripts run this file on the pinned Node 24.
import { nodeVersionProblem } from '../core/nodeVersion.ts';
import { ExitCode } from './exitCodes.ts';

const problem = nodeVersionProblem();
if (problem !== undefined) {
  process.stderr.write(`${problem}\n`);
  process.exit(ExitCode.badInput);
}
await import('./main.ts');
