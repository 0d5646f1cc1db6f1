#!/usr/bin/env node
// The `breadth` bin. On a Node too old for breadth it prints one line and exits 2 before anything
// loads the native SQLite addon; otherwise it runs the CLI. The package runs its compiled form
// (dist/cli/breadth.js); the repository's npm scripts run this file on the pinned Node 24.
import module from 'node:module';
import { nodeVersionProblem } from '../core/nodeVersion.ts';
import { ExitCode } from './exitCodes.ts';

const problem = nodeVersionProblem();
if (problem !== undefined) {
  process.stderr.write(`${problem}\n`);
  process.exit(ExitCode.badInput);
}
// V8 keeps the compiled code of breadth and its dependencies on disk (in the temp folder): later
// starts skip most parsing and compiling.
module.enableCompileCache?.();
await import('./main.ts');
