// Every CLI command, in the order `breadth --help` lists them.

import type { CommandModule } from 'yargs';

// Each module's argv type differs; yargs accepts them all as CommandModule<object, any-args>.
export const commands: CommandModule<object, never>[] = [];
