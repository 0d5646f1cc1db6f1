// The reports in a real browser (the Chromium breadth finds, opened from file://): every chart draws, no
// console error, no request beyond the document itself, the screen is not blank, the log toggle
// and resizing work, it fits a phone, and a hostile run name stays text. Screenshots land in
// the temp folder as breadth-report-*.png for a person to look at.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderComparison, renderTearSheet, tearSheetFromStoredRun, writeReport } from '../../../reports/html/index.ts';
import { findChromium } from '../../../reports/browser/chromium.ts';
import { chartPaint, inPage, LAPTOP, launch, PHONE, pngLuminanceSpread, type Visit, visit } from './helpers/browser.ts';
import { fabricateTearSheet } from './helpers/fabricate.ts';
import { comparisonRun, HOSTILE } from './helpers/pages.ts';
import { storedLongShortRun } from './helpers/storedRun.ts';

let browser: Browser;
let dir: string;
const files = { tearSheet: '', hostile: '', comparison: '', five: '' };

beforeAll(async () => {
  const found = await findChromium();
  browser = await launch(found);
  // Says which browser ran the tests: a system one, or the npm package's on a bare machine.
  console.log(`browser tests: Chromium ${browser.version()} — ${found.description}`);
  dir = mkdtempSync(join(tmpdir(), 'breadth-browser-'));
  files.tearSheet = join(dir, 'tear-sheet.html');
  files.hostile = join(dir, 'hostile.html');
  files.comparison = join(dir, 'comparison.html');
  writeReport(files.tearSheet, renderTearSheet(fabricateTearSheet()));
  const stored = tearSheetFromStoredRun(storedLongShortRun(HOSTILE).stored);
  writeReport(files.hostile, renderTearSheet({ ...stored, caveats: [...stored.caveats, { code: 'data-note', severity: 'high', message: HOSTILE, size: null, unit: null, symbols: [] }] }));
  const runs = [comparisonRun('IWM', 11, 5_040), comparisonRun('SMLF', 12, 2_600, '2015-05-01'), comparisonRun('Size tilt', 13, 5_040)];
  writeReport(files.comparison, renderComparison({ title: 'IWM vs SMLF vs size tilt', runs }));
  files.five = join(dir, 'five.html');
  const five = ['iwm-buy-and-hold', 'smlf-buy-and-hold', 'iwm-smlf-switch-126', 'quality-long-short-dollar', 'size-tilt-etf-half'].map((label, k) => comparisonRun(label, 21 + k, 2_600, '2015-05-01'));
  writeReport(files.five, renderComparison({ title: 'Five small-cap runs side by side', runs: five }));
});

