import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PriceRowParser, type ParsedPrices } from '../../../data/prices/files/priceRows.ts';

const LONG = [
  'Ticker,Date,Close,AdjClose,Volume',
  'BB,2020-01-02,10.5,10.1,100',
  'AA,2020-01-02,20,19.5,',
  'BB,2020-01-03,10.75,10.35,200',
  'AA,2020-01-03,21.25,20.7,300',
  'CC,2020-01-03,5,5,0',
].join('\r\n');

function parse(text: string, chunkSizes: number[], keepTicker?: (t: string) => boolean): ParsedPrices {
  const parser = new PriceRowParser('long.csv', { keepTicker });
  const bytes = Buffer.from(text);
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = chunkSizes[k % chunkSizes.length];
    parser.push(bytes.subarray(at, at + size));
    at += size;
  }
  return parser.finish();
}

const plain = (p: ParsedPrices) => ({
  tickers: p.tickers,
  rowStart: Array.from(p.rowStart),
  day: Array.from(p.day),
  close: Array.from(p.fields.close!),
  adjClose: Array.from(p.fields.adjClose!),
  volume: Array.from(p.fields.volume!),
});

describe('PriceRowParser', () => {
  it('groups interleaved tickers, in first-seen order, dates ascending', () => {
    const p = plain(parse(LONG, [1 << 20]));
    expect(p.tickers).toEqual(['BB', 'AA', 'CC']);
    expect(p.rowStart).toEqual([0, 2, 4, 5]);
    expect(p.close).toEqual([10.5, 10.75, 20, 21.25, 5]);
    expect(p.volume).toEqual([100, 200, NaN, 300, 0]); // blank volume = unknown
    expect(p.day[1] - p.day[0]).toBe(1);
  });

  it('reads every written form of a number as Number() does, plain decimals and the rest alike (property)', () => {
    // Plain decimals take the one-pass reader; signs, exponents and empty volumes the general one.
    const positive = fc.double({ min: 1, max: 1e9, noNaN: true }).chain((x) =>
      fc.constantFrom(String(x), x.toFixed(3), `+${x.toFixed(2)}`, x.toExponential(4), `00${x.toFixed(1)}`, `${Math.round(x) + 1}.`, (x % 1).toFixed(4).slice(1) === '.0000' ? '1' : (x % 1).toFixed(4).slice(1)),
    );
    const row = fc.record({ open: positive, close: positive, volume: fc.oneof(fc.constant(''), fc.nat().map(String), fc.nat().map((n) => `${n}.0`)) });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.boolean(), fc.integer({ min: 1, max: 50 }), (rows, crlf, chunk) => {
        const lines = ['Date,Open,Close,Volume', ...rows.map((r, k) => `${new Date(Date.UTC(2020, 0, 1 + k)).toISOString().slice(0, 10)},${r.open},${r.close},${r.volume}`)];
        const parser = new PriceRowParser('S.csv', { symbol: 'S' });
        const bytes = Buffer.from(lines.join(crlf ? '\r\n' : '\n'));
        for (let at = 0; at < bytes.length; at += chunk) parser.push(bytes.subarray(at, at + chunk));
        const parsed = parser.finish();
        expect(Array.from(parsed.fields.open!)).toEqual(rows.map((r) => Number(r.open)));
        expect(Array.from(parsed.fields.close!)).toEqual(rows.map((r) => Number(r.close)));
        // A Volume empty on every row is dropped (read as absent).
        const volume = rows.every((r) => r.volume === '') ? undefined : rows.map((r) => (r.volume === '' ? NaN : Number(r.volume)));
        expect(parsed.fields.volume && Array.from(parsed.fields.volume)).toEqual(volume);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same result however the bytes are chunked', () => {
    const whole = plain(parse(LONG, [1 << 20]));
    for (const sizes of [[1], [2, 3], [7], [13, 1, 5], [64]]) expect(plain(parse(LONG, sizes))).toEqual(whole);
  });

  it('skips tickers the filter rejects', () => {
    const p = plain(parse(LONG, [5], (t) => t !== 'BB'));
    expect(p.tickers).toEqual(['AA', 'CC']);
    expect(p.close).toEqual([20, 21.25, 5]);
  });
});

describe('PriceRowParser filters', () => {
  it('a file whose tickers are all filtered out is empty, not an error', () => {
    const p = parse(LONG, [64], () => false);
    expect(p.tickers).toEqual([]);
    expect(Array.from(p.rowStart)).toEqual([0]);
  });
});
