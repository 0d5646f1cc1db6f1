// The sweep and walk-forward pages in a real browser (Debian's chromium, file://): every chart
// draws, no console error, nothing fetched, the trials table sorts on a click, a hostile trial
// name stays text, and the page fits a phone. Screenshots: breadth-sweep-*.png in the temp folder.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../data/random.ts';
import { writeReport } from '../../reports/html/index.ts';
import { renderSweepPage, type SweepPageData } from '../../reports/html/sweep/sweepPage.ts';
import { renderWalkForwardPage } from '../../reports/html/sweep/walkForwardPage.ts';
import { probabilityOfBacktestOverfitting } from '../../reports/metrics/index.ts';
import { chartPaint, inPage, LAPTOP, launch, PHONE, type Visit, visit } from '../reports/html/helpers/browser.ts';
import { HOSTILE } from '../reports/html/helpers/pages.ts';

let browser: Browser;
let dir: string;
const files = { sweep: '', periods: '', walkForward: '' };
const DESKTOP = { width: 1280, height: 900 };

function sweepData(): SweepPageData {
  const random = new Random(3, 'pages');
  const trials = [0, 0.25, 0.5, 0.75, 1].flatMap((tilt) =>
    ['month-start', 'quarter-start', 'year-start'].map((schedule, s) => ({
      name: `${tilt === 1 && s === 2 ? HOSTILE : 'tilt'}[tilt=${tilt} schedule=${schedule}]`,
      values: { tilt, schedule, commission: { kind: 'bps', bps: s } },
      metrics: { sharpe: 0.3 + tilt * 0.2 - s * 0.05 + 0.02 * random.normal(), annual_return: 0.05 + tilt * 0.03, annual_volatility: 0.15 + tilt * 0.04, max_drawdown: -0.3 - tilt * 0.1, turnover: 0.2, cost_total_drag: 0.001 * s },
      dsr: 0.5 + tilt * 0.4,
      period: '2000-06-01 → 2026-07-31',
      fillsHash: 'ab'.repeat(32),
      runId: tilt === 1 && s === 0 ? 7 : null,
    })),
  );
  const returns = trials.map(() => Float64Array.from({ length: 800 }, () => 0.01 * random.normal()));
  const pbo = probabilityOfBacktestOverfitting({ returns, blocks: 10 });
  return {
    title: `Sweep ${HOSTILE}`,
    dataName: 'sample universe (SYNTHETIC, seed 42)',
    synthetic: true,
    metric: 'sharpe',
    planned: trials.length,
    trials,
    failed: [{ name: `tilt[tilt=2 ${HOSTILE}]`, message: `strategy "size-tilt" failed on 2001-03-01: ${HOSTILE}` }],
    refused: 0,
    best: { name: trials[12].name, sharpe: trials[12].metrics.sharpe, dsr: 0.93, dsrNote: null, recorded: { count: 15, sharpeVariance: 0.0004 } },
    pbo: { pbo: pbo.pbo, probabilityOfLoss: pbo.probabilityOfLoss, logits: pbo.logits, isSharpe: pbo.isSharpe, oosSharpe: pbo.oosSharpe, slope: pbo.degradation.slope, intercept: pbo.degradation.intercept, rSquared: pbo.degradation.rSquared, blocks: 10, combinations: pbo.combinations, trials: 15 },
    notes: [],
  };
}

