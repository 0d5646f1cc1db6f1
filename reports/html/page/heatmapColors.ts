// Heatmap colours: a diverging red–blue scale (ColorBrewer RdBu, which readers with the common
// colour-vision deficiencies still tell apart, unlike red–green) capped at ±limit, and for each
// cell the text colour, black or white, with the higher WCAG 2 contrast against its fill — at
// least 4.58:1 for any fill, above the 4.5:1 AA threshold for normal text.

/** From −limit (red) through 0 (near white) to +limit (blue). */
const STOPS = ['#b2182b', '#ef8a62', '#fddbc7', '#f7f7f7', '#d1e5f0', '#67a9cf', '#2166ac'];

const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16)) as [number, number, number];
const hex = (c: readonly number[]): string => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

/** WCAG 2 relative luminance of an sRGB colour. */
export function luminance(color: string): number {
  const [r, g, b] = rgb(color).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The fill of a value on the scale capped at ±limit (values beyond the cap take the end colour). */
export function divergingFill(value: number, limit: number): string {
  const f = Math.max(-1, Math.min(1, limit > 0 ? value / limit : 0));
  const x = ((f + 1) / 2) * (STOPS.length - 1);
  const k = Math.min(STOPS.length - 2, Math.floor(x));
  const a = rgb(STOPS[k]);
  const b = rgb(STOPS[k + 1]);
  return hex(a.map((v, j) => v + (b[j] - v) * (x - k)));
}

/** Black or white, whichever reads better on `fill`. */
export function inkFor(fill: string): string {
  return contrast(fill, '#000000') >= contrast(fill, '#ffffff') ? '#000000' : '#ffffff';
}
