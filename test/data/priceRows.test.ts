import { describe, expect, it } from 'vitest';
import { PriceRowParser, type ParsedPrices } from '../../data/prices/priceRows.ts';

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