beforeAll(async () => {
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'breadth-sweep-pages-'));
  files.sweep = join(dir, 'sweep.html');
  files.walkForward = join(dir, 'walk-forward.html');
  writeReport(files.sweep, renderSweepPage(sweepData()));
  // Trials named as `breadth sweep` names them (every axis in the name), over two periods (a data start that differs by schedule).
  const named = sweepData();
  files.periods = join(dir, 'sweep-periods.html');
  writeReport(
    files.periods,
    renderSweepPage({
      ...named,
      trials: named.trials.map((t, k) => ({ ...t, name: `size-tilt[tilt=${t.values.tilt} schedule=${t.values.schedule} commission=bps ${k % 3}]`, period: k % 2 === 0 ? '2000-06-01 → 2026-07-31' : '2001-01-02 → 2026-07-31' })),
    }),
  );
  const dates = Array.from({ length: 750 }, (_, k) => new Date(Date.UTC(2015, 0, 5) + k * 86_400_000 * 1.4).toISOString().slice(0, 10));
  const nav = dates.map((_, k) => 1e6 * Math.exp(k * 0.0003 + 0.02 * Math.sin(k / 30)));
  writeReport(
    files.walkForward,
    renderWalkForwardPage({
      title: 'Walk-forward',
      dataName: '../shared/data',
      synthetic: false,
      mode: 'rolling',
      metric: 'sharpe',
      trials: 45,
      failed: [
        { name: 'tilt[tilt=2]', message: 'tilt must be at most 1' },
        { name: 'tilt[tilt=0.5]', message: `strategy "cursed" failed on 2016-03-01: half a tilt ${HOSTILE}` },
      ],
      refused: 1,
      windows: [0, 1, 2].map((k) => ({ isFrom: dates[0], isTo: dates[k * 250], oosFrom: dates[k * 250], oosTo: dates[k * 250 + 249], values: { tilt: k / 2, schedule: HOSTILE }, isMetric: 0.5, isAnnualReturn: 0.08, isSharpe: 0.5, oosAnnualReturn: 0.04 * (k - 1), oosSharpe: 0.3 * (k - 1), efficiency: (0.04 * (k - 1)) / 0.08, efficiencyNote: null, fallback: k === 2, cut: k === 2 })),
      efficiency: 0.4,
      efficiencyNote: null,
      oosAnnualReturn: 0.03,
      oosSharpe: 0.25,
      stitched: {
        runId: 3,
        dates,
        nav,
        benchmark: { name: 'SPY', levels: nav.map((v, k) => v * (1 - k / 5000)) },
        tearSheet: 'size-tilt-walk-forward.html',
        caveats: [
          { code: 'late-start', severity: 'high', message: `requested 2014-06-30, data starts 2015-01-05 (189 days later) ${HOSTILE}`, size: 189, unit: 'days', symbols: [] },
          { code: 'frequency', severity: 'medium', message: 'annualised with P = 64: inferred: irregular spacing', size: null, unit: null, symbols: [] },
          { code: 'data', severity: 'low', message: 'no volume', size: null, unit: null, symbols: [] },
        ],
        currency: 'USD',
      },
      notes: [`window 3's out of sample, ${dates[500]} → ${dates[749]}, is cut short by the data's end`, `windows 1–3's in sample: every trial: ${HOSTILE}`],
    }),
  );
});

