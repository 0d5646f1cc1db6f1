// A report as PDF, printed by Chromium through playwright-core with the page's own print rules
// (styles.css @media print: A4 or Letter, 12 mm margins, controls hidden, cards kept whole) after
// client.js has redrawn every chart at its print width. The browser's own print uses the same
// rules. Chromium is found by `chromiumExecutable` alone, so its lookup can change in one place.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { UserError } from '../../../data/errors.ts';
import { writeReport } from './writeReport.ts';

export type Paper = 'a4' | 'letter';
export const PAPERS: readonly Paper[] = ['a4', 'letter'];

/** Printable width in CSS pixels (96 per inch) of each paper with the 12 mm margins of styles.css. */
export const PRINTABLE_WIDTH_PX: Record<Paper, number> = {
  a4: Math.floor(((210 - 24) / 25.4) * 96),
  letter: Math.floor(((215.9 - 24) / 25.4) * 96),
};

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The Chromium to print with: $BREADTH_CHROMIUM, else Debian's /usr/bin/chromium. */
export function chromiumExecutable(): string {
  const path = process.env.BREADTH_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new UserError(`PDF output needs Chromium: ${path} does not exist — install chromium (apt-get install chromium) or set BREADTH_CHROMIUM to its path`);
  return path;
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumExecutable(), args: ARGS });
}

/** Pages of a PDF: its page objects ("/Type /Page", not the "/Pages" tree nodes). */
export function pdfPageCount(pdf: Uint8Array): number {
  return (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

/** Print a report's HTML to `path` (written whole or not at all); returns the number of pages. */
export async function writePdf(html: string, path: string, paper: Paper = 'a4', browser?: Browser): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'breadth-pdf-'));
  const own = browser === undefined;
  const chrome = browser ?? (await launchChromium());
  try {
    const file = join(dir, 'report.html');
    writeReport(file, html);
    const page = await chrome.newPage({ viewport: { width: PRINTABLE_WIDTH_PX[paper], height: 1000 } });
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('html[data-charts-ready]', { timeout: 60_000 });
    await page.emulateMedia({ media: 'print' });
    await page.evaluate("window.dispatchEvent(new Event('beforeprint'))");
    const pdf = await page.pdf({ format: paper === 'a4' ? 'A4' : 'Letter', printBackground: true, margin: { top: '12mm', right: '12mm', bottom: '12mm', left: '12mm' } });
    await page.close();
    writeReport(path, pdf);
    return pdfPageCount(pdf);
  } finally {
    if (own) await chrome.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
