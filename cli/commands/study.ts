// breadth study [config]: run a study file (default: the small-cap study in examples/study.yaml).

import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { loadOptions, withLoadOptions, type LoadArgs } from '../loadOptions.ts';

export const DEFAULT_STUDY = join(import.meta.dirname, '..', '..', 'examples', 'study.yaml');

interface StudyArgs extends LoadArgs {
  config?: string;
  data?: string;
  out?: string;
  db?: string;
  reports: boolean;
  json: boolean;
}

export const studyCommand: CommandModule<object, StudyArgs> = {
  command: 'study [config]',
  describe: 'Run a study file (several runs and their benchmarks), store the results, write the reports (`breadth run <config>` does the same)',
  builder: (y) =>
    withLoadOptions(y)
      .positional('config', { type: 'string', describe: 'study file (.yaml/.json); default: examples/study.yaml, the small-cap study' })
      .option('data', { type: 'string', describe: 'data path, overriding the file\'s `data` ("sample" = the built-in SYNTHETIC universe)' })
      .option('out', { type: 'string', defaultDescription: 'the folder of --db, else out', describe: 'folder for the database and reports (<out>/reports; page names start with the database\'s file name, less .db, unless it is breadth.db)' })
      .option('db', { type: 'string', describe: 'results database (default <out>/breadth.db); without --out the reports go beside it, in <folder of --db>/reports, as `breadth run <config>` writes them' })
      .option('reports', { type: 'boolean', default: true, describe: 'write HTML tear sheets and comparisons (--no-reports to skip)' })
      .option('json', { type: 'boolean', default: false, describe: 'machine-readable summary' })
      .example('$0 study', 'the small-cap study on the built-in sample')
      .example('$0 study --data ../shared/data', 'the same study on the real data')
      .example('$0 study my-study.yaml --out out/mine', 'your own study'),
  handler: async (args) => {
    const { runStudyFile } = await import('../studyRun.ts');
    return runStudyFile(args.config ?? DEFAULT_STUDY, { ...args, load: loadOptions(args) });
  },
};
