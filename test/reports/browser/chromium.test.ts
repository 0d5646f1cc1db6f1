// The browser lookup: an explicit setting, then a system Chromium on PATH, then the npm package's
// Chromium — which must really launch here, whatever the machine has installed.

import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../data/errors.ts';
import { CHROMIUM_VARIABLE, findChromium, type FoundChromium } from '../../../reports/browser/chromium.ts';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'breadth-chromium-test-'));
  made.push(dir);
  return dir;
}

/** A fake browser: an executable file named `name` in a fresh folder. */
function fakeBrowser(name = 'chromium', mode = 0o755, text = '#!/bin/sh\n'): string {
  const path = join(folder(), name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

async function launchVersion(found: FoundChromium): Promise<string> {
  const browser = await chromium.launch({ executablePath: found.executablePath, args: [...found.args, '--disable-gpu'], env: { ...process.env, ...found.env } });
  try {
    const page = await browser.newPage();
    await page.setContent('<p id="x">drawn</p>');
    expect(await page.textContent('#x')).toBe('drawn');
    return browser.version();
  } finally {
    await browser.close();
  }
}

describe('the lookup order', () => {
  it('an explicit executablePath wins over BREADTH_CHROMIUM and the system', async () => {
    const explicit = fakeBrowser('my-chrome');
    const viaVariable = fakeBrowser('other-chrome');
    const system = fakeBrowser('chromium');
    const found = await findChromium({ executablePath: explicit, env: { [CHROMIUM_VARIABLE]: viaVariable, PATH: join(system, '..') } });
    expect(found).toMatchObject({ executablePath: explicit, source: 'setting' });
  });

  it('BREADTH_CHROMIUM wins over a system browser on PATH', async () => {
    const viaVariable = fakeBrowser('other-chrome');
    const system = fakeBrowser('chromium');
    const found = await findChromium({ env: { [CHROMIUM_VARIABLE]: viaVariable, PATH: join(system, '..') } });
    expect(found).toMatchObject({ executablePath: viaVariable, source: 'setting' });
    expect(found.description).toContain(CHROMIUM_VARIABLE);
  });

  it('BREADTH_CHROMIUM naming nothing executable is a one-line UserError naming the variable', async () => {
    const missing = join(folder(), 'no-such-chrome');
    await expect(findChromium({ env: { [CHROMIUM_VARIABLE]: missing, PATH: '' } })).rejects.toThrow(UserError);
    await expect(findChromium({ env: { [CHROMIUM_VARIABLE]: missing, PATH: '' } })).rejects.toThrow(`${CHROMIUM_VARIABLE}=${missing}: no executable browser there`);
  });

  it('a system chromium, google-chrome or chrome on PATH is found, in that order of names', async () => {
    const chrome = fakeBrowser('google-chrome');
    expect(await findChromium({ env: { PATH: join(chrome, '..') } })).toMatchObject({ executablePath: chrome, source: 'system' });
    const dir = join(chrome, '..');
    writeFileSync(join(dir, 'chromium'), '#!/bin/sh\n');
    chmodSync(join(dir, 'chromium'), 0o755);
    expect(await findChromium({ env: { PATH: dir } })).toMatchObject({ executablePath: join(dir, 'chromium'), source: 'system' });
  });

  it('a file that is not executable, or empty (a browser hidden by a bind mount), is passed over', async () => {
    const notExecutable = fakeBrowser('chromium', 0o644);
    const empty = fakeBrowser('chromium', 0o755, '');
    for (const path of [notExecutable, empty]) {
      const found = await findChromium({ env: { PATH: join(path, '..') } });
      expect(found.executablePath).not.toBe(path);
      expect(found.source).toBe('npm');
    }
  });
});

describe.runIf(process.platform === 'linux' && process.arch === 'x64')('the npm package @sparticuz/chromium (Linux x64)', () => {
  it('with no setting and no system browser, it is unpacked and launches', async () => {
    const found = await findChromium({ env: { PATH: '' } });
    expect(found.source).toBe('npm');
    expect(found.description).toMatch(/^@sparticuz\/chromium \d+\.\d+\.\d+ \(npm\)/);
    expect(found.args).toContain('--no-sandbox');
    expect(await launchVersion(found)).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('two lookups unpacking at once into an empty folder get one complete, working browser', async () => {
    const cacheDir = folder();
    const [a, b] = await Promise.all([findChromium({ env: { PATH: '' }, cacheDir }), findChromium({ env: { PATH: '' }, cacheDir })]);
    expect(a.executablePath).toBe(b.executablePath);
    expect(a.executablePath.startsWith(cacheDir)).toBe(true);
    expect(await launchVersion(a)).toMatch(/^\d+\./);
  });
});
