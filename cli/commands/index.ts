// Every CLI command, in the order `breadth --help` lists them.

import type { CommandModule } from 'yargs';
import { baselineCommand, regressCommand } from './baseline.ts';
import { cacheCommand } from './cache.ts';
import { dataCommand } from './data.ts';
import { exportCommand } from './export.ts';
import { metricsCommand } from './metrics.ts';
import { compareCommand, reportCommand, runsCommand } from './reports.ts';
import { runCommand } from './run.ts';
import { strategiesCommand } from './strategies.ts';
import { studyCommand } from './study.ts';
import { sweepCommand } from './sweep.ts';
import { workerCommand } from './worker.ts';
import { walkForwardCommand } from './walkForward.ts';

// Each module's argv type differs; yargs takes them as CommandModules of any arguments.
export const commands = [studyCommand, runCommand, sweepCommand, walkForwardCommand, workerCommand, reportCommand, compareCommand, exportCommand, runsCommand, metricsCommand, baselineCommand, regressCommand, dataCommand, cacheCommand, strategiesCommand] as CommandModule<object, never>[];
