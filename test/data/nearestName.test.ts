// The nearest known name for a "did you mean" hint: optimal string alignment distance (Levenshtein's
// edits plus a swap of two adjacent letters as one), ignoring case, within
// max(1, ⌊length / 3⌋) edits.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestName, nearestSymbol, symbolHint, symbolsHint } from '../../data/nearestName.ts';

describe('nearestName', () => {
  it('one extra letter: BBBB → BBB (distance 1, allowed 1)', () => {
    expect(nearestName('BBBB', ['AAA', 'BBB'])).toBe('BBB');
  });

  it('case is ignored: bbb → BBB', () => {
    expect(nearestName('bbb', ['AAA', 'BBB'])).toBe('BBB');
  });

  it('the smallest distance wins, the first of equals: MSFTT → MSFT (1) over MSF (2); AAB → AAA before ABB', () => {
    expect(nearestName('MSFTT', ['MSF', 'MSFT'])).toBe('MSFT');
    expect(nearestName('AAB', ['AAA', 'ABB'])).toBe('AAA');
  });

  it('nothing near enough: QQQ vs SPY (3 edits, 1 allowed); none known', () => {
    expect(nearestName('QQQ', ['SPY', 'IWM'])).toBeUndefined();
    expect(nearestName('QQQ', [])).toBeUndefined();
  });

  it('longer names allow more edits: BRKB → BRK.B is 1; ABCDEF → ABXDEY is 2 of the 2 allowed, ABXYEZ 3', () => {
    expect(nearestName('BRKB', ['BRK.B'])).toBe('BRK.B');
    expect(nearestName('ABCDEF', ['ABXDEY'])).toBe('ABXDEY');
    expect(nearestName('ABCDEF', ['ABXYEZ'])).toBeUndefined();
  });

  it('a swap of two adjacent letters is one edit (Damerau): tlit → tilt, SYP → SPY, MFST → MSFT; Levenshtein counts 2 and gave none (probe r67c F3)', () => {
    expect(nearestName('tlit', ['mode', 'tilt'])).toBe('tilt');
    expect(nearestName('SYP', ['IWM', 'SPY'])).toBe('SPY');
    expect(nearestName('MFST', ['MSFT'])).toBe('MSFT');
  });

  it('no substring is edited twice (optimal string alignment): ABC → CA is 3 edits, not the swap-then-insert 2 of unrestricted Damerau–Levenshtein', () => {
    expect(nearestName('ABCDEF', ['CADEF'])).toBeUndefined(); // 3 of the 2 allowed
    expect(nearestName('ABCDEFGHI', ['CADEFGHI'])).toBe('CADEFGHI'); // 3 of the 3 allowed
  });

  it('two swaps are two edits, within the allowance of a six-letter name: ABCDEF → BADCEF; three in nine letters: BADCFEHGI is 4 from ABCDEFGHI', () => {
    expect(nearestName('ABCDEF', ['BADCEF'])).toBe('BADCEF');
    expect(nearestName('ABCDEFGHI', ['BADCFEGHI'])).toBe('BADCFEGHI');
    expect(nearestName('ABCDEFGHI', ['BADCFEHGI'])).toBeUndefined();
  });
});

describe('symbolHint (the same hint wherever a symbol is named)', () => {
  it('another case says symbols are case-sensitive; a near name is "did you mean"; a far one nothing', () => {
    expect(symbolHint('aaa', ['AAA', 'BBB'])).toBe(` ("AAA" is here: symbols are case-sensitive, and a per-symbol file's name is its symbol)`);
    expect(symbolHint('AAB', ['AAA', 'BBB'])).toBe(' (did you mean AAA?)');
    expect(symbolHint('QQQ', ['SPY', 'IWM'])).toBe('');
  });
});

