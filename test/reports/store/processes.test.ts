// Real processes against one database file: concurrent writers lose nothing, and a writer
// killed inside its transaction leaves no trace and a healthy file.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMetrics } from '../../../reports/runMetrics.ts';
import { fillsHash, getRun, listRuns, openStore, type Store, writeRun } from '../../../reports/store/index.ts';
import { largeResult, longShortRun } from './fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const SCRIPT = join(import.meta.dirname, 'scripts', 'writeRunProcess.ts');
const dir = mkdtempSync(join(tmpdir(), 'breadth-procs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The result every child writes (see scripts/writeRunProcess.ts).
const CHILD = largeResult(500, 300, 120);

function writer(file: string, strategy: string, runs: number, flags: string[] = []): ChildProcess {
  const args = ['--import', 'tsx', SCRIPT, file, strategy, String(runs), ...flags];
  return spawn(process.execPath, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((done) => child.on('close', (code, signal) => done({ code, signal, stdout, stderr })));
}

/** Resolves when the child prints `line`. */
function printed(child: ChildProcess, line: string): Promise<void> {
  return new Promise((done, fail) => {
    let seen = '';
    child.stdout?.on('data', (d: Buffer) => {
      seen += d.toString();
      if (seen.split('\n').includes(line)) done();
    });
    child.on('close', () => fail(new Error(`the writer exited before printing "${line}"`)));
  });
}

/** Rows in every run_id table that belong to no run: must always be none. */
function orphans(store: Store): Record<string, number> {
  const tables = store.db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%run_id%'").pluck().all();
  return Object.fromEntries(tables.map((t) => [t, store.db.prepare(`SELECT COUNT(*) FROM ${t} WHERE run_id NOT IN (SELECT id FROM runs)`).pluck().get() as number]));
}

function expectHealthy(store: Store): void {
  expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(store.db.pragma('foreign_key_check')).toEqual([]);
  expect(Object.values(orphans(store)).every((n) => n === 0)).toBe(true);
}

describe('concurrent writers', () => {
  it('8 processes writing 2 runs each to one file lose none', { timeout: 180_000 }, async () => {
    const file = join(dir, 'concurrent.db');
    openStore(file).close(); // here they race on writes only; the next test races on creation
    const children = Array.from({ length: 8 }, (_, k) => writer(file, `w${k}`, 2, ['--go']));
    const outcomes = Promise.all(children.map(exited));
    // Release them together once all have built their results, so their transactions overlap.
    await Promise.all(children.map((c) => printed(c, 'ready')));
    for (const c of children) c.stdin?.write('go\n');
    for (const o of await outcomes) expect(o, o.stderr).toMatchObject({ code: 0 });

    const store = openStore(file);
    const runs = listRuns(store);
    expect(runs).toHaveLength(16);
    expect(new Set(runs.map((r) => r.strategy)).size).toBe(8);
    const expectedHash = fillsHash(CHILD.fills, CHILD);
    const count = (table: string, id: number): unknown => store.db.prepare(`SELECT COUNT(*) FROM ${table} WHERE run_id = ?`).pluck().get(id);
    for (const run of runs) {
      expect(run.fillsHash).toBe(expectedHash);
      expect(count('daily', run.id)).toBe(500);
      expect(count('fills', run.id)).toBe(CHILD.fills.session.length);
      expect(count('positions', run.id)).toBe(CHILD.snapshots.session.length);
      expect(count('metrics', run.id)).toBe(runMetrics(CHILD).metrics.length);
    }
    expectHealthy(store);
    store.close();
  });

  it('…and neither do 4 processes that all create the same new file at once', { timeout: 180_000 }, async () => {
    const file = join(dir, 'created-together.db');
    const outcomes = await Promise.all(Array.from({ length: 4 }, (_, k) => exited(writer(file, `c${k}`, 1))));
    for (const o of outcomes) expect(o, o.stderr).toMatchObject({ code: 0 });
    const store = openStore(file);
    expect(listRuns(store)).toHaveLength(4);
    expectHealthy(store);
    store.close();
  });
  it('…and a store is created while another process holds the new file\'s write lock: it waits, then opens', { timeout: 60_000 }, async () => {
    // Switching a new file into WAL mode upgrades a read to a write lock, which SQLite's busy
    // timeout does not cover: the second of two processes creating one store failed at once
    // with SQLITE_BUSY (CI, stop 33). Here the other process holds the lock 0.8 s, then lets go.
    const file = join(dir, 'locked-at-creation.db');
    const holder = `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(file)});
      db.exec('BEGIN IMMEDIATE'); process.stdout.write('locked\\n');
      setTimeout(() => { db.exec('ROLLBACK'); db.close(); }, 800);`;
    const child = spawn(process.execPath, ['-e', holder], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const outcome = exited(child);
    await printed(child, 'locked');
    const started = Date.now();
    const store = openStore(file);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300); // it waited for the lock
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(listRuns(store)).toEqual([]);
    store.close();
    expect(await outcome).toMatchObject({ code: 0 });
  });
});

describe('a writer killed inside its transaction', () => {
  it('leaves no trace of its run and a healthy database', { timeout: 120_000 }, async () => {
    const file = join(dir, 'killed.db');
    const store = openStore(file);
    const before = longShortRun('kept');
    const kept = writeRun(store, { result: before, metrics: runMetrics(before) });

    const walBefore = statSync(`${file}-wal`).size;
    const child = writer(file, 'doomed', 1, ['--pause-at-position', '150000']);
    const outcome = exited(child);
    await printed(child, 'inside');
    // The run row, its daily rows, all its fills and most positions are written but not
    // committed; many are in the WAL file already (it grew by megabytes), yet a reader sees none.
    expect(statSync(`${file}-wal`).size - walBefore).toBeGreaterThan(4_000_000);
    expect(listRuns(store).map((r) => r.id)).toEqual([kept]);
    child.kill('SIGKILL');
    expect((await outcome).signal).toBe('SIGKILL');
    store.close();

    const after = openStore(file);
    expect(listRuns(after).map((r) => r.strategy)).toEqual(['kept']);
    expect(after.db.prepare("SELECT COUNT(*) FROM runs WHERE strategy = 'doomed'").pluck().get()).toBe(0);
    expect(after.db.prepare('SELECT COUNT(*) FROM fills WHERE run_id <> ?').pluck().get(kept)).toBe(0);
    expectHealthy(after);
    expect(getRun(after, kept)?.fills.length).toBe(before.fills.session.length);
    // The file takes new runs as before.
    const next = writeRun(after, { result: before, metrics: runMetrics(before) });
    expect(listRuns(after).map((r) => r.id)).toEqual([kept, next]);
    after.close();
  });
});
