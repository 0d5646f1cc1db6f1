// The hash that names a source file's code (core/sourceHash.ts): sha256 of its text with CRLF read
// as LF, so a Windows checkout is the same code and an LF file hashes as it always did.

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sourceHash } from '../../core/sourceHash.ts';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('sourceHash', () => {
  it('is the sha256 of the text with CRLF read as LF', () => {
    // By hand: 'a\r\nb\r\n' reads 'a\nb\n'; a lone CR is a byte like any other.
    expect(sourceHash('a\r\nb\r\n')).toBe(sha256('a\nb\n'));
    expect(sourceHash('a\rb')).toBe(sha256('a\rb'));
  });

  it('of an LF text is its sha256 (stored source hashes do not move), and of its CRLF copy the same', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant('\n'), fc.string({ unit: 'grapheme' }))).map((parts) => parts.join('').replaceAll('\r', '')), (lf) => {
        expect(sourceHash(lf)).toBe(sha256(lf));
        expect(sourceHash(lf.replaceAll('\n', '\r\n'))).toBe(sha256(lf));
      }),
    );
  });
});
