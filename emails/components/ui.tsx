import { Button, Heading, Link, Text } from '@react-email/components';
import { Fragment, type CSSProperties, type ReactNode } from 'react';
import { AFTERVIEW_COLOR, inkOn, safeColor, textColorOnWhite } from './brand';

const BODY: CSSProperties = { fontSize: 15, lineHeight: '24px', color: '#374151', margin: '0 0 16px' };
const MUTED: CSSProperties = { fontSize: 13, lineHeight: '20px', color: '#6b7280', margin: '0 0 12px' };

export function EmailTitle({ children }: { children: ReactNode }) {
  return (
    <Heading as="h1" style={{ fontSize: 20, lineHeight: '28px', fontWeight: 600, color: '#111827', margin: '0 0 16px' }}>
      {children}
    </Heading>
  );
}

export function SectionTitle({ children }: { children: ReactNode }) {
  return (
    <Heading as="h2" style={{ fontSize: 16, lineHeight: '24px', fontWeight: 600, color: '#111827', margin: '28px 0 8px' }}>
      {children}
    </Heading>
  );
}

export function Paragraph({ children, style }: { children: ReactNode; style?: CSSProperties }) {
  return <Text style={{ ...BODY, ...style }}>{children}</Text>;
}

export function Muted({ children, style }: { children: ReactNode; style?: CSSProperties }) {
  return <Text style={{ ...MUTED, ...style }}>{children}</Text>;
}

/**
 * A link in the brand colour, darkened where needed so it stays readable on white. The colour is
 * a prop, not a context: templates also render inside Server Components, where context is not allowed.
 */
export function BrandLink({ href, children, style, color = AFTERVIEW_COLOR }: { href: string; children: ReactNode; style?: CSSProperties; color?: string }) {
  return (
    <Link href={href} style={{ color: textColorOnWhite(safeColor(color)), textDecoration: 'underline', ...style }}>
      {children}
    </Link>
  );
}

/** In the text part the button reads "label URL", so it needs no separate fallback there. */
export function EmailButton({ href, children, color = AFTERVIEW_COLOR }: { href: string; children: ReactNode; color?: string }) {
  const brand = safeColor(color);
  return (
    <Button
      href={href}
      style={{ backgroundColor: brand, color: inkOn(brand), borderRadius: 6, padding: '12px 20px', fontSize: 15, fontWeight: 600 }}
    >
      {children}
    </Button>
  );
}

/**
 * The address spelled out for clients that do not show the button. The text part already carries
 * the URL after the button's label, so this line is left out of it.
 */
export function PasteLink({ href }: { href: string }) {
  return (
    <Text style={{ ...MUTED, marginTop: 24, wordBreak: 'break-all' }} data-skip-in-text="true">
      Or paste this address into your browser: <BrandLink href={href}>{href}</BrandLink>
    </Text>
  );
}

/** Blank lines split paragraphs; single line breaks stay line breaks. */
export function splitParagraphs(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/^\n+|\n+$/g, ''))
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => paragraph.split('\n'));
}

/**
 * Text somebody typed (a recruiter's message, a candidate's question). React escapes it; explicit
 * <p> and <br> keep its shape in every client and in the text part, where CSS does not apply.
 */
export function UserText({ text, style }: { text: string; style?: CSSProperties }) {
  return (
    <>
      {splitParagraphs(text).map((lines, p) => (
        <Text key={p} style={{ ...BODY, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', ...style }}>
          {lines.map((line, i) => (
            <Fragment key={i}>
              {i > 0 ? <br /> : null}
              {line}
            </Fragment>
          ))}
        </Text>
      ))}
    </>
  );
}

/** Quoted text, shown as "> " lines in the text part. */
export function Quote({ children }: { children: ReactNode }) {
  return <blockquote style={{ margin: '0 0 16px', padding: '2px 0 2px 14px', borderLeft: '3px solid #d1d5db' }}>{children}</blockquote>;
}