// Probe r68b F8: with swaps as one edit, --symbols HSY (Hershey) on the ETF data said "did you mean SHY?" (a Treasury fund),
// VIV → IVV, GUER → GURE: tickers are short arbitrary letters, and a swap of two is usually another real ticker.
describe('nearestSymbol: a ticker is near by Levenshtein edits alone, a swap two of them', () => {
  it('HSY, VIV, GUER are no tickers near SHY, IVV, GURE (a swap: 2 edits, 1 allowed), though each is one swap from it as a word', () => {
    for (const [typed, swapped] of [['HSY', 'SHY'], ['VIV', 'IVV'], ['GUER', 'GURE']]) {
      expect(nearestSymbol(typed, ['SPY', swapped])).toBeUndefined();
      expect(symbolHint(typed, ['SPY', swapped])).toBe('');
      expect(symbolsHint([typed], ['SPY', swapped])).toBe('');
      expect(nearestName(typed, ['SPY', swapped])).toBe(swapped);
    }
  });

  it('an insertion, deletion or substitution is still one edit: SPYY → SPY, IW → IWM, QQQ → QQQM is 1; BRKB → BRK.B', () => {
    expect(nearestSymbol('SPYY', ['IWM', 'SPY'])).toBe('SPY');
    expect(symbolHint('IW', ['IWM', 'SPY'])).toBe(' (did you mean IWM?)');
    expect(symbolsHint(['SPYY', 'QQQ'], ['SPY', 'QQQM'])).toBe(' (did you mean SPY, QQQM?)');
    expect(nearestSymbol('BRKB', ['BRK.B'])).toBe('BRK.B');
  });

  it('a word keeps the swap as one edit: a param or metric name (sharep → sharpe, lokback → lookback is an insertion)', () => {
    expect(nearestName('sharep', ['sortino', 'sharpe'])).toBe('sharpe');
    expect(nearestName('lokback', ['lookback', 'topN'])).toBe('lookback');
  });
});

describe('symbolHint with an exchange suffix (EODHD IWM.US.csv, Kaggle iwm.us.txt)', () => {
  it('IWM asked where IWM.US (or iwm.us) is loaded offers it, and IWM.US asked where IWM is offers IWM', () => {
    expect(symbolHint('IWM', ['SPY', 'IWM.US'])).toBe(` (did you mean IWM.US? that is IWM with an exchange suffix, kept because a per-symbol file's name is its symbol: ask for IWM.US, or name the file IWM.csv)`);
    expect(symbolHint('IWM', ['iwm.us'])).toMatch(/^ \(did you mean iwm\.us\? .*: ask for iwm\.us, or name the file IWM\.csv\)$/);
    expect(symbolHint('IWM.US', ['IWM'])).toBe(' (did you mean IWM? that is IWM.US without its exchange suffix: ask for IWM)');
  });

  it('any symbol and 1–4 letter suffix, either way round, names the other (property)', () => {
    const letters = (min: number, max: number) => fc.stringMatching(new RegExp(`^[A-Za-z]{${min},${max}}$`));
    fc.assert(
      fc.property(letters(1, 6), letters(1, 4), (symbol, suffix) => {
        expect(symbolHint(symbol, [`${symbol}.${suffix}`])).toContain(`did you mean ${symbol}.${suffix}?`);
        expect(symbolHint(`${symbol}.${suffix}`, [symbol])).toContain(`did you mean ${symbol}?`);
      }),
    );
  });
});

describe('symbolHint for the names Stooq gives (probe r45c F3)', () => {
  it("Stooq's ASCII layout saved as IWM.csv: IWM.US comes from its <TICKER> column, so the fix is the column, not the file's name", () => {
    const fileOf = (symbol: string) => ({ 'IWM.US': '/d/IWM.csv' })[symbol];
    expect(symbolHint('IWM', ['IWM.US'], fileOf)).toBe(' (did you mean IWM.US? that is IWM with an exchange suffix, as the ticker column of IWM.csv writes it: ask for IWM.US, or write IWM in that column)');
    // A file named IWM.US.csv still gets the rename (the file's name is the symbol).
    expect(symbolHint('IWM', ['IWM.US'], () => '/d/IWM.US.csv')).toContain('or name the file IWM.csv)');
  });

  it("Stooq's download name iwm_us_d.csv (symbol, market, period) is offered for IWM; it had no hint", () => {
    expect(symbolHint('IWM', ['spy_us_d', 'iwm_us_d'])).toBe(" (did you mean iwm_us_d? that is Stooq's download name for IWM (symbol, market, period), and a per-symbol file's name is its symbol: ask for iwm_us_d, or name the file IWM.csv)");
    expect(symbolHint('IWM', ['iwm_us'])).toBe('');
  });
});
