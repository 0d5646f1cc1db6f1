// Driving a real Chromium over a report opened from file://: what loaded, what failed, and
// what the charts and the screen actually show. The browser is the one breadth finds
// (reports/browser/chromium.ts): BREADTH_CHROMIUM, a system Chromium, else the npm package's.

import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { findChromium, type FoundChromium } from '../../../../reports/browser/chromium.ts';

const ARGS = ['--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const LAPTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** Launch the browser breadth finds; `found` says which one it is. */
export async function launch(found?: FoundChromium): Promise<Browser> {
  const browser = found ?? (await findChromium());
  return chromium.launch({ executablePath: browser.executablePath, args: [...ARGS, ...browser.args], env: { ...process.env, ...browser.env } });
}

export interface Visit {
  page: Page;
  url: string;
  /** Every request the page made, the document included. */
  requests: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Any alert/confirm/prompt a script tried to open. */
  dialogs: string[];
}

/** Open a report and wait until its script says every chart has drawn. */
export async function visit(browser: Browser, file: string, viewport: { width: number; height: number }): Promise<Visit> {
  const page = await browser.newPage({ viewport });
  const url = pathToFileURL(file).href;
  const v: Visit = { page, url, requests: [], errors: [], dialogs: [] };
  page.on('request', (r) => v.requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') v.errors.push(m.text());
  });
  page.on('pageerror', (e) => v.errors.push(e.message));
  page.on('dialog', (d) => {
    v.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url);
  await page.waitForSelector('html[data-charts-ready]', { timeout: 20_000 });
  return v;
}

export interface ChartPaint {
  id: string;
  /** Canvas size in CSS pixels, and the container's. */
  width: number;
  containerWidth: number;
  /** Share of canvas pixels that are not transparent, and distinct colours among them (capped). */
  painted: number;
  colours: number;
}

const IN_PAGE = readFileSync(new URL('./inPage.js', import.meta.url), 'utf8');

/** Call one of inPage.js's functions in the page with JSON arguments. */
export function inPage<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(`(${IN_PAGE}).${name}(${args.map((a) => JSON.stringify(a)).join(', ')})`) as Promise<T>;
}

/** What each chart container holds: its canvas size and how much of it is drawn. */
export function chartPaint(page: Page): Promise<ChartPaint[]> {
  return inPage<ChartPaint[]>(page, 'chartPaint');
}

/**
 * Standard deviation of the luminance of a PNG screenshot (0 for a blank, solid-colour image),
 * decoded by the browser itself in an empty page: nothing else here can decode PNG.
 */
export async function pngLuminanceSpread(browser: Browser, png: Buffer): Promise<number> {
  const page = await browser.newPage();
  try {
    return await inPage<number>(page, 'luminanceSpread', png.toString('base64'));
  } finally {
    await page.close();
  }
}
