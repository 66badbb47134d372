import { describe, expect, it } from 'vitest';
import { renderTemplate, EMAIL_TEMPLATES } from '@/emails';
import {
  assertNoPlainSecrets,
  describeSecretMarkers,
  EmailSecrets,
  EmailSecretsError,
  fillEmailSecrets,
  openEmailSecrets,
  redactSecretLinks,
  redactSecretLinksDeep,
  sealEmailSecrets,
} from '@/server/email/email-secrets';

const SECRET = 'unit-test-auth-secret-unit-test-auth-secret';
const PORTAL = `https://app.example/p/${'A1b2_C3-d4'.repeat(4)}xyz`;
const INVITE = `https://app.example/invite/${'Zz9-_'.repeat(8)}abc`;
const SIGNIN = `https://app.example/api/auth/callback/email?callbackUrl=https%3A%2F%2Fapp.example%2F&token=${'0f'.repeat(32)}&email=a%40b.example`;
const UNSUB = `https://app.example/unsubscribe/v1.3f0e2a52-8f4a-4a8e-9a55-0f64a1c6c2b1.9c1d1f3e-5b6a-4c2d-8e7f-1a2b3c4d5e6f.${'Q'.repeat(43)}`;

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Renders a template twice, with the live link and with its placeholder filled in at "send time". */
async function bothWays<Id extends keyof typeof EMAIL_TEMPLATES>(id: Id, props: (link: string) => (typeof EMAIL_TEMPLATES)[Id]['previewProps'], kind: Parameters<EmailSecrets['link']>[0], url: string) {
  const direct = await renderTemplate(id, props(url));
  const secrets = new EmailSecrets();
  const stored = await renderTemplate(id, props(secrets.link(kind, url)));
  const sealed = secrets.seal('system_emails/1', SECRET)!;
  const sent = fillEmailSecrets({ html: stored.html, text: stored.text }, openEmailSecrets(sealed, 'system_emails/1', SECRET));
  return { direct, stored, sent };
}

describe('placeholders for live links', () => {
  it.each([
    ['magic-link', 'signin', SIGNIN] as const,
    ['portal-invitation', 'portal', PORTAL] as const,
    ['team-invitation', 'invite', INVITE] as const,
    ['daily-digest', 'unsub', UNSUB] as const,
  ])('%s: the stored email holds no link, and the sent one is the email rendered with the link', async (id, kind, url) => {
    const field = { 'magic-link': 'url', 'portal-invitation': 'portalUrl', 'team-invitation': 'acceptUrl', 'daily-digest': 'unsubscribeUrl' }[id];
    const { direct, stored, sent } = await bothWays(id, (link) => ({ ...EMAIL_TEMPLATES[id].previewProps, [field]: link }) as never, kind, url);
    expect(stored.html + stored.text).not.toContain(url.split('/').at(-1)!.slice(0, 30));
    expect(stored.text).toMatch(new RegExp(`afterviewsecret${kind}[0-9a-f]{32}`));
    // HTML escaping included (`&` in the sign-in link): exactly what React writes.
    expect(sent.html).toBe(direct.html);
    // Line wrapping of the text part depends on the link's length; the words do not.
    expect(squash(sent.text)).toBe(squash(direct.text));
    expect(sent.text).toContain(url);
  });

  it('are unique to each email and each link', () => {
    const a = new EmailSecrets();
    const b = new EmailSecrets();
    const markers = [a.link('portal', PORTAL), a.link('portal', PORTAL), b.link('portal', PORTAL)];
    expect(new Set(markers).size).toBe(3);
    for (const m of markers) expect(m).toMatch(/^[a-z0-9]+$/);
  });

  it('read as "[portal link]" and the like where people read a stored email', () => {
    const s = new EmailSecrets();
    const text = `Open ${s.link('portal', PORTAL)} or ${s.link('invite', INVITE)}, ${s.link('signin', SIGNIN)}, ${s.link('unsub', UNSUB)}.`;
    expect(describeSecretMarkers(text)).toBe('Open [portal link] or [invitation link], [sign-in link], [unsubscribe link].');
    // A placeholder cut short by a template (a 120-character preview) leaves nothing behind.
    expect(describeSecretMarkers(`Here: ${s.link('portal', PORTAL).slice(0, 30)}…`)).toBe('Here: …');
  });

  it('a placeholder with no link stops the send; a stub of one is dropped', () => {
    const s = new EmailSecrets();
    const kept = s.link('portal', PORTAL);
    const orphan = new EmailSecrets().link('portal', PORTAL);
    const links = openEmailSecrets(s.seal('x', SECRET)!, 'x', SECRET);
    expect(() => fillEmailSecrets({ html: orphan, text: '' }, links)).toThrow(EmailSecretsError);
    expect(fillEmailSecrets({ html: `a ${kept.slice(0, 25)}… b`, text: kept, headers: { 'List-Unsubscribe': `<${kept}>` } }, links)).toEqual({
      html: 'a … b',
      text: PORTAL,
      headers: { 'List-Unsubscribe': `<${PORTAL}>` },
    });
  });

  it('links pasted into typed text become placeholders, and fill back to the same text', () => {
    const s = new EmailSecrets();
    const typed = `Your link: ${PORTAL}\nJoin us: ${INVITE}. Not a secret: https://app.example/p/short and https://example.org/jobs`;
    const protectedText = s.protect(typed);
    expect(protectedText).not.toContain(PORTAL);
    expect(protectedText).not.toContain(INVITE);
    expect(protectedText).toContain('https://app.example/p/short and https://example.org/jobs');
    expect(s.size).toBe(2);
    expect(fillEmailSecrets({ html: '', text: protectedText }, openEmailSecrets(s.seal('y', SECRET)!, 'y', SECRET)).text).toBe(typed);
  });

  it('typed text that looks like a placeholder stays text, and stops nothing', () => {
    const s = new EmailSecrets();
    const typed = `Is this yours? ${new EmailSecrets().link('portal', PORTAL)}`;
    const text = s.protect(typed);
    expect(text).toMatch(/^Is this yours\? Afterviewsecretportal[0-9a-f]{32}$/);
    expect(fillEmailSecrets({ html: '', text }, new Map()).text).toBe(text);
  });

  it('an email that still holds one of its links in plain text is refused', () => {
    const s = new EmailSecrets();
    s.link('signin', SIGNIN);
    expect(() => assertNoPlainSecrets({ subject: 'x', html: `<a href="${SIGNIN.replaceAll('&', '&amp;')}">`, text: '' }, s)).toThrow(/plain text/);
    expect(() => assertNoPlainSecrets({ subject: 'x', html: '', text: '', headers: { 'List-Unsubscribe': `<${SIGNIN}>` } }, s)).toThrow(/plain text/);
    expect(() => assertNoPlainSecrets({ subject: 'x', html: 'fine', text: 'fine' }, s)).not.toThrow();
  });
});

