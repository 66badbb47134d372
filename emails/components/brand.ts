/**
 * Brand colours for emails. The agency picks one colour; whatever must stay legible on it, or with it
 * on white, is derived here so no agency setting can make an email unreadable. emails/ may not
 * import from app/, so this mirrors the portal's rules rather than sharing them.
 */

const HEX = /^#[0-9a-f]{6}$/i;

export const AFTERVIEW_COLOR = '#4338ca';

/** Near-black rather than pure black: it matches the body text and reads as well (≥ 15:1 on white). */
export const INK_DARK = '#111827';
export const INK_LIGHT = '#ffffff';

const TEXT_MIN_CONTRAST = 4.5;
const DARKEN_STEP = 0.05;

export interface EmailBrand {
  name: string;
  /** `#rrggbb`; anything else falls back to the Afterview colour. */
  color: string;
  logoUrl: string | null;
}

export const AFTERVIEW_BRAND: EmailBrand = { name: 'Afterview', color: AFTERVIEW_COLOR, logoUrl: null };

type Rgb = [number, number, number];

function toRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The colour when it is a plain `#rrggbb`, else the Afterview colour. It ends up inside inline
 * `style` attributes, which React escapes as HTML but not as CSS, so nothing else may pass.
 */
export function safeColor(color: string | null | undefined): string {
  return color && HEX.test(color) ? color.toLowerCase() : AFTERVIEW_COLOR;
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

/** White or near-black, whichever reads better on the brand colour: button labels. */
export function inkOn(color: string): typeof INK_DARK | typeof INK_LIGHT {
  const brand = safeColor(color);
  return contrastRatio(brand, INK_DARK) > contrastRatio(brand, INK_LIGHT) ? INK_DARK : INK_LIGHT;
}

/** The brand colour darkened until it reaches 4.5:1 on white, for links and the header name. */
export function textColorOnWhite(color: string): string {
  const rgb = toRgb(safeColor(color));
  for (let step = 0; step * DARKEN_STEP < 1; step += 1) {
    const keep = 1 - step * DARKEN_STEP;
    const candidate = toHex(rgb.map((c) => Math.round(c * keep)) as Rgb);
    if (contrastRatio(candidate, INK_LIGHT) >= TEXT_MIN_CONTRAST) return candidate;
  }
  return INK_DARK;
}

/** Only http(s) logos: a `data:` or `javascript:` URL from agency settings never reaches an inbox. */
export function safeLogoUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function resolveBrand(brand: EmailBrand | undefined): EmailBrand {
  if (!brand) return AFTERVIEW_BRAND;
  return { name: brand.name.trim() || AFTERVIEW_BRAND.name, color: safeColor(brand.color), logoUrl: safeLogoUrl(brand.logoUrl) };
}