afterAll(async () => {
  await browser?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** The checks every report passes at every width. */
async function expectHealthy(v: Visit, screenshot: string): Promise<void> {
  expect(v.errors).toEqual([]);
  expect(v.requests).toEqual([v.url]);
  expect(v.dialogs).toEqual([]);
  const charts = await chartPaint(v.page);
  expect(charts.length).toBeGreaterThan(5);
  for (const c of charts) {
    expect(c.width, c.id).toBeGreaterThan(0);
    expect(c.width, c.id).toBeLessThanOrEqual(c.containerWidth + 1);
    expect(c.painted, c.id).toBeGreaterThan(0.005);
    expect(c.colours, c.id).toBeGreaterThan(3);
  }
  const png = await v.page.screenshot({ path: join(tmpdir(), `breadth-report-${screenshot}.png`), fullPage: true });
  expect(await pngLuminanceSpread(browser, png)).toBeGreaterThan(10);
}

describe('tear sheet of a 20-year run', () => {
  it('draws every chart at 1366 px, offline, without errors', async () => {
    const v = await visit(browser, files.tearSheet, LAPTOP);
    await expectHealthy(v, 'tearsheet-1366');
    await v.page.close();
  });

  it('switches the equity curve between linear and log', async () => {
    const v = await visit(browser, files.tearSheet, LAPTOP);
    expect(await inPage(v.page, 'yAxisType', 'equity')).toBe('value');
    await v.page.click('button[data-chart="equity"][data-scale="log"]');
    expect(await inPage(v.page, 'yAxisType', 'equity')).toBe('log');
    expect(await v.page.getAttribute('button[data-chart="equity"][data-scale="log"]', 'aria-pressed')).toBe('true');
    await v.page.click('button[data-chart="equity"][data-scale="value"]');
    expect(await inPage(v.page, 'yAxisType', 'equity')).toBe('value');
    await v.page.close();
  });

  it('fits a 390 px phone: charts resize, tables scroll inside their cards', async () => {
    const v = await visit(browser, files.tearSheet, PHONE);
    await expectHealthy(v, 'tearsheet-390');
    const layout = await inPage<{ viewport: number; scrollWidth: number; rightmost: number }>(v.page, 'layout');
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.viewport);
    expect(layout.rightmost).toBeLessThanOrEqual(layout.viewport);
    // Probe r64f F7: 13 month columns of ~23 px cannot hold "Jan" upright ("JanFebMar" ran together), nor a value.
    expect(await inPage(v.page, 'heatmapFit', 'monthly')).toEqual({ values: false, rotate: 90 });
    // The deepest drawdowns by number alone ("#1" … "#5"): their depths ran into each other and the curve.
    expect(await inPage<string[]>(v.page, 'areaLabels', 'underwater')).toEqual(expect.arrayContaining(['#1', '#2', '#3', '#4', '#5']));
    await v.page.close();
  });

  it('labels month columns upright and the drawdowns with their depths on a laptop', async () => {
    const v = await visit(browser, files.tearSheet, LAPTOP);
    expect(await inPage(v.page, 'heatmapFit', 'monthly')).toMatchObject({ rotate: 0 });
    expect((await inPage<string[]>(v.page, 'areaLabels', 'underwater')).every((l) => /^#[1-5] -\d+\.\d%( \(open\))?$/.test(l))).toBe(true);
    await v.page.close();
  });

  it('redraws its charts to the new width when the window shrinks', async () => {
    const v = await visit(browser, files.tearSheet, LAPTOP);
    const wide = (await chartPaint(v.page)).find((c) => c.id === 'chart-equity');
    await v.page.setViewportSize(PHONE);
    // The client debounces resizes by 100 ms: poll until the canvas has followed.
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && ((await chartPaint(v.page)).find((c) => c.id === 'chart-equity')?.width ?? 0) > PHONE.width) await v.page.waitForTimeout(50);
    const narrow = (await chartPaint(v.page)).find((c) => c.id === 'chart-equity');
    expect(narrow?.width).toBeLessThan((wide?.width ?? 0) / 2);
    expect(narrow?.width).toBeLessThanOrEqual((narrow?.containerWidth ?? 0) + 1);
    await v.page.close();
  });
});

describe('tear sheet of a stored engine run named like an attack', () => {
  it('shows the name as text and runs no script from it, even in a tooltip', async () => {
    const v = await visit(browser, files.hostile, LAPTOP);
    await expectHealthy(v, 'tearsheet-hostile');
    const title = v.page.locator('h1');
    expect(await title.textContent()).toBe(HOSTILE);
    expect(await title.isVisible()).toBe(true);
    expect(await v.page.locator('#caveats li.caveat .msg').allTextContents()).toContain(HOSTILE);
    expect(await inPage(v.page, 'showTooltip', 'equity', 3)).toContain(HOSTILE);
    const layout = await inPage<{ images: number }>(v.page, 'layout');
    expect(layout.images).toBe(0);
    expect(v.dialogs).toEqual([]);
    await v.page.close();
  });
});

describe('comparison of five runs with long names at 1440 px', () => {
  it('needs no sideways scroll, and clips no table, legend or heading', async () => {
    const v = await visit(browser, files.five, { width: 1440, height: 900 });
    await expectHealthy(v, 'comparison-five-1440');
    const layout = await inPage<{ viewport: number; scrollWidth: number }>(v.page, 'layout');
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.viewport);
    expect(await inPage(v.page, 'overflowing')).toEqual([]);
    await v.page.close();
  });
});

describe('comparison of three runs', () => {
  it('draws every chart at 1366 px, offline, without errors', async () => {
    const v = await visit(browser, files.comparison, LAPTOP);
    await expectHealthy(v, 'comparison-1366');
    await v.page.close();
  });

  it('fits a 390 px phone', async () => {
    const v = await visit(browser, files.comparison, PHONE);
    await expectHealthy(v, 'comparison-390');
    const layout = await inPage<{ viewport: number; scrollWidth: number; rightmost: number }>(v.page, 'layout');
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.viewport);
    await v.page.close();
  });
});