describe('sealed links', () => {
  const links = new Map([['afterviewsecretportal' + '0'.repeat(32), PORTAL]]);

  it('open with the same AUTH_SECRET and row, and with nothing else', () => {
    const sealed = sealEmailSecrets(links, 'outbound_emails/org/1', SECRET);
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    expect(sealed).not.toContain('app.example');
    expect(openEmailSecrets(sealed, 'outbound_emails/org/1', SECRET)).toEqual(links);
    // Another secret (rotated), another row (copied), a changed byte, another format: all refused alike.
    expect(() => openEmailSecrets(sealed, 'outbound_emails/org/1', `${SECRET}-rotated`)).toThrow(/AUTH_SECRET/);
    expect(() => openEmailSecrets(sealed, 'outbound_emails/org/2', SECRET)).toThrow(EmailSecretsError);
    const [v, iv, body, tag] = sealed.split('.');
    const flipped = `${body!.slice(0, -2)}${body!.endsWith('AA') ? 'AB' : 'AA'}`;
    expect(() => openEmailSecrets([v, iv, flipped, tag].join('.'), 'outbound_emails/org/1', SECRET)).toThrow(EmailSecretsError);
    expect(() => openEmailSecrets('v2.a.b.c', 'outbound_emails/org/1', SECRET)).toThrow(/this version does not read/);
  });

  it('are sealed afresh each time (a new IV)', () => {
    expect(sealEmailSecrets(links, 'a', SECRET)).not.toBe(sealEmailSecrets(links, 'a', SECRET));
  });
});

describe('live links that come back (quoted, clicked, pasted)', () => {
  it('are cut out whatever their host, and what is not one stays', () => {
    const text = [
      `> Ask a question ${PORTAL}`,
      `href="${SIGNIN.replaceAll('&', '&amp;')}"`,
      `(${INVITE})`,
      `<${UNSUB}>`,
      `relative /p/${'x'.repeat(43)} too`,
      'https://app.example/p/too-short and https://example.org/careers/p/12',
      `https://app.example/p/${'y'.repeat(44)}`,
    ].join('\n');
    expect(redactSecretLinks(text)).toBe(
      [
        '> Ask a question [portal link]',
        'href="[sign-in link]"',
        '([invitation link])',
        '<[unsubscribe link]>',
        'relative [portal link] too',
        'https://app.example/p/too-short and https://example.org/careers/p/12',
        `https://app.example/p/${'y'.repeat(44)}`,
      ].join('\n'),
    );
  });

  it('are looked for in linear time, whatever a hostile reply holds', () => {
    for (const unit of ['/api/auth/callback/e?', 'http://', `https://x/p/${'a'.repeat(42)}`, '/unsubscribe/v1.', `${'a'.repeat(999)} `]) {
      const text = unit.repeat(Math.ceil(200_000 / unit.length));
      const started = performance.now();
      expect(redactSecretLinks(text)).toBe(text);
      expect(performance.now() - started).toBeLessThan(1500);
    }
  });

  it('are cut out of every string of a JSON value', () => {
    expect(redactSecretLinksDeep({ type: 'email.clicked', data: { click: { link: PORTAL, n: 1 }, to: [INVITE] } })).toEqual({
      type: 'email.clicked',
      data: { click: { link: '[portal link]', n: 1 }, to: ['[invitation link]'] },
    });
  });
});
