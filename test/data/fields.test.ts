import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../data/dates.ts';
import { parseIsoDayBytes, parseNumber, parseNumberBytes } from '../../data/formats/fields.ts';

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
