// The CLI's workflows end to end, as a user runs them: a study, one run and the results database
// (runs list/show/delete, report, compare), baseline and regression, and the progress bar's manners.
// The workflows are independent and run concurrently; the steps inside each are sequential.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { breadth, breadthCommand, expectBadInput, expectNoTerminalDrawing, expectOk, parseJson, quote, scratch, shell, smallStudy, start, weekdays, write } from '../helpers.ts';

const HEADLINE = ['annual_return', 'annual_volatility', 'sharpe', 'max_drawdown', 'turnover', 'cost_total'];

function expectHtml(path: string): void {
  expect(existsSync(path), `${path} was not written`).toBe(true);
  const html = readFileSync(path, 'utf8');
  expect(html.slice(0, 200).toLowerCase()).toContain('<!doctype html');
  expect(html).toContain('</html>');
  expect(statSync(path).size).toBeGreaterThan(10_000);
}

describe.concurrent('breadth study', () => {
  it('prints the summary table, writes <out>/breadth.db and <out>/reports/*.html; a second run with --json parses', async () => {
    const dir = scratch();
    write(dir, 'small.yaml', smallStudy({ compare: true }));

    const first = await breadth(['study', 'small.yaml', '--out', 'results'], { cwd: dir });
    expectOk(first);
    expectNoTerminalDrawing(first.stderr, 'stderr of breadth study (CI=1)');
    expect(first.stdout).toContain('SYNTHETIC');
    const header = first.stdout.split('\n').find((line) => line.includes('CAGR'));
    expect(header, first.stdout).toBeDefined();
    for (const column of ['run', 'CAGR', 'volatility', 'Sharpe', 'max drawdown']) expect(header).toContain(column);
    for (const run of ['tilt', 'switch']) expect(first.stdout).toMatch(new RegExp(`│ ${run} +│ -?\\d+\\.\\d%`));
    expect(first.stdout).toContain(join('results', 'breadth.db'));

    expect(existsSync(join(dir, 'results', 'breadth.db'))).toBe(true);
    expect(readdirSync(join(dir, 'results', 'reports'))).toEqual(expect.arrayContaining(['compare-tilt-vs-switch.html', 'switch.html', 'tilt.html']));
    for (const page of ['tilt.html', 'switch.html', 'compare-tilt-vs-switch.html']) expectHtml(join(dir, 'results', 'reports', page));

    const second = await breadth(['study', 'small.yaml', '--out', 'results', '--json'], { cwd: dir });
    expectOk(second);
    expectNoTerminalDrawing(second.stderr, 'stderr of breadth study --json (CI=1)');
    const summary = parseJson(second);
    expect(summary.synthetic).toBe(true);
    expect(summary.db).toBe(join('results', 'breadth.db'));
    expect(summary.runs.map((r: { name: string }) => r.name)).toEqual(['tilt', 'switch']);
    expect(summary.runs.map((r: { benchmark: string }) => r.benchmark)).toEqual(['SYN_SMALL', 'SYN_SMALL']);
    for (const run of summary.runs) {
      expect(run.id).toBeGreaterThan(2); // stored after the first study's two runs
      for (const name of HEADLINE) expect(Number.isFinite(run.metrics[name]), `${run.name} ${name}`).toBe(true);
    }
    expect(summary.comparisons.map((c: { name: string }) => c.name)).toEqual(['tilt-vs-switch']);
    // The same study on the same data: the same numbers.
    const tiltFirst = first.stdout.split('\n').find((line) => line.startsWith('│ tilt '));
    expect(tiltFirst).toContain(`${(summary.runs[0].metrics.annual_return * 100).toFixed(1)}%`);
  });
});

