// A report as PDF, printed by Chromium through playwright-core with the page's own print rules
// (styles.css @media print: A4 or Letter, 12 mm margins, controls hidden, charts and rows never
// cut) after client.js has redrawn every chart at its print width and flattened each into one
// canvas (Chromium prints a stack of canvases as its top one alone). The browser's own print uses
// the same rules. The browser is the one breadth finds (reports/browser/chromium.ts).

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { privateTempFolder } from '../../../core/tempFolder.ts';
import { findChromium } from '../../browser/chromium.ts';
import { writeReport } from './writeReport.ts';

export type Paper = 'a4' | 'letter';
export const PAPERS: readonly Paper[] = ['a4', 'letter'];
/** Each paper's name as printed: "A4", "Letter" (Chromium's format names too). */
export const PAPER_NAMES: Readonly<Record<Paper, 'A4' | 'Letter'>> = { a4: 'A4', letter: 'Letter' };

/** Printable width in CSS pixels (96 per inch) of each paper with the 12 mm margins of styles.css. */
export const PRINTABLE_WIDTH_PX: Record<Paper, number> = {
  a4: Math.floor(((210 - 24) / 25.4) * 96),
  letter: Math.floor(((215.9 - 24) / 25.4) * 96),
};

const ARGS = ['--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Chromium as breadth finds it: BREADTH_CHROMIUM, a system Chromium or Chrome, else the npm package's. */
export async function launchChromium(): Promise<Browser> {
  const [{ chromium }, found] = await Promise.all([import('playwright-core'), findChromium()]);
  return chromium.launch({ executablePath: found.executablePath, args: [...ARGS, ...found.args], env: { ...process.env, ...found.env } });
}

/** Pages of a PDF: its page objects ("/Type /Page", not the "/Pages" tree nodes). */
export function pdfPageCount(pdf: Uint8Array): number {
  return (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

/** Print a report's HTML to `path` (written whole or not at all); returns the number of pages. */
export async function writePdf(html: string, path: string, paper: Paper = 'a4', browser?: Browser): Promise<number> {
  const dir = privateTempFolder('pdf');
  const own = browser === undefined;
  const chrome = browser ?? (await launchChromium());
  try {
    const file = join(dir.path, 'report.html');
    writeReport(file, html);
    const page = await chrome.newPage({ viewport: { width: PRINTABLE_WIDTH_PX[paper], height: 1000 } });
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('html[data-charts-ready]', { timeout: 60_000 });
    await page.emulateMedia({ media: 'print' });
    await page.evaluate("window.dispatchEvent(new Event('beforeprint'))");
    // Every chart redrawn at the print width and flattened into the one canvas that prints (client.js).
    await page.waitForSelector('html[data-print-ready]', { state: 'attached', timeout: 60_000 });
    const pdf = await page.pdf({ format: PAPER_NAMES[paper], printBackground: true, margin: { top: '12mm', right: '12mm', bottom: '12mm', left: '12mm' } });
    await page.close();
    writeReport(path, pdf);
    return pdfPageCount(pdf);
  } finally {
    if (own) await chrome.close();
    dir.remove();
  }
}
