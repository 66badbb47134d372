import { Body, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';

export function EmailLayout({ preview, children, footer }: { preview: string; children: ReactNode; footer?: string }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: '#f6f7f9', fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif', margin: 0, padding: '24px 0' }}>
        <Container style={{ backgroundColor: '#ffffff', borderRadius: 8, padding: '32px', maxWidth: 520 }}>
          <Text style={{ fontSize: 14, fontWeight: 700, color: '#4338ca', margin: '0 0 24px' }}>Afterview</Text>
          <Section>{children}</Section>
          <Hr style={{ borderColor: '#e5e7eb', margin: '32px 0 16px' }} />
          <Text style={{ fontSize: 12, color: '#6b7280', margin: 0 }}>
            {footer ?? 'You received this email because someone used this address on Afterview.'}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
