// The Node version gate: breadth's SQLite addon (better-sqlite3 13) needs Node 22.12 or newer and
// crashes with a bare "Segmentation fault" on Node 20, so the bin and the library entry check the
// version first, before anything loads the addon.

/** Oldest supported Node, as [major, minor] (package.json `engines` says the same). */
export const MIN_NODE: readonly [number, number] = [22, 12];

/** The one-line refusal for `version` (default: this process's), or undefined when it is new enough. */
export function nodeVersionProblem(version: string = process.versions.node): string | undefined {
  const [major, minor] = version.split('.').map(Number);
  if (major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1])) return undefined;
  return (
    `breadth needs Node ≥ ${MIN_NODE.join('.')} (this is ${version}): install Node 24 LTS, ` +
    'or pin it in your project with `npm i -D node@24` so that npx and npm scripts run on it'
  );
}
