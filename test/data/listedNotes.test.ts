// Notes that list symbols, restated for some of them (data/listedNotes.ts).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listedNote, restateNote } from '../../data/listedNotes.ts';

const entry = (symbol: string, day: string): { symbol: string; text: string } => ({ symbol, text: `${symbol} ${day}` });
const entries = [entry('AAA', '2024-01-02'), entry('BBB', '2024-01-03'), entry('AAA', '2024-02-01'), entry('CCC', '2024-01-04'), entry('DDD', '2024-01-05'), entry('EEE', '2024-01-08'), entry('FFF', '2024-01-09')];

describe('listed notes', () => {
  const note = listedNote('{n} step was ignored: {list}', '{n} steps were ignored: {list}', entries);

  it('list the first five entries with the whole count', () => {
    expect(note.note).toBe('7 steps were ignored: AAA 2024-01-02, BBB 2024-01-03, AAA 2024-02-01, CCC 2024-01-04, DDD 2024-01-05, …');
  });

  it('restate the count and the list for the symbols kept, in the one-entry wording for one', () => {
    expect(restateNote(note, (s) => s === 'AAA')).toBe('2 steps were ignored: AAA 2024-01-02, AAA 2024-02-01');
    expect(restateNote(note, (s) => s === 'FFF')).toBe('1 step was ignored: FFF 2024-01-09');
    expect(restateNote(note, (s) => s === 'ZZZ')).toBeUndefined();
  });

  it('a list of symbols names up to five, counts more, and counts a symbol once', () => {
    const bySymbol = listedNote('volume is 0 on every row of {list}', 'volume is 0 on every row of {list}', entries, 'symbols');
    expect(bySymbol.note).toBe('volume is 0 on every row of 6 symbols');
    expect(restateNote(bySymbol, (s) => s < 'C')).toBe('volume is 0 on every row of AAA, BBB');
  });

  it('a list with "$" in it is written as is', () => {
    expect(listedNote('{n}: {list}', '{n}: {list}', [{ symbol: 'A', text: 'A $& $1' }]).note).toBe('1: A $& $1');
  });

  it('restating for every symbol gives the note back; for some, the count is the entries kept', () => {
    const symbols = fc.constantFrom('AAA', 'BBB', 'CCC', 'DDD');
    fc.assert(
      fc.property(fc.array(fc.record({ symbol: symbols, text: fc.string({ maxLength: 8 }) }), { minLength: 1, maxLength: 12 }), fc.subarray(['AAA', 'BBB', 'CCC', 'DDD']), (list, kept) => {
        const n = listedNote('{n} item: {list}', '{n} items: {list}', list);
        expect(restateNote(n, () => true)).toBe(n.note);
        const k = list.filter((e) => kept.includes(e.symbol)).length;
        const said = restateNote(n, (s) => kept.includes(s));
        if (k === 0) expect(said).toBeUndefined();
        else expect(said?.startsWith(`${k} item${k === 1 ? '' : 's'}: `)).toBe(true);
      }),
    );
  });
});
