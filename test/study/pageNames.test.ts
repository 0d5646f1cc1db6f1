// Page names of a results database (study/pageNames.ts): databases beside each other never share a
// page, whatever their extensions, and breadth.db keeps the plain names.

import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputPlaces, pagePath } from '../../study/pageNames.ts';

describe('pagePath', () => {
  it('drops only a .db extension from the prefix: a.db, a.sqlite and a.db3 write apart', () => {
    expect(pagePath('r', 'x/breadth.db', 'sweep-1')).toBe(join('r', 'sweep-1.html'));
    expect(pagePath('r', 'x/a.db', 'sweep-1')).toBe(join('r', 'a-sweep-1.html'));
    expect(pagePath('r', 'x/a.sqlite', 'sweep-1')).toBe(join('r', 'a.sqlite-sweep-1.html'));
    expect(pagePath('r', 'x/a.db3', 'report-2')).toBe(join('r', 'a.db3-report-2.html'));
    expect(pagePath('r', 'x/a', 'tilt')).toBe(join('r', 'a-tilt.html'));
    expect(pagePath('r', 'x/breadth.sqlite', 'tilt')).toBe(join('r', 'breadth.sqlite-tilt.html'));
  });

  it('two database names give one page only when they differ by a .db extension alone', () => {
    const stem = fc.stringMatching(/^[a-z][a-z0-9_-]{0,6}$/);
    const ext = fc.constantFrom('', '.db', '.sqlite', '.sqlite3', '.db3', '.x.db');
    const strip = (file: string): string => file.replace(/\.db$/, '');
    fc.assert(
      fc.property(stem, ext, stem, ext, (s1, e1, s2, e2) => {
        const [a, b] = [`${s1}${e1}`, `${s2}${e2}`];
        fc.pre(a !== 'breadth.db' && b !== 'breadth.db');
        expect(pagePath('out/reports', `out/${a}`, 'sweep-1') === pagePath('out/reports', `out/${b}`, 'sweep-1')).toBe(strip(a) === strip(b));
      }),
    );
  });
});

describe('outputPlaces', () => {
  it('pages follow --out, else the folder of --db, else out', () => {
    expect(outputPlaces(undefined, undefined)).toEqual({ out: 'out', db: join('out', 'breadth.db') });
    expect(outputPlaces(undefined, 'x/m.db')).toEqual({ out: 'x', db: 'x/m.db' });
    expect(outputPlaces('p', 'x/m.db')).toEqual({ out: 'p', db: 'x/m.db' });
  });
});