afterAll(async () => {
  await browser?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

async function expectHealthy(v: Visit, charts: number, screenshot: string): Promise<void> {
  expect(v.errors).toEqual([]);
  expect(v.requests).toEqual([v.url]);
  expect(v.dialogs).toEqual([]);
  const paints = await chartPaint(v.page);
  expect(paints).toHaveLength(charts);
  for (const c of paints) {
    expect(c.width, c.id).toBeGreaterThan(0);
    expect(c.width, c.id).toBeLessThanOrEqual(c.containerWidth + 1);
    expect(c.painted, c.id).toBeGreaterThan(0.005);
  }
  await v.page.screenshot({ path: join(tmpdir(), `breadth-sweep-${screenshot}.png`), fullPage: true });
}

describe('the sweep page', () => {
  it('draws heatmaps, sensitivity and the PBO histogram, and the degradation scatter as SVG', async () => {
    const v = await visit(browser, files.sweep, LAPTOP);
    // 3 heatmaps (3 varied axes), 3 sensitivity charts, the logit histogram.
    await expectHealthy(v, 7, 'page-1366');
    expect(await v.page.locator('svg.scatter circle').count()).toBeGreaterThan(100);
    // Three maps side by side, each ~400 px wide: its cells (~50 px) hold "0.35", so the values print (probe r64f F1:
    // a rule on the chart's width, ≤ 520 px, hid them on every desktop).
    for (const id of ['heat-0', 'heat-1', 'heat-2']) expect(await inPage<{ values: boolean }>(v.page, 'heatmapFit', id)).toMatchObject({ values: true });
    // The scatter's last x tick ends inside the picture (probe r64f F2: centred on the edge, its last digit was cut).
    const ticks = await v.page.locator('svg.scatter').evaluate((svg) => ({ right: svg.getBoundingClientRect().right, last: Math.max(...Array.from(svg.querySelectorAll('text'), (t) => (t as typeof svg).getBoundingClientRect().right)) }));
    expect(ticks.last).toBeLessThanOrEqual(ticks.right);
    // The trials table (probe r64f F3): DSR beside the Sharpe, a short header for the charges with the full name in its
    // title, and one header line, not a 137-px band from the long name wrapped in a narrow column.
    const heads = await v.page.locator('#trial-table thead th').evaluateAll((ths) => ths.map((th) => ({ text: th.textContent, title: th.getAttribute('title') })));
    // No period column: every trial covers the same period, said once above the table (probe r69d F5).
    expect(heads.map((h) => h.text)).toEqual(['trial', 'tilt', 'schedule', 'commission', 'Sharpe', 'DSR', 'CAGR', 'Volatility', 'Max drawdown', 'Turnover/yr', 'Charges/yr', 'fills hash', 'run']);
    expect(await v.page.locator('#trials .card p.sub').first().innerText()).toMatch(/^Every trial covers 2000-06-01 → 2026-07-31\. Click a column to sort\./);
    expect(heads[10].title).toBe('Total charges drag (annual, interest earned excluded)');
    expect(await v.page.locator('#trial-table thead tr').evaluate((tr) => tr.getBoundingClientRect().height)).toBeLessThan(60);
    expect(await v.page.locator('#trial-table tbody tr').count()).toBe(15);
    expect(await v.page.locator('[id]').evaluateAll((all) => all.length - new Set(all.map((e) => e.id)).size)).toBe(0); // no id twice (the section and its table were both "trials")
    await v.page.close();
  });

  it('fits the trials table (and the walk-forward windows) in its card at 1280 px, and shows the scatter\'s text at 11 px or more at 1280 and 390 px (probe r69d F5)', async () => {
    // The table was 1,447 px wide in a 1,208-px card, the period cut to "2010-01-04 → 2026-" and the last heading cut;
    // the walk-forward's windows ran past theirs with a fallback window's note and a cut window's period.
    for (const [file, shot] of [[files.sweep, 'trials-shared'], [files.periods, 'trials-periods'], [files.walkForward, 'windows']]) {
      const v = await visit(browser, file, DESKTOP);
      const table = v.page.locator('.table-scroll:has(table.sortable-table)');
      const box = await table.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, cue: el.classList.contains('more-right') }));
      expect(box.scroll, shot).toBeLessThanOrEqual(box.client);
      expect(box.cue).toBe(false);
      await table.screenshot({ path: join(tmpdir(), `breadth-sweep-${shot}-1280.png`) });
      await v.page.close();
    }
    // Trials over different periods keep the column; a name wraps only between its assignments, a period only after its arrow.
    const v = await visit(browser, files.periods, DESKTOP);
    const heads = await v.page.locator('#trial-table thead th').allInnerTexts();
    expect(heads.map((h) => h.replace(/\s+/g, ' '))).toContain('period');
    expect(await v.page.locator('#trials .card p.sub').first().innerText()).not.toContain('Every trial covers');
    const first = v.page.locator('#trial-table tbody tr').first();
    expect(await first.locator('td').first().locator('.piece').allInnerTexts()).toEqual(['size-tilt[tilt=0', 'schedule=month-start', 'commission=bps 0]']);
    expect(await first.locator('td').first().innerText().then((t) => t.replace(/\s+/g, ' '))).toBe('size-tilt[tilt=0 schedule=month-start commission=bps 0]');
    expect(await first.locator(`td:nth-child(${heads.indexOf('period') + 1}) .piece`).allInnerTexts()).toEqual(['2000-06-01 →', '2026-07-31']);
    await v.page.close();
    // The degradation scatter at 11 px in CSS pixels as drawn (its viewBox scaled a 560-px picture to 344 px: ~7-px text).
    for (const viewport of [DESKTOP, PHONE]) {
      const page = (await visit(browser, files.sweep, viewport)).page;
      const sizes = await page.locator('svg.scatter text').evaluateAll((texts) =>
        texts.map((t) => {
          // Font size times the scale of the text's user units on screen (its CTM's x column, rotation included).
          const text = t as unknown as { getScreenCTM(): { a: number; b: number } | null; ownerDocument: { defaultView: { getComputedStyle(e: unknown): { fontSize: string } } } };
          const ctm = text.getScreenCTM();
          return Number.parseFloat(text.ownerDocument.defaultView.getComputedStyle(t).fontSize) * Math.hypot(ctm?.a ?? 0, ctm?.b ?? 0);
        }),
      );
      expect(sizes.length).toBeGreaterThanOrEqual(8);
      expect(Math.min(...sizes), `${viewport.width} px`).toBeGreaterThanOrEqual(11);
      const fits = await page.locator('svg.scatter').evaluate((svg) => ({ right: svg.getBoundingClientRect().right, card: (svg.closest('.card') as typeof svg).getBoundingClientRect().right }));
      expect(fits.right).toBeLessThanOrEqual(fits.card);
      await page.screenshot({ path: join(tmpdir(), `breadth-sweep-scatter-${viewport.width}.png`), fullPage: true });
      await page.close();
    }
  });

  it('sorts the trials table by a column on click, then reverses it', async () => {
    const v = await visit(browser, files.sweep, LAPTOP);
    const sharpeColumn = await v.page.locator('#trial-table thead th').evaluateAll((ths) => ths.findIndex((th) => th.textContent === 'Sharpe'));
    expect(sharpeColumn).toBeGreaterThan(0);
    const column = () => v.page.locator(`#trial-table tbody tr td:nth-child(${sharpeColumn + 1})`).evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-sort'))));
    await v.page.click(`#trial-table thead th[data-col="${sharpeColumn}"]`);
    const ascending = await column();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await v.page.click(`#trial-table thead th[data-col="${sharpeColumn}"]`);
    const descending = await column();
    expect(descending).toEqual([...ascending].reverse());
    await v.page.close();
  });

  it('keeps a hostile trial name as text and fits a phone', async () => {
    const v = await visit(browser, files.sweep, PHONE);
    await expectHealthy(v, 7, 'page-390');
    expect(await v.page.locator('img').count()).toBe(0);
    expect(await v.page.locator('h1').textContent()).toContain(HOSTILE);
    expect(await v.page.locator('ul.failed li').textContent()).toBe(`tilt[tilt=2 ${HOSTILE}]: strategy "size-tilt" failed on 2001-03-01: ${HOSTILE}`);
    const layout = await inPage<{ viewport: number; scrollWidth: number }>(v.page, 'layout');
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.viewport);
    await v.page.close();
  });
});

