import { Body, Container, Head, Hr, Html, Img, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';
import { resolveBrand, textColorOnWhite, type EmailBrand } from './brand';

export type { EmailBrand } from './brand';

export interface EmailLayoutProps {
  /** The inbox preview line; it is not part of the plain-text body. */
  preview: string;
  children: ReactNode;
  footer?: ReactNode;
  /** The agency the email speaks for; without it the email is Afterview's own. */
  brand?: EmailBrand;
}

const DEFAULT_FOOTER = 'You received this email because someone used this address on Afterview.';

export function EmailLayout({ preview, children, footer, brand: brandProp }: EmailLayoutProps) {
  const brand = resolveBrand(brandProp);
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: '#f6f7f9', fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif', margin: 0, padding: '24px 0' }}>
        <Container style={{ backgroundColor: '#ffffff', borderRadius: 8, padding: '32px', maxWidth: 520 }}>
          <Text style={{ fontSize: 16, lineHeight: '32px', fontWeight: 700, color: textColorOnWhite(brand.color), margin: '0 0 24px' }}>
            {brand.logoUrl ? (
              // The name sits next to the logo, so the image adds nothing for a screen reader or the text part.
              <Img src={brand.logoUrl} alt="" height={32} style={{ display: 'inline-block', verticalAlign: 'middle', height: 32, width: 'auto', marginRight: 10, border: 0 }} />
            ) : null}
            <span style={{ verticalAlign: 'middle' }}>{brand.name}</span>
          </Text>
          <Section>{children}</Section>
          <Hr style={{ borderColor: '#e5e7eb', margin: '32px 0 16px' }} />
          <Text style={{ fontSize: 12, lineHeight: '18px', color: '#6b7280', margin: 0 }}>{footer ?? DEFAULT_FOOTER}</Text>
        </Container>
      </Body>
    </Html>
  );
}
