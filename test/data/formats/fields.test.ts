import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../../data/dates.ts';
import { brokenCell, isMissingMarker, notANumberError, outOfRange, parseIsoDayBytes, parseNumber, parseNumberBytes, parseScaledNumber, readPlainDecimal, underflows } from '../../../data/formats/fields.ts';
import { readMarkedValue } from '../../../data/formats/markedValues.ts';

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

describe('a number scaled by a power of ten (a percent as its fraction)', () => {
  it('is the double its shifted digits read as, rounded once: 57.7 % is 0.577, where 57.7 / 100 is 0.5770000000000001 (probe r57a)', () => {
    expect(parseScaledNumber('57.7', -2)).toBe(0.577);
    expect(parseScaledNumber('-33.3', -2)).toBe(-0.333); // -33.3 / 100 is -0.33299999999999996
    expect(parseScaledNumber('0.07', -2)).toBe(0.0007); // 0.07 / 100 is 0.0007000000000000001
    // An exponent of its own moves with the scale; a bare point and a plus sign read as parseNumber reads them.
    expect(parseScaledNumber('5.77E+01', -2)).toBe(0.577);
    expect(parseScaledNumber('+5.', -2)).toBe(0.05);
    expect(parseScaledNumber('.5', -4)).toBe(0.00005);
    // Not a number, or beyond binary64 once scaled: NaN, as parseNumber.
    for (const text of ['', '5%', '5,2', '1e400', 'NaN']) expect(parseScaledNumber(text, -2), text).toBeNaN();
    expect(parseScaledNumber('1e309', -2)).toBe(1e307);
  });

  it('a percent with up to four decimals is exactly the fraction written with its point moved two places (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 4 }), (n, decimals) => {
        // n / 10^decimals percent, written both ways: "57.7" and "0.577".
        const digits = String(Math.abs(n)).padStart(decimals + 3, '0');
        const sign = n < 0 ? '-' : '';
        const percent = `${sign}${digits.slice(0, digits.length - decimals)}${decimals > 0 ? `.${digits.slice(-decimals)}` : ''}`;
        const fraction = `${sign}${digits.slice(0, digits.length - decimals - 2)}.${digits.slice(-decimals - 2)}`;
        expect(Object.is(parseScaledNumber(percent, -2), parseNumber(fraction)), `${percent} % and ${fraction}`).toBe(true);
      }),
      { numRuns: 5_000, seed: 20261201 },
    );
  });
});

