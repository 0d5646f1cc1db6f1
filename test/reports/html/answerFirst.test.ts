// What a reader sees first, and on paper, in a real browser (Debian's chromium): the first screen
// at 1440 × 900 holds the final NAV, CAGR against the benchmark and against cash, Sharpe and the
// max drawdown; the P&L waterfall's bars add up to the NAV change; printed on A4 or Letter no
// chart is wider than its box or the page, and the PDF has its pages.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCurrency, formatPercent, formatRatio } from '../../../reports/html/page/format.ts';
import { renderTearSheet, type TearSheetData, tearSheetFromStoredRun, writeReport } from '../../../reports/html/index.ts';
import { PRINTABLE_WIDTH_PX, pdfPageCount, writePdf } from '../../../reports/html/page/pdf.ts';
import { inPage, launch, visit } from './helpers/browser.ts';
import { fabricateTearSheet } from './helpers/fabricate.ts';
import { storedLongShortRun } from './helpers/storedRun.ts';

const DESKTOP = { width: 1440, height: 900 };
let browser: Browser;
let dir: string;
let stored: TearSheetData;
const files = { stored: '', long: '' };

beforeAll(async () => {
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'breadth-answer-'));
  stored = tearSheetFromStoredRun(storedLongShortRun('Long/short fixture').stored);
  files.stored = join(dir, 'stored.html');
  files.long = join(dir, 'long.html');
  writeReport(files.stored, renderTearSheet(stored));
  writeReport(files.long, renderTearSheet(fabricateTearSheet()));
});

