// yargs' strict-mode message for unknown options, said by the name typed, once, with the option
// it most likely meant (cli/unknownOptions.ts).

import { describe, expect, it } from 'vitest';
import { unknownOptionsMessage } from '../../cli/unknownOptions.ts';

const declared = { from: 'first session (YYYY-MM-DD)', 'max-net': 'margin account: net at most this', maxNet: '', rf: 'risk-free and cash rate: an annual rate (0.03) or a rate series', benchmark: 'benchmark symbol or @role (e.g. SPY)', label: '' };

describe('unknownOptionsMessage', () => {
  it('drops the camel-case form yargs adds and names the option whose description holds the typed words', () => {
    expect(unknownOptionsMessage('Unknown arguments: cash-rate, cashRate', ['run', '--cash-rate', '0.02'], declared)).toBe('unknown option --cash-rate (did you mean --rf: risk-free and cash rate?)');
  });

  it('the nearest name within ⌊length / 3⌋ edits (fromm → from, 1 edit), else an option named as one of its words, else no hint', () => {
    expect(unknownOptionsMessage('Unknown arguments: fromm, benchmark-prices, benchmarkPrices, zzz', ['--fromm=2020-01-01', '--benchmark-prices', 'x', '--zzz'], declared)).toBe(
      'unknown options --fromm (did you mean --from: first session?), --benchmark-prices (did you mean --benchmark: benchmark symbol or @role?), --zzz',
    );
  });

  it('a typed camel-case name is kept; a short flag keeps its dash; a stray value is an argument, not an option; an option without a description is named bare', () => {
    expect(unknownOptionsMessage('Unknown arguments: cashRate, q, extra', ['--cashRate', '1', '-q', 'extra'], declared)).toBe('unknown options --cashRate (did you mean --rf: risk-free and cash rate?), -q; unexpected argument "extra"');
    expect(unknownOptionsMessage('Unknown argument: labl', ['--labl', 'x'], declared)).toBe('unknown option --labl (did you mean --label?)');
    // form is from with two adjacent letters swapped: one edit, as a typo (probe r67c F3).
    expect(unknownOptionsMessage('Unknown argument: form', ['--form', '2020-01-01'], declared)).toBe('unknown option --form (did you mean --from: first session?)');
    // maxNett is 1 edit from yargs' maxNet, which is --max-net: named as declared.
    expect(unknownOptionsMessage('Unknown argument: max-nett, maxNett', ['--max-nett', '1'], declared)).toBe('unknown option --max-nett (did you mean --max-net: margin account?)');
  });

  it('leaves any other message alone', () => {
    expect(unknownOptionsMessage('Missing required argument: baseline', [], declared)).toBeUndefined();
  });
});
