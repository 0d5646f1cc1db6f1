// A number whose marks do not fit its file is refused with a fix the value does not already follow
// (probe r27c finding 2: "$6,000.00" was told to write "," only between groups of three digits).
// Each advice's form is written here from its words, apart from the reader's own patterns.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dollarNumber } from '../../../data/formats/markedValues.ts';
import { needsMarksRead, numberMarksError, plainNumberText, type DecimalMark } from '../../../data/formats/numberMarks.ts';

const at = { file: 'X.csv', line: 2, column: 'Close' };
const basis = 'a guess: no number in the file shows its decimal mark';

/** The fix of the refusal the price reader gives `text` in a file of `decimal`, or undefined when it reads it. */
function fixFor(text: string, decimal: DecimalMark): string | undefined {
  const judged = dollarNumber(text) ?? text;
  if (!needsMarksRead(judged, decimal) || plainNumberText(judged, decimal) !== undefined) return undefined;
  return numberMarksError(at, text, decimal, basis, judged).fix;
}

/** What each advice asks for, from its words: "." before the decimals, "," only between groups of three. */
const GROUPED_AS_ADVISED: Readonly<Record<DecimalMark, RegExp>> = {
  '.': /^[+-]?(?=[\d.]*\d)(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d*)?$/,
  ',': /^[+-]?(?=[\d,]*\d)(?:\d{1,3}(?:\.\d{3})+|\d*)(?:,\d*)?$/,
};
/** A number alone: sign, digits and marks, perhaps an exponent. */
const NUMBER_ALONE = /^[+-]?[\d.,]*\d[\d.,]*(?:[eE][+-]?\d+)?$/;
/** Scientific notation as advised: no grouping, one decimal mark. */
const SCIENTIFIC_AS_ADVISED: Readonly<Record<DecimalMark, RegExp>> = { '.': /^[+-]?\d*\.?\d*[eE][+-]?\d+$/, ',': /^[+-]?\d*,?\d*[eE][+-]?\d+$/ };

describe('numberMarksError says what the field breaks', () => {
  it('characters besides the number: the number alone is the fix, shown when it fits the mark', () => {
    expect(numberMarksError(at, '6,000.00 USD', '.', basis).message).toBe('X.csv:2: Close "6,000.00 USD" holds "USD" besides its number 6,000.00 — write the number alone (6,000.00): no currency signs, units or text');
    expect(numberMarksError(at, '€6.000,00', '.', basis).message).toBe(
      'X.csv:2: Close "€6.000,00" holds "€" besides its number 6.000,00 — write the number alone, with "." before the decimals and "," only between groups of three digits (1,234,567.89), or no thousands separator: no currency signs, units or text',
    );
  });

  it('a thousands separator in scientific notation: the advice is about the exponent', () => {
    expect(numberMarksError(at, '1,005E+02', '.', basis).fix).toBe('in scientific notation write no thousands separator, and "." as the one mark before the decimals (1.005E+02)');
  });

  it('property: a refused value never already follows the advice it is given, and an advised form differs from it', () => {
    const field = fc.stringMatching(/^[-+$]{0,2}[\d.,]{0,9}(?:[eE][+-]?\d)?(?: USD|%|€)?$/);
    fc.assert(
      fc.property(field, fc.constantFrom<DecimalMark>('.', ','), (text, decimal) => {
        const fix = fixFor(text, decimal);
        if (fix === undefined) return;
        const judged = dollarNumber(text) ?? text;
        if (fix.startsWith('write the number alone')) {
          expect(judged).not.toMatch(NUMBER_ALONE);
          const shown = /^write the number alone \(([^)]*)\)/.exec(fix)?.[1];
          if (shown !== undefined) {
            expect(shown).not.toBe(text);
            expect(plainNumberText(shown, decimal)).toBeDefined();
          }
          return;
        }
        // The other advices are about marks alone: they hold only for a field that is a number alone.
        expect(judged).toMatch(NUMBER_ALONE);
        expect(judged).not.toMatch(fix.startsWith('in scientific notation') ? SCIENTIFIC_AS_ADVISED[decimal] : GROUPED_AS_ADVISED[decimal]);
      }),
      { numRuns: 2000 },
    );
  });
});