describe('the walk-forward page', () => {
  it('draws the stitched equity and the per-window returns, and links the tear sheet', async () => {
    const v = await visit(browser, files.walkForward, LAPTOP);
    await expectHealthy(v, 2, 'walk-forward-1366');
    // In the header, and where the notes send the reader for the caveats they leave out.
    expect(await v.page.locator('a[href="size-tilt-walk-forward.html"]').count()).toBe(2);
    expect(await v.page.locator('#window-table tbody tr').count()).toBe(3);
    // Chosen by Sharpe: its in-sample value is the IS Sharpe column, not a second column beside it (probe r64f F4: "IS sharpe", "IS Sharpe").
    expect(await v.page.locator('#window-table thead th').allInnerTexts()).toEqual(['window', 'in sample', 'out of sample', 'tilt', 'schedule', 'IS annual return', 'IS Sharpe', 'OOS annual return', 'OOS Sharpe', 'efficiency']);
    expect(await v.page.locator('img').count()).toBe(0);
    expect(await v.page.locator('[id]').evaluateAll((all) => all.length - new Set(all.map((e) => e.id)).size)).toBe(0); // no id twice (the section and its table were both "windows")
    // The summary is four tiles in one row at 1366 px, each a bordered box (probe r55b: no rule styled them since the tear sheet's
    // tiles left, and they read as eight loose lines, a tile's note as the next one's label).
    const tiles = await v.page.locator('#summary .tile').evaluateAll((all) => all.map((e) => ({ top: Math.round(e.getBoundingClientRect().top), border: (globalThis as unknown as { getComputedStyle(e: unknown): { borderTopWidth: string } }).getComputedStyle(e).borderTopWidth })));
    expect(tiles).toHaveLength(4);
    expect(new Set(tiles.map((t) => t.top)).size).toBe(1);
    expect(tiles.every((t) => t.border === '1px')).toBe(true);
    // The in-sample trials that gave no result, each with its why (the terminal and --json listed
    // them, the page did not): the header counts them, the card lists them, the refused one said.
    expect(await v.page.locator('header').innerText()).toContain('among 45 trials; 2 failed or refused (listed with why)');
    expect(await v.page.locator('ul.failed li').allInnerTexts()).toEqual(['tilt[tilt=2]: tilt must be at most 1', `tilt[tilt=0.5]: strategy "cursed" failed on 2016-03-01: half a tilt ${HOSTILE}`]);
    expect(await v.page.locator('section#windows').innerText()).toContain("Never a window’s choice. 1 of them is a grid point the strategy's parameter check refused (never run).");
    await v.page.close();
  });

  it('says what changes how it reads: the stitched run\'s high and medium caveats, and the windows\' notes (probe r57b F1, F2)', async () => {
    const v = await visit(browser, files.walkForward, LAPTOP);
    // The high and the medium caveat with their severities (the low one is left to the tear sheet, which the line links), then the notes, as text.
    expect(await v.page.locator('#notes li.caveat').allInnerTexts()).toEqual([`HIGH\n189 days\nrequested 2014-06-30, data starts 2015-01-05 (189 days later) ${HOSTILE}`, 'MEDIUM\nannualised with P = 64: inferred: irregular spacing']);
    expect(await v.page.locator('#notes p.sub').innerText()).toBe('1 more caveat in its tear sheet.');
    expect(await v.page.locator('#notes p.sub a[href="size-tilt-walk-forward.html"]').count()).toBe(1);
    expect((await v.page.locator('#notes ul:not(.caveats) li').allInnerTexts()).at(-1)).toBe(`windows 1–3's in sample: every trial: ${HOSTILE}`);
    expect(await v.page.locator('nav.toc a[href="#notes"]').count()).toBe(1);
    // The cut window says so in its row.
    expect(await v.page.locator('#window-table tbody tr:nth-child(3) td:nth-child(3)').innerText()).toContain('(cut short: see the notes)');
    await v.page.close();
  });
});