describe.concurrent('breadth run, runs list|show|delete, report, compare', () => {
  let dir: string;
  let db: string;
  let switchRun: any;
  let holdRun: any;

  beforeAll(async () => {
    dir = scratch();
    db = join(dir, 'store', 'r.db');
    const first = await breadth(['run', '--strategy', 'iwm-vs-smlf', '--param', 'mode=switch', '--db', db, '--report', join(dir, 'html', 'r.html'), '--json'], { cwd: dir });
    expectOk(first);
    expectNoTerminalDrawing(first.stderr, 'stderr of breadth run (CI=1)');
    switchRun = parseJson(first);
    const second = await breadth(['run', '--strategy', 'iwm-vs-smlf', '--param', 'mode=hold-broad', '--label', 'hold', '--db', db, '--json'], { cwd: dir });
    expectOk(second);
    holdRun = parseJson(second);
  });

  it('run --json gives the headline metrics and writes the database and the tear sheet', () => {
    expect(switchRun).toMatchObject({ synthetic: true, db, report: join(dir, 'html', 'r.html') });
    expect(switchRun.data).toMatch(/sample/);
    expect(switchRun.runs).toHaveLength(1);
    const [run] = switchRun.runs;
    expect(run.name).toBe('iwm-vs-smlf');
    expect(Object.keys(run.metrics).sort()).toEqual([...HEADLINE].sort());
    for (const name of HEADLINE) expect(Number.isFinite(run.metrics[name]), name).toBe(true);
    expect(run.metrics.max_drawdown).toBeLessThanOrEqual(0);
    expect(run.metrics.annual_volatility).toBeGreaterThan(0);
    expect(run.metrics.turnover).toBeGreaterThan(0); // a switching strategy trades
    expect(run.metrics.cost_total).toBe(0); // no commission or slippage was asked for
    expect(existsSync(db)).toBe(true);
    expectHtml(join(dir, 'html', 'r.html'));
    expect(holdRun.runs[0].name).toBe('hold');
    expect(holdRun.runs[0].id).toBeGreaterThan(run.id);
  });

  it('runs list shows both runs, as a table and as JSON', async () => {
    const [text, json] = await Promise.all([breadth(['runs', 'list', db], { cwd: dir }), breadth(['runs', 'list', db, '--json'], { cwd: dir })]);
    expectOk(text);
    expectOk(json);
    expect(text.stdout).toMatch(/│ iwm-vs-smlf +│ iwm-vs-smlf +│/);
    expect(text.stdout).toMatch(/│ hold +│ iwm-vs-smlf +│/);
    const runs = parseJson(json);
    expect(runs.map((r: { id: number; label: string }) => [r.id, r.label])).toEqual([
      [switchRun.runs[0].id, 'iwm-vs-smlf'],
      [holdRun.runs[0].id, 'hold'],
    ]);
  });

  it('runs show gives the manifest, parameters and metrics of a run named by label or id', async () => {
    const [byLabel, byId] = await Promise.all([breadth(['runs', 'show', db, 'hold', '--json'], { cwd: dir }), breadth(['runs', 'show', db, String(switchRun.runs[0].id)], { cwd: dir })]);
    expectOk(byLabel);
    const shown = parseJson(byLabel);
    expect(shown.run).toMatchObject({ id: holdRun.runs[0].id, label: 'hold', strategy: 'iwm-vs-smlf' });
    expect(shown.run.params.mode).toBe('hold-broad');
    const annual = shown.metrics.find((m: { name: string }) => m.name === 'annual_return');
    expect(annual.value).toBeCloseTo(holdRun.runs[0].metrics.annual_return, 12);
    expectOk(byId);
    expect(byId.stdout).toContain(`run ${switchRun.runs[0].id} iwm-vs-smlf: iwm-vs-smlf`);
    expect(byId.stdout).toContain('"mode":"switch"');
    expect(byId.stdout).toContain('annual_return');
  });

  it('a label names its own run, even when it is also the strategy of a later run', async () => {
    // Run 1 is labelled "iwm-vs-smlf"; run 2 is labelled "hold" but its strategy is iwm-vs-smlf.
    const shown = await breadth(['runs', 'show', db, 'iwm-vs-smlf', '--json'], { cwd: dir });
    expectOk(shown);
    expect(parseJson(shown).run.label, 'breadth runs show <db> iwm-vs-smlf picked another run than the one labelled iwm-vs-smlf').toBe('iwm-vs-smlf');
  });

  it('report <db> <label> writes the tear sheet (default <folder of db>/reports/<db name>-report-<id>.html)', async () => {
    const o = await breadth(['report', db, 'hold'], { cwd: dir });
    expectOk(o);
    const page = join(dir, 'store', 'reports', `r-report-${holdRun.runs[0].id}.html`); // db is store/r.db
    expect(o.stdout).toBe(`tear sheet of run ${holdRun.runs[0].id}: ${page}\n`);
    expectHtml(page);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('report and compare of two databases named breadth.db in two folders write apart, beside each', async () => {
    const [a, b] = [switchRun.runs[0].id, holdRun.runs[0].id];
    for (const folder of ['x', 'y']) {
      mkdirSync(join(dir, folder), { recursive: true });
      copyFileSync(db, join(dir, folder, 'breadth.db'));
    }
    const written = await Promise.all(
      ['x', 'y'].map(async (folder) => {
        const [report, compare] = await Promise.all([breadth(['report', `${folder}/breadth.db`, String(a)], { cwd: dir }), breadth(['compare', `${folder}/breadth.db`, String(a), String(b)], { cwd: dir })]);
        return { folder, report, compare };
      }),
    );
    for (const { folder, report, compare } of written) {
      expectOk(report);
      expect(report.stdout).toBe(`tear sheet of run ${a}: ${folder}/reports/report-${a}.html\n`);
      expectOk(compare);
      expect(compare.stdout).toBe(`comparison of runs ${a}, ${b}: ${folder}/reports/compare-${a}-${b}.html\n`);
      expect(readdirSync(join(dir, folder, 'reports')).sort()).toEqual([`compare-${a}-${b}.html`, `report-${a}.html`]);
    }
  });

  it('compare <db> a b writes one comparison page', async () => {
    const [a, b] = [switchRun.runs[0].id, holdRun.runs[0].id];
    const out = join(dir, 'cmp', 'switch-vs-hold.html');
    const o = await breadth(['compare', db, String(a), 'hold', '--out', out, '--title', 'switch vs hold'], { cwd: dir });
    expectOk(o);
    expect(o.stdout).toContain(`comparison of runs ${a}, ${b}`);
    expectHtml(out);
    expect(readFileSync(out, 'utf8')).toContain('switch vs hold');
  });

  it('compare by labels compares the two labelled runs', async () => {
    const [a, b] = [switchRun.runs[0].id, holdRun.runs[0].id];
    const o = await breadth(['compare', db, 'iwm-vs-smlf', 'hold', '--out', join(dir, 'cmp', 'by-label.html')], { cwd: dir });
    expectOk(o);
    expect(o.stdout).toContain(`comparison of runs ${a}, ${b}`);
  });

  it('runs delete removes a run: list no longer shows it, the other stays', async () => {
    const copy = join(dir, 'store', 'copy.db');
    copyFileSync(db, copy); // the other tests read the original concurrently
    const gone = holdRun.runs[0].id;
    const del = await breadth(['runs', 'delete', copy, 'hold'], { cwd: dir });
    expectOk(del);
    expect(del.stdout).toContain(`deleted run ${gone}`);
    const [list, show] = await Promise.all([breadth(['runs', 'list', copy, '--json'], { cwd: dir }), breadth(['runs', 'show', copy, String(gone)], { cwd: dir })]);
    expectOk(list);
    expect(parseJson(list).map((r: { id: number }) => r.id)).toEqual([switchRun.runs[0].id]);
    expectBadInput(show, `no run ${gone}`);
  });
});

// Each test runs a chain of CLI processes, several at once: 120 s, not the default 60 s, for a loaded machine.
describe.concurrent('breadth baseline save / breadth regress', { timeout: 120_000 }, () => {
  it('an unchanged study passes; a changed parameter drifts (exit 1, naming run and metric); --update accepts it', async () => {
    const dir = scratch();
    // The sample at 20 stocks over 2 years: what drifts is the run whose parameter changed, at any size.
    const study = write(dir, 'study.yaml', smallStudy({ tilt: 0.5, stocks: 20, years: 2 }));
    const baseline = join('baselines', 'base.json');
    const regress = (...extra: string[]) => breadth(['regress', '--baseline', baseline, ...extra], { cwd: dir });

    const saved = await breadth(['baseline', 'save', 'study.yaml', '--out', baseline], { cwd: dir });
    expectOk(saved);
    expect(saved.stdout).toContain(baseline);
    const stored = JSON.parse(readFileSync(join(dir, baseline), 'utf8'));
    expect(stored.runs.map((r: { name: string }) => r.name)).toEqual(['tilt', 'switch']);

    // Unchanged: no drift.
    const same = await regress();
    expectOk(same);
    expect(same.stdout).toMatch(/no drift: 2 runs match/);

    // One parameter changed: size-tilt's tilt 0.5 → 0.8.
    write(dir, 'study.yaml', readFileSync(study, 'utf8').replace('tilt: 0.5', 'tilt: 0.8'));
    const [drift, driftJson, piped] = await Promise.all([
      regress(),
      regress('--json'),
      // A drift piped to a reader that stops at once (`| head -1` in a pipefail CI step) still fails:
      // the verdict is decided before the first byte (probe r70c F1: exit 0 on EPIPE).
      start('/bin/bash', ['-c', `set -o pipefail; ${breadthCommand()} regress --baseline ${baseline} | true`], { cwd: dir }, 'regress | true').ended,
    ]);
    expect(drift.status, drift.stdout + drift.stderr).toBe(1);
    expect(drift.stdout).toMatch(/DRIFT/);
    const rows = drift.stdout.split('\n').filter((line) => line.startsWith('│'));
    expect(rows.some((line) => /│ tilt +│ annual_return +│/.test(line)), drift.stdout).toBe(true);
    expect(rows.some((line) => /│ switch +│/.test(line)), 'the unchanged run must not drift').toBe(false);
    expect(drift.stdout).toContain('--update');
    expect(driftJson.status, driftJson.stderr).toBe(1);
    const report = parseJson(driftJson);
    expect(report.drifts.length).toBeGreaterThan(0);
    expect(new Set(report.drifts.map((d: { run: string }) => d.run))).toEqual(new Set(['tilt']));
    const annual = report.drifts.find((d: { what: string }) => d.what === 'annual_return');
    expect(annual).toBeDefined();
    expect(Number(annual.current)).not.toBeCloseTo(Number(annual.baseline), 6);
    expect(Number(annual.baseline)).toBeCloseTo(stored.runs[0].metrics.annual_return, 12);

    expect(piped.status, piped.stderr).toBe(1);
    expect(piped.stderr).toBe('');

    // Accept the change: the baseline now matches.
    const updated = await regress('--update');
    expectOk(updated);
    // The drifts counted are those of `regress` above; the data did not change, so no fingerprint is named.
    expect(updated.stdout).toContain(`updated (${report.drifts.length} differences beyond tolerance accepted, every value rewritten)`);
    const after = await regress();
    expectOk(after);
    expect(after.stdout).toMatch(/no drift/);
    expect(JSON.parse(readFileSync(join(dir, baseline), 'utf8')).runs[0].metrics.annual_return).toBeCloseTo(Number(annual.current), 12);
  });

  it('regress --update with nothing changed rewrites nothing: the data keeps the name baseline save gave it, not this machine\'s absolute path (probe r64c F2)', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'prices'));
    write(dir, join('prices', 'AAA.csv'), ['Date,Close', '2024-01-02,100', '2024-01-03,101', '2024-01-04,102', ''].join('\n'));
    write(dir, 'study.yaml', ['data: ./prices', 'benchmark: none', 'runs:', '  - name: hold', '    strategy: buy-and-hold', '    params: { weights: { AAA: 1 } }', ''].join('\n'));
    const file = join(dir, 'ci', 'b.json');
    expectOk(await breadth(['baseline', 'save', 'study.yaml', '--out', join('ci', 'b.json')], { cwd: dir }));
    const saved = readFileSync(file, 'utf8');
    expect(JSON.parse(saved)).toMatchObject({ study: join('..', 'study.yaml'), data_source: join('..', 'prices'), data: 'prices' });
    const updated = await breadth(['regress', '--baseline', join('ci', 'b.json'), '--update'], { cwd: dir });
    expectOk(updated);
    expect(updated.stdout).toBe('ci/b.json updated (0 differences beyond tolerance accepted, every value rewritten)\n');
    expect(readFileSync(file, 'utf8')).toBe(saved);
    // The data changed (a price file added): named as the baseline names it, in the verdict and in the file --update writes.
    write(dir, join('prices', 'BBB.csv'), ['Date,Close', '2024-01-02,50', '2024-01-03,50', '2024-01-04,50', ''].join('\n'));
    const other = await breadth(['regress', '--baseline', join('ci', 'b.json')], { cwd: dir });
    expectOk(other);
    expect(other.stdout).toMatch(/^no drift: 1 run matches ci\/b\.json, though the data differs from the baseline's \(prices: fingerprint [0-9a-f]{12}, recorded [0-9a-f]{12}\)\n$/);
    expectOk(await breadth(['regress', '--baseline', join('ci', 'b.json'), '--update'], { cwd: dir }));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ study: join('..', 'study.yaml'), data_source: join('..', 'prices'), data: 'prices' });
  });

  it("without --data, the study's own data: is baselined, and a changed price in it drifts (probe r28b: the sample was baselined in its place)", async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'prices'));
    const closes = [100, 101, 102, 104, 110];
    const csv = (c: number[]) => ['Date,Close', ...c.map((x, k) => `2024-01-0${k + 2},${x}`)].join('\n') + '\n';
    write(dir, join('prices', 'AAA.csv'), csv(closes));
    write(dir, 'study.yaml', ['data: prices', 'benchmark: none', 'runs:', '  - name: hold', '    strategy: buy-and-hold', '    params: { weights: { AAA: 1 } }', ''].join('\n'));
    const saved = await breadth(['baseline', 'save', 'study.yaml', '--out', join('baselines', 'b.json')], { cwd: dir });
    expectOk(saved);
    const stored = JSON.parse(readFileSync(join(dir, 'baselines', 'b.json'), 'utf8'));
    expect(stored.data_source).toBe(join('..', 'prices'));
    expect(saved.stdout).not.toMatch(/sample universe/);
    const same = await breadth(['regress', '--baseline', join('baselines', 'b.json')], { cwd: dir });
    expectOk(same);
    expect(same.stdout).toBe('no drift: 1 run matches baselines/b.json\n');
    // A file the study does not trade changes the data, not the results: said, exit 0.
    write(dir, join('prices', 'BBB.csv'), csv([50, 51, 52, 53, 54]));
    const other = await breadth(['regress', '--baseline', join('baselines', 'b.json')], { cwd: dir });
    expectOk(other);
    expect(other.stdout).toMatch(/^no drift: 1 run matches baselines\/b\.json, though the data differs from the baseline's \(prices: fingerprint [0-9a-f]{12}, recorded [0-9a-f]{12}\)\n$/);
    // …though the run gained a medium data note (BBB's bar dated on a Saturday, 2024-01-06): beside the verdict, not a drift.
    // (2 before it: Close only, and AAA's own Saturday bar; no survivorship note for a run holding the symbol it names, c79cd6d.)
    const gained = 'breadth: a caveat below high differs from baselines/b.json, not a drift (hold: caveat data-note (medium) 2 → 3): --update records it\n';
    expect(other.stderr).toBe(gained);
    write(dir, join('prices', 'AAA.csv'), csv([100, 101, 102, 104, 120]));
    // A baseline trimmed by hand to one metric (read below): regressed with the others, on the same data.
    const trimmed = JSON.parse(readFileSync(join(dir, 'baselines', 'b.json'), 'utf8'));
    trimmed.runs[0].metrics = { total_return: trimmed.runs[0].metrics.total_return };
    write(dir, join('baselines', 't.json'), JSON.stringify(trimmed));
    const [drift, jsonOutcome, partial] = await Promise.all([
      breadth(['regress', '--baseline', join('baselines', 'b.json')], { cwd: dir }),
      breadth(['regress', '--baseline', join('baselines', 'b.json'), '--json'], { cwd: dir }),
      breadth(['regress', '--baseline', join('baselines', 't.json')], { cwd: dir }),
    ]);
    expect(drift.status, drift.stdout + drift.stderr).toBe(1);
    expect(drift.stdout).toMatch(/│ hold +│ total_return +│/);
    expect(drift.stdout).toMatch(/^DRIFT: \d+ differences from baselines\/b\.json; the data differs from the baseline's \(/);
    const json = parseJson(jsonOutcome);
    expect(json.data_changed).toBe(true);
    expect(json.not_compared).toEqual([]);
    // The baseline trimmed to one metric: the others are said not compared, not passed in silence (probe r29b).
    expect(partial.stderr).toMatch(/^breadth: a caveat below high differs from baselines\/t\.json, not a drift \(hold: caveat data-note \(medium\) 2 → 3\): once the differences above are understood, --update records it\nbreadth: \d+ metrics the runs record are not in baselines\/t\.json, so not compared \(hold: annual_return, .*\): once the differences above are understood, --update records them\n$/);
    // …beside the verdict, never instead of it (probe r53a: the note alone hid every drift, and its --update would have accepted them unseen):
    // the last close moved 110 → 120 since the baseline, so total_return drifted, with the data.
    expect(partial.status, partial.stdout + partial.stderr).toBe(1);
    expect(partial.stdout).toMatch(/^DRIFT: 1 difference from baselines\/t\.json; the data differs from the baseline's \(/);
    expect(partial.stdout).toMatch(/│ hold +│ total_return +│/);
    const total = json.drifts.find((d: { what: string }) => d.what === 'total_return');
    expect([typeof total.baseline, typeof total.current]).toEqual(['number', 'number']);
  });

  it('a run that gained a high caveat and a stale-marks figure drifts, exit 1; a low caveat is said beside it; an older file without them says both not compared (probe r57b F4: "no drift", exit 0)', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'prices'));
    // 20 weekdays 2024-01-02 … 2024-01-29; AAA at 100 and CCC at 50 throughout, both with a bar every
    // session in the baseline. Then CCC loses sessions 8 … 14 (2024-01-12 … 2024-01-22), its price unchanged.
    const days = weekdays(20);
    const csv = (close: number, skip: (k: number) => boolean = () => false) => `Date,Close\n${days.flatMap((d, k) => (skip(k) ? [] : [`${d},${close}\n`])).join('')}`;
    write(dir, join('prices', 'AAA.csv'), csv(100));
    write(dir, join('prices', 'CCC.csv'), csv(50));
    write(dir, 'study.yaml', ['data: prices', 'benchmark: none', 'engine: { initialCash: 10000 }', 'runs:', '  - name: hold', '    strategy: buy-and-hold', '    params: { weights: { AAA: 0.5, CCC: 0.5 } }', ''].join('\n'));
    expectOk(await breadth(['baseline', 'save', 'study.yaml', '--out', 'b.json'], { cwd: dir }));
    const saved = JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8'));
    expect(saved.runs[0].metrics).toMatchObject({ total_return: 0, stale_mark_peak: 0, stale_mark_mean: 0 }); // every metric, not only the headline ones
    expect(saved.runs[0].caveats).toContainEqual({ code: 'no-opens', severity: 'medium', symbols: [] });
    expect(saved.runs[0].caveats.some((c: { code: string }) => c.code === 'stale-marks')).toBe(false);

    write(dir, join('prices', 'CCC.csv'), csv(50, (k) => k >= 8 && k <= 14));
    // Hand values: 50 AAA and 100 CCC bought on 2024-01-03 (5,000 each of 10,000, no costs), prices
    // flat, so NAV 10,000 throughout and the fills the same. CCC's last bar before the gap is
    // session 7; a mark is stale once more than staleMarkSessions (5) sessions old: sessions 13
    // and 14 (t − 7 = 6, 7). stale_mark_peak = 100 × 50 / 10,000 = 0.5; stale_mark_mean = 2 × 0.5 / 20 = 0.05.
    // The file as breadth wrote it before baselines kept caveats and every metric (read below), regressed with the others.
    const headline = ['total_return', 'annual_return', 'annual_volatility', 'sharpe', 'sortino', 'max_drawdown', 'calmar', 'beta', 'alpha', 'information_ratio', 'turnover', 'avg_gross_exposure', 'avg_net_exposure', 'cost_total'];
    const { caveats: _, ...oldRun } = saved.runs[0];
    oldRun.metrics = Object.fromEntries(Object.entries(saved.runs[0].metrics).filter(([name]) => headline.includes(name)));
    write(dir, 'old.json', JSON.stringify({ ...saved, runs: [oldRun] }));
    const [text, json, oldText, oldJson] = await Promise.all([
      breadth(['regress', '--baseline', 'b.json'], { cwd: dir }),
      breadth(['regress', '--baseline', 'b.json', '--json'], { cwd: dir }),
      breadth(['regress', '--baseline', 'old.json'], { cwd: dir }),
      breadth(['regress', '--baseline', 'old.json', '--json'], { cwd: dir }),
    ]);
    expect(text.status, text.stdout + text.stderr).toBe(1);
    expect(text.stdout).toMatch(/^DRIFT: 3 differences from b\.json; the data differs/);
    expect(text.stdout).toMatch(/│ hold │ caveat stale-marks \(high: CCC\) │ 0 +│ 1 +│ exact +│/);
    expect(text.stderr).toBe('breadth: a caveat below high differs from b.json, not a drift (hold: caveat data-note (low: CCC) 0 → 1): once the differences above are understood, --update records it\n');
    expect(json.status, json.stderr).toBe(1);
    const report = parseJson(json);
    expect(report.drifts).toEqual([
      { run: 'hold', what: 'stale_mark_mean', baseline: 0, current: 0.05, tolerance: 'abs 1e-9, rel 1e-7' },
      { run: 'hold', what: 'stale_mark_peak', baseline: 0, current: 0.5, tolerance: 'abs 1e-9, rel 1e-7' },
      { run: 'hold', what: 'caveat stale-marks (high: CCC)', baseline: 0, current: 1, tolerance: 'exact' },
    ]);
    expect(report.caveats_changed).toEqual([
      { run: 'hold', code: 'stale-marks', severity: 'high', symbols: ['CCC'], baseline: 0, current: 1 },
      { run: 'hold', code: 'data-note', severity: 'low', symbols: ['CCC'], baseline: 0, current: 1 },
    ]);
    expect([report.not_compared, report.caveats_not_compared]).toEqual([[], []]);

    // The file as breadth wrote it before baselines kept caveats and every metric: read, nothing drifts,
    // and both are said not compared — stale_mark_peak among the metrics.
    expectOk(oldText);
    expect(oldText.stdout).toMatch(/^no drift: 1 run matches old\.json, though the data differs/);
    expect(oldText.stderr).toMatch(/^breadth: \d+ metrics the runs record are not in old\.json, so not compared \(hold: cagr_calendar, .*\): --update records them\nbreadth: the caveats of 1 run are not in old\.json \(saved before baselines kept them\), so not compared \(hold\): --update records them\n$/);
    const old = parseJson(oldJson);
    expect(old.not_compared).toEqual(expect.arrayContaining([{ run: 'hold', metric: 'stale_mark_peak' }, { run: 'hold', metric: 'stale_mark_mean' }]));
    expect(old.not_compared).toHaveLength(Object.keys(saved.runs[0].metrics).filter((name) => !headline.includes(name)).length);
    expect([old.caveats_not_compared, old.caveats_changed, old.drifts]).toEqual([['hold'], [], []]);
  });

  it('a study or data the baseline names that is gone is refused naming the baseline\'s field and the option that gives another, which works; --baseline <folder> says to name the file in it (probe r64c F5, F9)', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'prices'));
    write(dir, join('prices', 'AAA.csv'), ['Date,Close', '2024-01-02,100', '2024-01-03,101', '2024-01-04,102', ''].join('\n'));
    write(dir, 'study.yaml', ['data: prices', 'benchmark: none', 'runs:', '  - name: hold', '    strategy: buy-and-hold', '    params: { weights: { AAA: 1 } }', ''].join('\n'));
    expectOk(await breadth(['baseline', 'save', 'study.yaml', '--out', join('ci', 'b.json')], { cwd: dir }));
    renameSync(join(dir, 'study.yaml'), join(dir, 's2.yaml'));
    renameSync(join(dir, 'prices'), join(dir, 'p2'));
    const regress = (...args: string[]) => breadth(['regress', ...args], { cwd: dir });
    const [gone, goneData, fixed, folder, missing] = await Promise.all([
      regress('--baseline', join('ci', 'b.json')),
      regress('s2.yaml', '--baseline', join('ci', 'b.json')),
      regress('s2.yaml', '--baseline', join('ci', 'b.json'), '--data', 'p2'),
      regress('--baseline', 'ci'),
      regress('--baseline', join('ci', 'baseline.json')),
    ]);
    expectBadInput(
      gone,
      'breadth: ci/b.json: its study "../study.yaml" (relative to the baseline file) is study.yaml, which does not exist — restore it, or name the study to regress: breadth regress <study file> --baseline ci/b.json',
    );
    // s2.yaml's data: prices is gone too, but the baseline's data_source is what regress reads.
    expectBadInput(
      goneData,
      'breadth: ci/b.json: its data_source "../prices" (relative to the baseline file) is prices, which does not exist — restore it, or name the data to regress on with --data <path>',
    );
    expectOk(fixed);
    expect(fixed.stdout).toBe('no drift: 1 run matches ci/b.json\n');
    // A folder: the advice names a file in it, and following it (saving there, then regressing) works.
    expectBadInput(folder, 'breadth: --baseline ci is a folder: name the baseline file, e.g. --baseline ci/baseline.json');
    expectBadInput(missing, 'breadth: ci/baseline.json: no such baseline — create it with `breadth baseline save --out ci/baseline.json`');
    expectOk(await breadth(['baseline', 'save', 's2.yaml', '--data', 'p2', '--out', join('ci', 'baseline.json')], { cwd: dir }));
    expectOk(await regress('--baseline', join('ci', 'baseline.json')));
  });

  it('saved through a link to another folder, the paths are relative to the real file: regress on the file and on the link both find the study', async () => {
    const dir = scratch();
    write(dir, 'study.yaml', smallStudy({ stocks: 20, years: 2 })); // the paths are the point, not the sample's size
    mkdirSync(join(dir, 'links'));
    mkdirSync(join(dir, 'real', 'deep'), { recursive: true });
    symlinkSync(join(dir, 'real', 'deep', 'b.json'), join(dir, 'links', 'b.json'));
    expectOk(await breadth(['baseline', 'save', 'study.yaml', '--out', join('links', 'b.json')], { cwd: dir }));
    expect(lstatSync(join(dir, 'links', 'b.json')).isSymbolicLink()).toBe(true);
    const saved = JSON.parse(readFileSync(join(dir, 'real', 'deep', 'b.json'), 'utf8'));
    expect(saved.study).toBe(join('..', '..', 'study.yaml')); // from real/deep, not from links
    for (const o of await Promise.all([join('real', 'deep', 'b.json'), join('links', 'b.json')].map((file) => breadth(['regress', '--baseline', file], { cwd: dir })))) {
      expectOk(o);
      expect(o.stdout).toMatch(/no drift: 2 runs match/);
    }
  });
});

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

if (!hasScript) console.warn('test/cli: script(1) (util-linux) is absent — the progress-bar terminal tests are skipped');

describe.skipIf(!hasScript).concurrent('progress bar (stderr on a real terminal, through script(1))', () => {
  // `script` gives the command a pseudo-terminal: the one case where a bar may draw at all.
  const onTerminal = async (env: Record<string, string | undefined>) => {
    const dir = scratch();
    write(dir, 'small.yaml', smallStudy({ stocks: 20, years: 2 }));
    const command = `${breadthCommand()} study small.yaml --out results --no-reports > /dev/null`;
    const o = await shell(`script -q -e -c ${quote(command)} /dev/null`, { cwd: dir, env });
    expect(o.status, `${o.stdout}${o.stderr}`).toBe(0);
    return o.stdout; // what the terminal received: the command's stderr
  };

  it('does not draw when CI is set', async () => {
    expectNoTerminalDrawing(await onTerminal({ CI: '1' }), 'the terminal (CI=1)');
  });

  it('draws on a terminal without CI (so the check above can see a bar)', async () => {
    const terminal = await onTerminal({ CI: undefined });
    expect(terminal).toContain('\x1b[');
    expect(terminal).toMatch(/\d\/2/);
  });
});
