// `import … from 'breadth'` in a strategy file that no project around it provides (a file copied
// to any folder and run with `breadth run --strategy ./file.ts`) resolves to the breadth that is
// running it. A file inside a project that has breadth gets that project's copy, as Node decides.
// Needs Node's synchronous module hooks (22.15+); without them the file's own resolution stands.
// The format is left to Node, which reads it from the URL: breadth run from source (the
// breadth-source condition) resolves to index.ts, which read as plain JavaScript fails on its first
// type ("Unexpected identifier") wherever no TypeScript loader is registered, as for a .js file.

import module from 'node:module';

let registered = false;

export function provideBreadthToStrategies(): void {
  if (registered || typeof module.registerHooks !== 'function' || typeof import.meta.resolve !== 'function') return;
  registered = true;
  const own = import.meta.resolve('breadth');
  module.registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (specifier !== 'breadth' || (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND')) throw err;
        return { url: own, shortCircuit: true };
      }
    },
  });
}
