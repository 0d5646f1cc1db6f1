// breadth strategies: the built-ins, their parameters and defaults.

import type { CommandModule } from 'yargs';
import { durationSessions } from '../../strategies/blocks/durations.ts';
import type { DurationDefault } from '../../strategies/blocks/params.ts';
import { writeStandardOutput } from '../../reports/html/page/standardStreams.ts';

export const strategiesCommand: CommandModule<object, { json: boolean }> = {
  command: 'strategies',
  describe: 'List the built-in strategies with their parameters and defaults',
  builder: (y) =>
    y.option('json', { type: 'boolean', default: false, describe: 'machine-readable output' }).example('$0 strategies', '').example('$0 run --strategy size-tilt --param tilt=0.7', 'then run one'),
  handler: async ({ json }) => {
    const [{ listStrategies }, { printJson }] = await Promise.all([import('../../strategies/registry.ts'), import('../output.ts')]);
    const strategies = listStrategies();
    if (json) return printJson(strategies);
    for (const s of strategies) {
      writeStandardOutput(`\n${s.name} — ${s.description}\n  data: ${s.dataNeeds}\n`);
      for (const p of s.params) {
        const dflt = p.defaultDuration ? ` (default ${durationText(p.defaultDuration)})` : p.default === undefined ? '' : ` (default ${JSON.stringify(p.default)})`;
        writeStandardOutput(`  --param ${p.name}=<${p.type}>${dflt}\n      ${p.description}\n`);
      }
    }
    writeStandardOutput('\nA window given as a span of time ("12 months") is that many sessions of the run\'s data (P sessions a year, inferred or --periods-per-year), rounded; a value you set is sessions.\n');
    writeStandardOutput('\nYour own strategy: copy examples/strategies/lowVolatility.ts (in breadth\'s repository or package folder) anywhere and pass its path as --strategy.\n');
  },
};

/** `12 months of the run's sessions: 252 daily, 52 weekly, 12 monthly`. */
function durationText(d: DurationDefault): string {
  const at = (label: string, p: number): string => `${durationSessions(d, p, d.min)} ${label}`;
  return `${d.text} of the run's sessions: ${at('daily', 252)}, ${at('weekly', 52)}, ${at('monthly', 12)}`;
}
