// Text and JSON leaving the renderer cannot become markup or end their script element.

import { describe, expect, it } from 'vitest';
import { escapeHtml, scriptJson } from '../../../reports/html/page/escape.ts';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
  });

  it('leaves other text alone', () => {
    expect(escapeHtml('IWM vs SMLF — 2026 ±1.2%')).toBe('IWM vs SMLF — 2026 ±1.2%');
  });
});

describe('scriptJson', () => {
  const hostile = { label: '</script><script>alert(1)</script>', note: '<!-- a & b -->', separators: 'a\u2028b\u2029c' };

  it('contains none of <, >, & or the JS line separators', () => {
    expect(scriptJson(hostile)).not.toMatch(/[<>&\u2028\u2029]/);
  });

  it('parses back to the same value', () => {
    expect(JSON.parse(scriptJson(hostile))).toEqual(hostile);
  });
});
