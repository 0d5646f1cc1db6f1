// breadth walk-forward <study>: for each run with a walkForward block, choose the best sweep point
// in each in-sample window (trials on every core, in the registry), run the choices out of sample
// as one stitched run (stored, with its tear sheet), and report walk-forward efficiency.

import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { changesReading } from '../../engine/caveats/caveats.ts';
import { caveatCount, printCaveatLines } from '../caveatLines.ts';
import { runTrialCommand, type TrialArgs, trialOptions } from '../trialOptions.ts';
import { fixed, percent, printJson, printTable } from '../output.ts';
import { writeStandardOutput } from '../../reports/html/page/standardStreams.ts';


export const walkForwardCommand: CommandModule<object, TrialArgs> = {
  command: 'walk-forward <config>',
  describe: 'Walk-forward test: pick parameters in each in-sample window, run them out of sample as one stitched run',
  builder: (y) =>
    trialOptions(y, { config: 'study file with walkForward: (and a sweep: of strategy parameters)', report: 'write the walk-forward page and the stitched run\'s tear sheet' })
      .example('$0 walk-forward examples/sweep.yaml', '5-year in-sample, 1-year out-of-sample rolling windows of the size-tilt sweep'),
  handler: async (args) => {
    const { describeValue } = await import('../../reports/describeValue.ts');
    const { runWalkForward, writeWalkForwardPage } = await import('../../study/sweep/index.ts');
    const { config, db, out, result: outcomes } = await runTrialCommand(args, runWalkForward);
    const pages = outcomes.map((o) => (args.report ? writeWalkForwardPage(db, o, join(out, 'reports'), config.title) : null));
    // Decided before anything is printed: a reader that stops early (`| head`) ends the command with it (cli/main.ts).
    if (outcomes.some((o) => o.interrupted)) process.exitCode = 130;
    if (args.json) {
      printJson(
        outcomes.map((o, k) => ({
          run: o.run,
          windows: o.windows,
          efficiency: o.efficiency,
          efficiencyNote: o.efficiencyNote,
          oosAnnualReturn: o.oosAnnualReturn,
          oosSharpe: o.oosSharpe,
          runId: o.runId,
          // The stitched run's caveats that change how it reads (all of them: breadth runs show <db> <runId>).
          caveats: o.caveats.filter(changesReading).map(({ code, severity, message }) => ({ code, severity, message })),
          notes: o.notes,
          trials: o.trials,
          refused: o.refused,
          failed: o.failed,
          interrupted: o.interrupted,
          complete: o.complete,
          page: pages[k]?.page ?? null,
          tearSheet: pages[k]?.tearSheet ?? null,
          db,
        })),
      );
    }
    else {
      outcomes.forEach((o, k) => {
        writeStandardOutput(`\n${o.run}: ${o.windows.length} ${o.mode} windows, chosen by in-sample ${o.metric} among ${o.trials} trial${o.trials === 1 ? '' : 's'}\n`);
        printTable(
          ['window', 'out of sample', 'choice', 'IS annual', 'OOS annual', 'OOS Sharpe', 'efficiency'],
          o.windows.map((w, i) => [i + 1, `${w.oosFrom} → ${w.oosTo}${w.cut ? ' (cut short)' : ''}`, Object.entries(w.values).map(([a, v]) => `${a}=${describeValue(v)}`).join(' ') + (w.fallback ? ` (fallback: no trial has ${o.metric})` : ''), percent(w.isAnnualReturn), percent(w.oosAnnualReturn), fixed(w.oosSharpe), fixed(w.efficiency)]),
        );
        writeStandardOutput(`stitched out of sample (run ${o.runId ?? '—'}): annual return ${percent(o.oosAnnualReturn)}, Sharpe ${fixed(o.oosSharpe)}; walk-forward efficiency ${fixed(o.efficiency)}${o.efficiencyNote === null ? '' : ' (undefined: see the note)'}${o.runId === null ? '' : `; ${caveatCount(o.caveats)}`}\n`);
        printCaveatLines(o.caveats);
        for (const note of o.notes) writeStandardOutput(`note: ${note}\n`);
        if (o.failed.length) writeStandardOutput(`${o.failed.length} in-sample trial${o.failed.length === 1 ? '' : 's'} failed, never a choice: ${o.failed[0].name}: ${o.failed[0].message}${o.failed.length > 1 ? ' (and others: --json lists them)' : ''}\n`);
        if (o.refused.length) writeStandardOutput(`${o.refused.length} in-sample point${o.refused.length === 1 ? '' : 's'} the strategy's parameter check refused, not run: ${o.refused[0].message}${o.refused.length > 1 ? ' (and others: --json lists them)' : ''}\n`);
        if (o.interrupted) writeStandardOutput('interrupted: run again with --resume to finish\n');
        if (o.complete) writeStandardOutput(`complete already: ${db} holds this walk-forward and its stitched run ${o.runId}; nothing was stored now\n`);
        if (pages[k]) writeStandardOutput(`walk-forward page: ${pages[k]?.page}\ntear sheet: ${pages[k]?.tearSheet}\n`);
      });
      writeStandardOutput(`\nresults: ${db}\n`);
    }
  },
};