afterAll(async () => {
  await browser?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

interface Figure {
  name: string;
  top: number;
  bottom: number;
  right: number;
  text: string;
}

describe('the first screen at 1440 × 900', () => {
  it('shows the final NAV, CAGR against the benchmark and cash, Sharpe and the max drawdown, all above the fold', async () => {
    const v = await visit(browser, files.stored, DESKTOP);
    const figures = new Map((await inPage<Figure[]>(v.page, 'figures')).map((f) => [f.name, f]));
    for (const name of ['final-nav', 'cagr', 'sharpe', 'max-drawdown']) {
      const f = figures.get(name);
      expect(f, name).toBeDefined();
      expect(f?.top, name).toBeGreaterThanOrEqual(0);
      expect(f?.bottom, `${name} ends below the first screen`).toBeLessThanOrEqual(DESKTOP.height);
      expect(f?.right, name).toBeLessThanOrEqual(DESKTOP.width);
    }
    const metric = (name: string) => stored.metrics.strategy.find((m) => m.name === name)?.value as number;
    expect(figures.get('final-nav')?.text).toContain(formatCurrency(stored.nav[stored.nav.length - 1]));
    expect(figures.get('final-nav')?.text).toContain('USD');
    const cagr = figures.get('cagr')?.text ?? '';
    expect(cagr).toContain(formatPercent(metric('annual_return')));
    expect(cagr).toContain('vs Fixture index');
    expect(cagr).toContain('vs cash');
    expect(figures.get('sharpe')?.text).toContain(formatRatio(metric('sharpe')));
    expect(figures.get('max-drawdown')?.text).toContain(formatPercent(metric('max_drawdown')));
    await v.page.close();
  });
});

describe('the first screen on a 390 × 844 phone (probe r64f F5)', () => {
  it('starts the figures on it when six long high caveats apply: the first caveat, then a link to the other five', async () => {
    // Six high caveats of ~420 characters, ~10 lines each at 390 px: listed in full they took ~1,300 px above the figures.
    const long = (k: number): string => `caveat ${k + 1}: ${'a data note that runs on and on about names and dates '.repeat(8)}`;
    const caveats = Array.from({ length: 6 }, (_, k) => ({ code: 'data-note', severity: 'high' as const, message: long(k), size: 6 - k, unit: 'count' as const, symbols: [] }));
    const file = join(dir, 'six-high.html');
    writeReport(file, renderTearSheet({ ...stored, caveats }));
    const v = await visit(browser, file, { width: 390, height: 844 });
    const figures = new Map((await inPage<Figure[]>(v.page, 'figures')).map((f) => [f.name, f]));
    expect(figures.get('final-nav')?.bottom).toBeLessThanOrEqual(844);
    const box = v.page.locator('[data-figure="high-caveats"]');
    expect(await box.locator('h2').innerText()).toBe('Read the figures below with these 6 high caveats');
    expect(await box.locator('li.caveat:visible').allInnerTexts()).toEqual([expect.stringContaining('caveat 1: ')]);
    expect(await box.locator('.more-high:visible').innerText()).toBe('5 more high caveats: read them in Caveats ↓');
    expect(await box.locator('.more-high a').getAttribute('href')).toBe('#caveats');
    // Every one is in the caveat panel the link leads to.
    expect(await v.page.locator('#caveats li.caveat.sev-high').count()).toBe(6);
    await v.page.setViewportSize(DESKTOP);
    // On a desktop all six stand above the figures, and the link is not needed.
    expect(await box.locator('li.caveat:visible').count()).toBe(6);
    expect(await box.locator('.more-high:visible').count()).toBe(0);
    await v.page.close();
  });
});

describe('the P&L waterfall', () => {
  it('draws the start and end NAV as totals and steps that add up to the NAV change', async () => {
    const v = await visit(browser, files.stored, DESKTOP);
    const bars = await inPage<{ name: string; colour: string; size: number }[]>(v.page, 'waterfallBars', 'pnl-waterfall');
    const start = stored.nav[0];
    const end = stored.nav[stored.nav.length - 1];
    expect(bars[0]).toMatchObject({ name: 'Start' });
    expect(bars[0].size).toBeCloseTo(start, 6);
    expect(bars[bars.length - 1]).toMatchObject({ name: 'End' });
    expect(bars[bars.length - 1].size).toBeCloseTo(end, 6);
    const steps = bars.slice(1, -1);
    expect(steps.map((b) => b.name)).toEqual(expect.arrayContaining(['Long book', 'Short book', 'Commission']));
    const colours = new Set(steps.map((b) => b.colour));
    expect(colours.size).toBe(2); // rising and falling
    const up = steps.find((b) => b.name === 'Long book')?.colour;
    const sum = steps.reduce((s, b) => s + (b.colour === up ? b.size : -b.size), 0);
    expect(sum).toBeCloseTo(end - start, 6);
    await v.page.close();
  });
});

describe('print', () => {
  for (const paper of ['a4', 'letter'] as const) {
    it(`fits every chart inside its box and the ${paper} page in print media`, async () => {
      const width = PRINTABLE_WIDTH_PX[paper];
      const v = await visit(browser, files.long, { width, height: 1000 });
      await v.page.emulateMedia({ media: 'print' });
      await v.page.evaluate("window.dispatchEvent(new Event('beforeprint'))");
      const fit = await inPage<{ charts: { id: string; canvasRight: number; canvasWidth: number; containerRight: number }[]; rightmostCard: number; scrollWidth: number }>(v.page, 'printFit');
      expect(fit.charts.length).toBeGreaterThan(15);
      for (const c of fit.charts) {
        expect(c.canvasWidth, c.id).toBeGreaterThan(200);
        expect(c.canvasRight, `${c.id} is clipped by its box`).toBeLessThanOrEqual(c.containerRight + 1);
        expect(c.containerRight, `${c.id} runs off the page`).toBeLessThanOrEqual(width + 1);
      }
      expect(fit.rightmostCard).toBeLessThanOrEqual(width + 1);
      expect(fit.scrollWidth).toBeLessThanOrEqual(width);
      await v.page.close();
    });
  }

  it('writes a PDF of several pages through Chromium', async () => {
    const pdf = join(dir, 'long.pdf');
    const pages = await writePdf(readFileSync(files.long, 'utf8'), pdf, 'a4', browser);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfPageCount(bytes)).toBe(pages);
    expect(pages).toBeGreaterThan(5);
  });
});
