/**
 * Brand colours for the portal. The agency picks one colour; everything that must stay legible on
 * it, or with it on white, is derived here so no agency can choose its way out of WCAG AA.
 */

const HEX = /^#[0-9a-f]{6}$/i;

/** Used when there is no agency to brand for (message pages) or its colour is unusable. */
export const AFTERVIEW_BRAND = '#4338ca';

const BLACK = '#000000';
const WHITE = '#ffffff';
const TEXT_MIN_CONTRAST = 4.5;
const DARKEN_STEP = 0.05;

type Rgb = [number, number, number];

function toRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** The colour itself when it is a plain `#rrggbb`, else the Afterview colour. */
export function safeBrandColor(color: string): string {
  return HEX.test(color) ? color.toLowerCase() : AFTERVIEW_BRAND;
}

/** WCAG 2.x relative luminance. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = toRgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on the brand colour (buttons, the header band). */
export function brandInk(brand: string): typeof BLACK | typeof WHITE {
  return contrastRatio(brand, BLACK) >= contrastRatio(brand, WHITE) ? BLACK : WHITE;
}

/**
 * The brand colour, mixed with black until it reaches 4.5:1 on white, for links, focus rings and
 * accents on the white page. A dark brand colour comes back unchanged.
 */
export function brandText(brand: string): string {
  const rgb = toRgb(brand);
  for (let step = 0; step * DARKEN_STEP < 1; step += 1) {
    const keep = 1 - step * DARKEN_STEP;
    const candidate = toHex(rgb.map((c) => Math.round(c * keep)) as Rgb);
    if (contrastRatio(candidate, WHITE) >= TEXT_MIN_CONTRAST) return candidate;
  }
  return BLACK;
}

/**
 * The only inline CSS the page has (under the CSP nonce): the brand custom properties. The colour
 * is re-checked here because this text is not escaped inside <style>.
 */
export function brandCss(color: string): string {
  const brand = safeBrandColor(color);
  return `:root{--brand:${brand};--brand-ink:${brandInk(brand)};--brand-text:${brandText(brand)}}`;
}
