import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../data/dates.ts';
import { isMissingMarker, notANumberError, parseIsoDayBytes, parseNumber, parseNumberBytes, readPlainDecimal } from '../../data/formats/fields.ts';

const bytesOf = (text: string): Buffer => Buffer.from(`,${text},`);
const fromBytes = (text: string): number => parseNumberBytes(bytesOf(text), 1, text.length + 1);

describe('numeric fields', () => {
  it('the byte parser gives exactly the double Number() gives, for any printed double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = String(x);
        expect(Object.is(fromBytes(text), Number(text))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true, min: 0 }), (x) => {
        const text = x.toPrecision(17); // float32 printed as float64, like the Yahoo files
        expect(fromBytes(text)).toBe(Number(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('a plain decimal read as its end is found is the double Number() gives; other forms are left to the general reader', () => {
    const plain = (text: string): { end: number; value: number } => {
      const into = new Float64Array(1);
      const end = readPlainDecimal(Buffer.from(`${text},`), 0, into, 0);
      return { end, value: into[0] };
    };
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{0,18}(\.[0-9]{0,18})?$/), (text) => {
        const { end, value } = plain(text);
        const digits = text.replace('.', '');
        // Left to the general reader: no digit, or more than one exact division can take (≥ 2^53).
        expect(end < 0, text).toBe(digits === '' || BigInt(digits) >= 2n ** 53n);
        if (end >= 0) {
          expect(end).toBe(text.length);
          expect(Object.is(value, Number(text))).toBe(true);
        }
      }),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: 0 }), (x) => {
        const text = x.toFixed(Math.min(20, Math.max(0, 6 - Math.floor(Math.log10(Math.max(x, 1e-300))))));
        const { end, value } = plain(text);
        if (end === text.length) expect(Object.is(value, Number(text)), text).toBe(true);
        else expect(text.includes('e') || end < 0, text).toBe(true); // an exponent ends the plain form: the caller reads the field the general way
      }),
      { numRuns: 20_000 },
    );
    for (const other of ['', '-1.5', '+2', '.', 'abc']) expect(plain(other).end, other).toBe(-1);
    // It stops at the first byte that is no part of a plain decimal: the caller sees that it is not the separator.
    expect([plain('12.5x').end, plain('1e-3').end]).toEqual([4, 1]);
  });

  it('accepts plain decimals and exponents, rejects everything else', () => {
    for (const good of ['0', '-0.05', '+2', '1.', '.5', '1e-3', '32.590633392333984', '6127575']) {
      expect(fromBytes(good)).toBe(Number(good));
      expect(parseNumber(good)).toBe(Number(good));
    }
    for (const bad of ['', '-', '.', 'abc', '1,5', '0x10', 'Infinity', 'NaN', '1 000', '$5', '12a']) {
      expect(fromBytes(bad)).toBeNaN();
      expect(parseNumber(bad)).toBeNaN();
    }
  });
});

describe('missing-value markers', () => {
  it('are said to be one, with a fix that keeps the column; other text is "not a number"', () => {
    const at = { file: 'r.csv', line: 4, column: 'return' };
    for (const marker of ['null', 'NULL', 'NaN', 'N/A', 'n/a', 'NA', '-', '#N/A']) {
      expect(isMissingMarker(marker)).toBe(true);
      expect(notANumberError(at, marker).message).toBe(`r.csv:4: return is "${marker}", a missing-value marker, not a number — leave the cell empty where the value is not known, or remove the row`);
    }
    for (const text of ['-1', '--', 'none?', 'NAN1', '']) expect(isMissingMarker(text)).toBe(false);
    expect(notANumberError(at, '12%').message).toBe('r.csv:4: return is not a number ("12%") — write plain decimals such as 12.5 or -0.03 (no thousands separators, currency signs or text)');
  });
});

describe('date fields', () => {
  it('agree with parseIsoDay on valid and invalid dates', () => {
    for (const text of ['1970-01-01', '2000-02-29', '2016-01-04', '2026-07-31', '1926-07-01', '2100-02-28', '2399-12-31', '1600-03-01']) {
      expect(parseIsoDayBytes(Buffer.from(text), 0, 10)).toBe(parseIsoDay(text));
    }
    for (const text of ['2001-02-29', '2020-13-01', '2020-00-10', '2020-01-32', '2020/01/02', '20200102xx', '2020-1-02x']) {
      expect(parseIsoDayBytes(Buffer.from(text), 0, text.length)).toBeNaN();
    }
  });
});