describe('numbers beyond binary64', () => {
  // Number.MAX_VALUE is 1.7976931348623157e308; 1.8e308 rounds past it to Infinity.
  const tooLarge = ['1e400', '-1e400', '1.8e308', '+2E309', '1' + '0'.repeat(309), `${'9'.repeat(400)}.5`];

  it('are refused (NaN) by both readers, never read as ±Infinity; the largest double still reads', () => {
    for (const text of tooLarge) {
      expect(parseNumber(text), text).toBeNaN();
      expect(fromBytes(text), text).toBeNaN();
      expect(outOfRange(text), text).toBe(true);
    }
    for (const text of ['1.7976931348623157e308', '1' + '0'.repeat(308), '1e-400', '-0', 'Infinity', 'abc', '']) expect(outOfRange(text), text).toBe(false);
    expect(parseNumber('1.7976931348623157e308')).toBe(Number.MAX_VALUE);
    expect(fromBytes('1' + '0'.repeat(308))).toBe(1e308);
  });

  it('no text in a number\'s form reads as anything but a finite double or NaN, and NaN only beyond the range (property)', () => {
    const numberText = fc
      .tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^[0-9]{1,25}$/), fc.stringMatching(/^(\.[0-9]{0,25})?$/), fc.option(fc.integer({ min: -500, max: 500 })))
      .map(([sign, whole, fraction, exponent]) => `${sign}${whole}${fraction}${exponent === null ? '' : `e${exponent}`}`);
    fc.assert(
      fc.property(numberText, (text) => {
        const value = parseNumber(text);
        expect(Object.is(fromBytes(text), value), text).toBe(true);
        if (Number.isFinite(Number(text))) expect(Object.is(value, Number(text)), text).toBe(true);
        else expect(Number.isNaN(value) && outOfRange(text), text).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('a number below the smallest positive double reads as 0 and is told apart from a written 0', () => {
    for (const text of ['1e-400', '-2.5e-330', '0.1e-324']) expect(underflows(text), text).toBe(true);
    for (const text of ['0', '-0', '0.000', '0e-400', '5e-324', '1e400', 'abc']) expect(underflows(text), text).toBe(false);
    expect(parseNumber('1e-400')).toBe(0);
  });

  it('a marked value beyond the range is no value (a $ and 309 digits)', () => {
    expect(readMarkedValue(`$${'9'.repeat(309)}`, 'price')).toBeUndefined();
    expect(readMarkedValue('$190.60', 'price')?.value).toBe(190.6);
  });

  it('the refusal says the number is out of range, with the fix\'s examples fitting the column', () => {
    const at = { file: 'p.csv', line: 4, column: 'High' };
    expect(notANumberError(at, '1e400', '12.5 or 0.0625').message).toBe('p.csv:4: High "1e400" is beyond the range of a number (±1.8e308) — correct the value (such as 12.5 or 0.0625) or remove the row');
    expect(notANumberError(at, 'abc', '12.5 or 0.0625').message).toBe('p.csv:4: High is not a number ("abc") — write plain decimals such as 12.5 or 0.0625 (no thousands separators, currency signs or text)');
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

describe("Bloomberg's #N/A with a reason and spreadsheet error cells (probe r73d F1)", () => {
  const at = { file: 'b.csv', line: 2, column: 'PX_VOLUME' };
  it('#N/A followed by a reason is a missing-value marker, said as one with the empty-cell fix', () => {
    // Bloomberg's add-in writes "#N/A N/A" (no data) and "#N/A Field Not Applicable" where a value is missing: the same as Excel's #N/A.
    for (const marker of ['#N/A N/A', '#N/A Field Not Applicable', '#n/a History', '#N/A Sec']) {
      expect(isMissingMarker(marker)).toBe(true);
      expect(notANumberError(at, marker).message).toBe(`b.csv:2: PX_VOLUME is "${marker}", a missing-value marker, not a number — leave the cell empty where the value is not known, or remove the row`);
    }
  });

  it('a cell that says the sheet is broken is no missing value: refused with the fix for the sheet', () => {
    expect(isMissingMarker('#N/A Requesting Data...')).toBe(false);
    expect(notANumberError(at, '#N/A Requesting Data...').message).toBe("b.csv:2: PX_VOLUME is \"#N/A Requesting Data...\", Bloomberg's placeholder while a value loads: the sheet was saved before its data arrived — let the sheet finish loading, then save it again");
    expect(notANumberError(at, '#N/A Invalid Security').message).toMatch(/did not recognise the security.* — correct the security identifier in the sheet/);
    for (const error of ['#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!']) {
      expect(isMissingMarker(error)).toBe(false);
      expect(notANumberError(at, error).message).toBe(`b.csv:2: PX_VOLUME is "${error}", a spreadsheet formula error — correct the formula in the sheet, or leave the cell empty where the value is not known`);
    }
    expect(brokenCell('#N/A N/A')).toBeUndefined();
    expect(brokenCell('#N/A')).toBeUndefined();
    expect(isMissingMarker('#N/A')).toBe(true);
    expect(isMissingMarker('#N/Ax')).toBe(false);
  });
});

describe('date fields', () => {
  it('agree with parseIsoDay on valid and invalid dates', () => {
    for (const text of ['1970-01-01', '2000-02-29', '2016-01-04', '2026-07-31', '1926-07-01', '2100-02-28', '2399-12-31', '1600-03-01']) {
      expect(parseIsoDayBytes(Buffer.from(text), 0, 10)).toBe(parseIsoDay(text));
    }
    for (const text of ['2001-02-29', '2020-13-01', '2020-00-10', '2020-01-32', '2020/02/30', '20200102xx', '2020-1-02x', '2020/01-02']) {
      expect(parseIsoDayBytes(Buffer.from(text), 0, text.length)).toBeNaN();
    }
  });
});
