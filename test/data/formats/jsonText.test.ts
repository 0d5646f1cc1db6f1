// JSON a user wrote or edited (a baseline, a study as .json): its value, or one line naming the
// file, line and column, and the fix (probe r53a F2: a NaN in a pretty-printed baseline gave V8's
// excerpt over two lines with no line and no fix; a baseline saved with a BOM was refused).

import { describe, expect, it } from 'vitest';
import { UserError } from '../../../data/errors.ts';
import { parseJsonText } from '../../../data/formats/jsonText.ts';

const refusal = (text: string): string => {
  try {
    parseJsonText(text, 'b.json');
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).not.toContain('\n');
    return (err as Error).message;
  }
  throw new Error('accepted');
};

describe('parseJsonText', () => {
  it('reads JSON as JSON.parse does; a UTF-8 byte order mark (Notepad) is dropped', () => {
    expect(parseJsonText('{"a": [1, 2.5, null, "x"]}', 'b.json')).toEqual({ a: [1, 2.5, null, 'x'] });
    expect(parseJsonText('\uFEFF{"a": 1}\n', 'b.json')).toEqual({ a: 1 });
    // A key twice keeps the last, as JSON.parse does: the exact JSON semantics.
    expect(parseJsonText('{"a": 1, "a": 2}', 'b.json')).toEqual({ a: 2 });
  });

  it('a NaN or Infinity typed for "no value": its line and column (counted by hand), and null as the fix', () => {
    // Line 3 is `  "sharpe": NaN,`: the N is its 13th character.
    expect(refusal('{\n  "total_return": 0.1,\n  "sharpe": NaN,\n  "beta": 1\n}\n')).toBe('b.json:3:13: not valid JSON: NaN is not a JSON value — JSON has no NaN or Infinity: write null');
    // V8 places this one itself, at the I (11th character) after the minus.
    expect(refusal('{"beta": -Infinity}')).toBe('b.json:1:11: not valid JSON: No number after minus sign — JSON has no NaN or Infinity: write null');
  });

  it('a trailing comma, single quotes, a missing comma, a cut-off file: placed, each on one line', () => {
    // `{"a": 1,}`: the } is the 9th character, after the comma.
    expect(refusal('{"a": 1,}')).toBe('b.json:1:9: not valid JSON: Expected double-quoted property name — no comma after the last item');
    expect(refusal("{'a': 1}")).toBe("b.json:1:2: not valid JSON: Expected property name or '}' — JSON strings take double quotes");
    expect(refusal('{"a": 1\n "b": 2}')).toBe("b.json:2:2: not valid JSON: Expected ',' or '}' after property value");
    expect(refusal('')).toBe('b.json: not valid JSON: Unexpected end of JSON input');
  });
});
