// Finding a headless Chromium for the HTML reports' browser tests and PDF export. The lookup order:
//   1. an explicit setting: the `executablePath` option, else the BREADTH_CHROMIUM variable;
//   2. a system Chromium or Chrome (on PATH, or the usual macOS application);
//   3. the Chromium that ships inside the npm package @sparticuz/chromium (Linux x64), unpacked
//      once from its brotli archives into a versioned folder of the temp directory.
// So a bare Linux machine with nothing but Node and npm gets a browser from `npm ci`; nothing is
// downloaded at run time, and it works offline. The unpacking is atomic (a staging folder renamed
// into place), so concurrent processes never launch a half-written binary. The package's own
// `executablePath()` is not used: it unpacks into the shared /tmp/chromium whatever its version,
// and answers "there" while another process is still writing it.
//
// Use it with playwright-core (or any launcher that takes a path, flags and an environment):
//   const found = await findChromium();
//   const browser = await chromium.launch({ executablePath: found.executablePath, args: [...found.args], env: { ...process.env, ...found.env } });

import { accessSync, constants, createReadStream, createWriteStream, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { UserError } from '../../data/errors.ts';

/** The environment variable that names a browser explicitly. */
export const CHROMIUM_VARIABLE = 'BREADTH_CHROMIUM';

/** The npm package whose Chromium is the last resort. */
export const NPM_CHROMIUM = '@sparticuz/chromium';

export interface FoundChromium {
  /** Absolute path of the browser executable. */
  readonly executablePath: string;
  /** Where it came from: an explicit setting, a system install, or the npm package. */
  readonly source: 'setting' | 'system' | 'npm';
  /** One line for people, e.g. "/usr/bin/chromium (system)" or "@sparticuz/chromium 153.0.0 (npm)". */
  readonly description: string;
  /** Flags this browser needs here: `--no-sandbox` as root, and always for the npm build (it has no sandbox helper). */
  readonly args: readonly string[];
  /** Variables to add to the browser's environment: the shared libraries the npm build ships. */
  readonly env: Readonly<Record<string, string>>;
}

export interface FindChromiumOptions {
  /** An explicit browser; wins over BREADTH_CHROMIUM and everything else. */
  readonly executablePath?: string;
  /** Environment to read BREADTH_CHROMIUM and PATH from (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** Folder the npm build is unpacked into (default: the temp directory). */
  readonly cacheDir?: string;
}

/** Executable names of a system Chromium or Chrome, searched on PATH in this order. */
const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome'];
const MAC_APPS = ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

/**
 * The browser to launch, found in the order above. Throws a UserError when the explicit setting
 * names no executable file, or when nothing is found (saying how to provide one).
 */
export async function findChromium(options: FindChromiumOptions = {}): Promise<FoundChromium> {
  const env = options.env ?? process.env;
  const sandboxless = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const setting = options.executablePath ?? env[CHROMIUM_VARIABLE];
  if (setting !== undefined && setting !== '') {
    const where = options.executablePath === undefined ? `${CHROMIUM_VARIABLE}=${setting}` : setting;
    if (!isExecutableFile(setting)) throw new UserError(`${where}: no executable browser there — point it at a Chromium or Chrome binary, or unset it`);
    return { executablePath: resolve(setting), source: 'setting', description: `${resolve(setting)} (${where})`, args: sandboxless, env: {} };
  }
  const system = systemChromium(env.PATH ?? '');
  if (system) return { executablePath: system, source: 'system', description: `${system} (system)`, args: sandboxless, env: {} };
  const packaged = await npmChromium(options.cacheDir ?? tmpdir());
  if (packaged) return packaged;
  throw new UserError(`no Chromium found: set ${CHROMIUM_VARIABLE}=/path/to/chrome, install Chromium or Chrome, or \`npm i -D ${NPM_CHROMIUM}\` (Linux x64)`);
}

/** A non-empty regular file this process may execute (an empty file bind-mounted over a browser is none). */
function isExecutableFile(path: string): boolean {
  try {
    const stat = statSync(path);
    if (!stat.isFile() || stat.size === 0) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function systemChromium(path: string): string | undefined {
  const onPath = path
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => SYSTEM_NAMES.map((name) => join(dir, name)));
  const candidates = process.platform === 'darwin' ? [...onPath, ...MAC_APPS] : onPath;
  const found = candidates.find(isExecutableFile);
  return found === undefined ? undefined : resolve(found);
}

/** The npm package's Chromium, unpacked on first use; undefined where the package is absent or not for this platform. */
async function npmChromium(cacheDir: string): Promise<FoundChromium | undefined> {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  const root = packageRoot(NPM_CHROMIUM);
  if (root === undefined) return undefined;
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const folder = join(cacheDir, `breadth-chromium-${version}-${process.getuid?.() ?? 'user'}`);
  const executablePath = join(folder, 'chromium');
  if (!isExecutableFile(executablePath)) await unpack(root, folder);
  return {
    executablePath,
    source: 'npm',
    description: `${NPM_CHROMIUM} ${version} (npm), unpacked in ${folder}`,
    args: ['--no-sandbox'],
    env: { LD_LIBRARY_PATH: [join(folder, 'al2023', 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(delimiter) },
  };
}

/** The folder of an installed package (its entry resolved from here, then up to its package.json). */
function packageRoot(name: string): string | undefined {
  let at: string;
  try {
    at = dirname(createRequire(import.meta.url).resolve(name));
  } catch {
    return undefined;
  }
  for (; dirname(at) !== at; at = dirname(at)) {
    try {
      if ((JSON.parse(readFileSync(join(at, 'package.json'), 'utf8')) as { name?: string }).name === name) return at;
    } catch {
      // no package.json at this level
    }
  }
  return undefined;
}

/**
 * Unpack the browser (chromium.br), its software GL (swiftshader.tar.br, beside the binary, where
 * Chromium looks for it) and the NSS/expat libraries it links (al2023.tar.br) into a staging folder,
 * then rename it into place. Losing the race to another process is fine: its copy is identical.
 */
async function unpack(root: string, folder: string): Promise<void> {
  const bin = join(root, 'bin');
  // tar-fs is the package's own dependency: resolve it from there, as the package does.
  const tar = createRequire(join(root, 'package.json'))('tar-fs') as { extract(dir: string): Writable };
  const staging = `${folder}.staging-${process.pid}-${Date.now()}`;
  mkdirSync(join(staging, 'al2023'), { recursive: true });
  try {
    await Promise.all([
      pipeline(createReadStream(join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(staging, 'chromium'), { mode: 0o755 })),
      pipeline(createReadStream(join(bin, 'swiftshader.tar.br')), createBrotliDecompress(), tar.extract(staging)),
      pipeline(createReadStream(join(bin, 'al2023.tar.br')), createBrotliDecompress(), tar.extract(join(staging, 'al2023'))),
    ]);
    renameSync(staging, folder);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
  }
}
