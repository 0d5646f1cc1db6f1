// A table wider than its card says so (probe r69d F4): on a 390 px phone the comparison's "At a
// glance" showed 2 of 5 runs with "+0.09" cut, the tear sheet's drawdowns and yearly tables lost
// their last columns, and nothing showed that they scroll sideways. Every .table-scroll box whose
// content overflows fades at the edge past which columns are hidden (scrollCues.js marks it, the
// shared styles.css fades it), a box that fits has no fade, the marks follow the scroll position
// and the window's width, and paper shows no fade.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderComparison, renderTearSheet, writeReport } from '../../../reports/html/index.ts';
import { inPage, launch, PHONE, visit } from './helpers/browser.ts';
import { fabricateTearSheet } from './helpers/fabricate.ts';
import { comparisonRun } from './helpers/pages.ts';

interface Cue {
  box: string;
  overflows: boolean;
  left: boolean;
  right: boolean;
  mask: string;
}

const DESKTOP = { width: 1440, height: 900 };
let browser: Browser;
let dir: string;
const files = { tearSheet: '', comparison: '' };

beforeAll(async () => {
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'breadth-scroll-cues-'));
  files.tearSheet = join(dir, 'tear-sheet.html');
  files.comparison = join(dir, 'comparison.html');
  writeReport(files.tearSheet, renderTearSheet(fabricateTearSheet()));
  const five = ['iwm-buy-and-hold', 'smlf-buy-and-hold', 'iwm-smlf-switch-126', 'quality-long-short-dollar', 'size-tilt-etf-half'].map((label, k) => comparisonRun(label, 21 + k, 2_600, '2015-05-01'));
  writeReport(files.comparison, renderComparison({ title: 'Five small-cap runs side by side', runs: five }));
});

afterAll(async () => {
  await browser?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

const cues = (page: Page): Promise<Cue[]> => inPage<Cue[]>(page, 'scrollCues');

/** Every box that overflows is marked "more to the right" and faded (at scroll 0); every box that fits is neither. */
function expectCuesMatchOverflow(all: readonly Cue[]): void {
  for (const c of all) {
    if (c.overflows) {
      expect({ box: c.box, left: c.left, right: c.right }).toEqual({ box: c.box, left: false, right: true });
      expect(c.mask, c.box).toContain('linear-gradient');
    } else {
      expect({ box: c.box, left: c.left, right: c.right, mask: c.mask }).toEqual({ box: c.box, left: false, right: false, mask: 'none' });
    }
  }
}

describe('sideways-scrolling tables on a 390 px phone', () => {
  it('tear sheet: each overflowing table fades at its right edge, each that fits does not', async () => {
    const v = await visit(browser, files.tearSheet, PHONE);
    const all = await cues(v.page);
    // The drawdowns (five columns of dates) and the calendar overflow a phone; the holdings (two columns) fit.
    expect(all.filter((c) => c.overflows).map((c) => c.box.split(' ')[0])).toEqual(expect.arrayContaining(['drawdowns', 'calendar']));
    expect(all.some((c) => !c.overflows)).toBe(true);
    expectCuesMatchOverflow(all);
    await v.page.screenshot({ path: join(tmpdir(), 'breadth-scroll-cues-tearsheet-390.png'), fullPage: true });
    await v.page.close();
  });

  it('comparison: "At a glance" fades at the right, then at both edges, then at the left only as it is scrolled', async () => {
    const v = await visit(browser, files.comparison, PHONE);
    const all = await cues(v.page);
    expect(all.filter((c) => c.overflows).length).toBeGreaterThanOrEqual(2);
    expectCuesMatchOverflow(all);
    const glance = v.page.locator('#summary .table-scroll:has(table.metrics)');
    const state = () => glance.evaluate((el) => ({ left: el.classList.contains('more-left'), right: el.classList.contains('more-right') }));
    expect(await state()).toEqual({ left: false, right: true });
    await glance.evaluate((el) => el.scrollTo({ left: (el.scrollWidth - el.clientWidth) / 2 }));
    await expect.poll(state).toEqual({ left: true, right: true });
    // The left fade starts past the sticky metric names, which stay in full view.
    const fixed = await glance.evaluate((el) => ({ fixed: el.style.getPropertyValue('--scroll-fixed'), names: Math.round(el.querySelector('tr > :first-child')?.getBoundingClientRect().width ?? -1) }));
    expect(fixed.fixed).toBe(`${fixed.names}px`);
    await glance.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect.poll(state).toEqual({ left: true, right: false });
    await v.page.close();
  });

  it('comparison: no cue at 1440 px, where every table fits; cues once the window narrows to a phone', async () => {
    const v = await visit(browser, files.comparison, DESKTOP);
    const wide = await cues(v.page);
    expect(wide.length).toBeGreaterThan(2);
    expect(wide.filter((c) => c.overflows || c.left || c.right || c.mask !== 'none')).toEqual([]);
    await v.page.setViewportSize(PHONE);
    await expect.poll(async () => (await cues(v.page)).filter((c) => c.right).length).toBeGreaterThanOrEqual(2);
    expectCuesMatchOverflow(await cues(v.page));
    await v.page.close();
  });

  it('prints whole tables without a fade', async () => {
    const v = await visit(browser, files.comparison, PHONE);
    expect((await cues(v.page)).some((c) => c.right)).toBe(true);
    await v.page.emulateMedia({ media: 'print' });
    expect((await cues(v.page)).map((c) => c.mask).filter((m) => m !== 'none')).toEqual([]);
    await v.page.close();
  });
});
