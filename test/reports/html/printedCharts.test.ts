// Charts on paper, in a real browser (the Chromium breadth finds). echarts draws some charts on a
// stack of canvases (a heatmap: axes, cells and values on three), and Chromium prints such a stack
// as its top canvas alone: PDFs showed monthly-return and correlation heatmaps blank, or as their
// black values without colours or labels. In print media every chart must show exactly one
// drawn canvas at the print width, and the PDF itself must carry the heatmap's cell colours
// (checked on its pages rasterised by poppler's pdftoppm, where that is installed). And no heading
// is left alone at a page's foot (a PDF page ended with the "Manifest" heading, its rows overleaf).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderComparison, renderTearSheet, writeReport } from '../../../reports/html/index.ts';
import { PRINTABLE_WIDTH_PX, writePdf } from '../../../reports/html/page/pdf.ts';
import { inPage, launch, visit } from './helpers/browser.ts';
import { fabricateTearSheet } from './helpers/fabricate.ts';
import { comparisonRun } from './helpers/pages.ts';

let browser: Browser;
let dir: string;
const files = { tearSheet: '', comparison: '' };

/** Print width of a chart (client.js PRINT_WIDTH): it fits A4 and Letter. */
const PRINT_WIDTH = 640;

const pdftoppm = ((): boolean => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
// CI sets BREADTH_REQUIRE_POPPLER: there a missing pdftoppm fails the file instead of skipping its PDF test.
if (!pdftoppm && process.env.BREADTH_REQUIRE_POPPLER) throw new Error('BREADTH_REQUIRE_POPPLER is set but no pdftoppm is installed (.ci/run installs poppler-utils with apt-get)');

beforeAll(async () => {
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'breadth-printed-'));
  files.tearSheet = join(dir, 'tear-sheet.html');
  files.comparison = join(dir, 'comparison.html');
  writeReport(files.tearSheet, renderTearSheet(fabricateTearSheet()));
  const runs = [comparisonRun('IWM', 11, 2_600), comparisonRun('SMLF', 12, 2_600), comparisonRun('Size tilt', 13, 2_600)];
  writeReport(files.comparison, renderComparison({ title: 'IWM vs SMLF vs size tilt', runs }));
});

afterAll(async () => {
  await browser?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

interface Shown {
  id: string;
  shown: number;
  width: number;
  painted: number;
}

/** RGB pixels of a binary PPM (P6, 8 bits a channel) as pdftoppm writes it. */
function readPpm(bytes: Buffer): Uint8Array {
  const header = bytes.toString('latin1', 0, 64).match(/^P6\s+(\d+)\s+(\d+)\s+255\s/);
  if (header === null) throw new Error('not a binary 8-bit PPM');
  return bytes.subarray(header[0].length, header[0].length + Number(header[1]) * Number(header[2]) * 3);
}

describe('charts in print', () => {
  for (const page of ['tearSheet', 'comparison'] as const) {
    it(`shows one drawn canvas per chart, at the print width, in print media (${page})`, async () => {
      const v = await visit(browser, files[page], { width: PRINTABLE_WIDTH_PX.a4, height: 1000 });
      await v.page.emulateMedia({ media: 'print' });
      await v.page.evaluate("window.dispatchEvent(new Event('beforeprint'))");
      await v.page.waitForSelector('html[data-print-ready]', { state: 'attached', timeout: 20_000 });
      const charts = await inPage<Shown[]>(v.page, 'shownCanvases');
      expect(charts.map((c) => c.id)).toContain(page === 'tearSheet' ? 'chart-monthly' : 'chart-correlation');
      for (const c of charts) {
        expect(c.shown, `${c.id}: canvases on paper`).toBe(1);
        expect(c.width, c.id).toBeLessThanOrEqual(PRINT_WIDTH);
        expect(c.width, c.id).toBeGreaterThan(200);
        expect(c.painted, c.id).toBeGreaterThan(0.005);
      }
      // Back on screen: echarts' own canvases again, the snapshots gone.
      await v.page.emulateMedia({ media: 'screen' });
      await v.page.evaluate("window.dispatchEvent(new Event('afterprint'))");
      expect(await v.page.$$('canvas.print-snapshot')).toHaveLength(0);
      expect(await v.page.getAttribute('html', 'data-print-ready')).toBeNull();
      await v.page.close();
    });
  }

  it.skipIf(!pdftoppm)('prints the monthly heatmap with its cell colours (PDF pages rasterised by pdftoppm)', async () => {
    const v = await visit(browser, files.tearSheet, { width: 1000, height: 800 });
    const { fills, inks } = await inPage<{ fills: string[]; inks: string[] }>(v.page, 'heatmapColours', 'monthly');
    await v.page.close();
    // The saturated cells, whose values are written in white: the ones that vanished from paper.
    const dark = [...new Set(fills.filter((_, k) => inks[k] === '#ffffff'))];
    expect(dark.length).toBeGreaterThan(5);
    const pdf = join(dir, 'tear-sheet.pdf');
    await writePdf(readFileSync(files.tearSheet, 'utf8'), pdf, 'a4', browser);
    execFileSync('pdftoppm', ['-r', '48', pdf, join(dir, 'page')]);
    // Pixels of each dark fill's exact colour (the PDF keeps it), over every page.
    const found = new Map(dark.map((fill) => [parseInt(fill.slice(1), 16), 0]));
    for (const name of readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.ppm'))) {
      const px = readPpm(readFileSync(join(dir, name)));
      for (let i = 0; i < px.length; i += 3) {
        const colour = (px[i] << 16) | (px[i + 1] << 8) | px[i + 2];
        const n = found.get(colour);
        if (n !== undefined) found.set(colour, n + 1);
      }
    }
    // A cell at 48 dpi is about 20 × 11 pixels (18 × 10 inside its white border, less its value's
    // glyphs): each dark fill shows as at least one such block of its colour.
    for (const [colour, pixels] of found) expect(pixels, `cells filled #${colour.toString(16).padStart(6, '0')} on paper`).toBeGreaterThan(80);
  });
});

describe('headings in print', () => {
  it('keeps every heading, and a card note, with what follows it, and the manifest whole', async () => {
    const v = await visit(browser, files.tearSheet, { width: PRINTABLE_WIDTH_PX.a4, height: 1000 });
    await v.page.emulateMedia({ media: 'print' });
    const breaks = await v.page.evaluate(`Array.from(document.querySelectorAll('h2, h3, .section-title, .card > .sub, .manifest'), (el) => ({ what: el.tagName + '.' + el.className + ' ' + el.textContent.slice(0, 30), after: getComputedStyle(el).breakAfter, inside: getComputedStyle(el).breakInside }))`) as { what: string; after: string; inside: string }[];
    expect(breaks.filter((b) => b.what.startsWith('H2')).length).toBeGreaterThan(10);
    for (const b of breaks) {
      if (b.what.startsWith('DL')) expect(b.inside, b.what).toBe('avoid');
      else expect(b.after, b.what).toBe('avoid');
    }
    await v.page.close();
  });
});
