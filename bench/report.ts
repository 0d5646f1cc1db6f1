// The HTML tear sheet of a 20-year daily run (5,040 sessions, fabricated but realistic series):
// file size, time to render the HTML in Node, and time in chromium from navigation start to every
// chart drawn (the page stamps that moment itself, after inflating the inlined echarts build).
// Budgets: < 1 MB and < 2 s (the real study's 9–10-year tear sheets are 0.58–0.68 MB).
//   npx tsx bench/report.ts [loads]

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderComparison, renderTearSheet, writeReport } from '../reports/html/index.ts';
import { LAPTOP, launch, visit } from '../test/reports/html/helpers/browser.ts';
import { fabricateTearSheet } from '../test/reports/html/helpers/fabricate.ts';
import { comparisonRun } from '../test/reports/html/helpers/pages.ts';
import { median } from './measure.ts';

const SESSIONS = 5_040;
const LOADS = Number(process.argv[2] ?? 5);
const SIZE_BUDGET = 1_000_000;
const DRAW_BUDGET_MS = 2_000;


async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'breadth-bench-report-'));
  const browser = await launch();
  try {
    const data = fabricateTearSheet({ sessions: SESSIONS });
    const comparison = { title: 'IWM vs SMLF vs size tilt', runs: [comparisonRun('IWM', 11, SESSIONS), comparisonRun('SMLF', 12, SESSIONS), comparisonRun('Size tilt', 13, SESSIONS)] };
    const pages: [string, () => string][] = [
      ['tear sheet, 1 run', () => renderTearSheet(data)],
      ['comparison, 3 runs', () => renderComparison(comparison)],
    ];
    console.log(`HTML reports of ${SESSIONS} daily sessions (20 years); chromium at ${LAPTOP.width}×${LAPTOP.height}, median of ${LOADS} loads`);
    console.log('page                   size MB   render ms   draw ms (median, max)   budget');
    for (const [name, render] of pages) {
      const started = performance.now();
      const html = render();
      const renderMs = performance.now() - started;
      const file = join(dir, `${name.replace(/\W+/g, '-')}.html`);
      writeReport(file, html);
      const bytes = statSync(file).size;
      const draws: number[] = [];
      for (let k = 0; k < LOADS; k++) {
        const v = await visit(browser, file, LAPTOP);
        if (v.errors.length > 0 || v.requests.length !== 1) throw new Error(`${name}: errors ${JSON.stringify(v.errors)}, requests ${JSON.stringify(v.requests)}`);
        draws.push(Number(await v.page.getAttribute('html', 'data-charts-ready')));
        await v.page.close();
      }
      const ok = bytes < SIZE_BUDGET && median(draws) < DRAW_BUDGET_MS;
      console.log(
        [
          name.padEnd(20),
          (bytes / 1e6).toFixed(2).padStart(9),
          renderMs.toFixed(0).padStart(11),
          `${median(draws).toFixed(0)}, ${Math.max(...draws).toFixed(0)}`.padStart(23),
          (ok ? 'ok' : 'OVER').padStart(8),
        ].join(' '),
      );
    }
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
