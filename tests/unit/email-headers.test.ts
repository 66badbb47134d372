import fc from 'fast-check';
import { addressParser } from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { oneLine } from '@/emails/components/subject';
import { formatMailbox, HeaderValueError, parseMailbox, unsafeHeaderField } from '@/server/email/headers';

const ADDRESS = 'no-reply@afterview.example';

/** How a mail client reads a From header: the list of mailboxes in it. */
const mailboxesOf = (header: string) => addressParser(header).map((m) => ({ name: m.name, address: 'address' in m ? m.address : undefined }));

describe('formatMailbox: one From mailbox, whatever the agency calls itself', () => {
  it.each([
    ['Acme Recruiting', 'Acme Recruiting <no-reply@afterview.example>'],
    ['Acme Inc.', 'Acme Inc. <no-reply@afterview.example>'],
    ["O'Brien & Partners", "O'Brien & Partners <no-reply@afterview.example>"],
    ['Smith, Jones & Co', '"Smith, Jones & Co" <no-reply@afterview.example>'],
    ['Evil, attacker@evil.example', '"Evil, attacker@evil.example" <no-reply@afterview.example>'],
    ['Talent <Partners>', '"Talent <Partners>" <no-reply@afterview.example>'],
    ['Acme; Bcc: x@evil.example', '"Acme; Bcc: x@evil.example" <no-reply@afterview.example>'],
    ['Acme (UK) Ltd', '"Acme (UK) Ltd" <no-reply@afterview.example>'],
    ['Say "hi"', '"Say \\"hi\\"" <no-reply@afterview.example>'],
    ['Back\\slash', '"Back\\\\slash" <no-reply@afterview.example>'],
    ['.NET Recruiters', '".NET Recruiters" <no-reply@afterview.example>'],
    // Quoted so that a client keeping to RFC 2047 §5 shows it as typed (lenient ones decode it:
    // display text either way, never another mailbox).
    ['=?utf-8?q?Bank?=', '"=?utf-8?q?Bank?=" <no-reply@afterview.example>'],
    ['Zoë Núñez Recrutement', 'Zoë Núñez Recrutement <no-reply@afterview.example>'],
    ['Büro, Köln', '"Büro, Köln" <no-reply@afterview.example>'],
    ['株式会社リクルート', '株式会社リクルート <no-reply@afterview.example>'],
    ['  Trimmed  ', 'Trimmed <no-reply@afterview.example>'],
    ['', 'no-reply@afterview.example'],
    [null, 'no-reply@afterview.example'],
  ])('%j → %s', (name, header) => {
    expect(formatMailbox(name, ADDRESS)).toBe(header);
    if (name?.trim() && !name.includes('=?')) expect(mailboxesOf(header)).toEqual([{ name: name.trim(), address: ADDRESS }]);
    expect(mailboxesOf(header)).toEqual([expect.objectContaining({ address: ADDRESS })]);
  });

  it('is read back by a mail parser as exactly one mailbox with the name as given, for any name without control characters', () => {
    const name = fc
      .string({ unit: fc.oneof(fc.constantFrom(...',@<>"\\;:()[].=?\' &'.split('')), fc.constantFrom('a', 'Z', '9', 'é', 'ß', '株', '😀')), minLength: 1, maxLength: 40 })
      .map((s) => s.replace(/ +/g, ' ').trim())
      .filter((s) => s !== '' && !/=\?.*\?=/.test(s));
    fc.assert(
      fc.property(name, (n) => {
        expect(mailboxesOf(formatMailbox(n, ADDRESS))).toEqual([{ name: n, address: ADDRESS }]);
      }),
      { numRuns: 1500 },
    );
  });

  it.each(['Acme\r\nBcc: attacker@evil.example', 'Acme\nX', 'Acme\rX', 'A\u0000', 'A\u0085B', 'A\u2028B', 'A\u007fB', 'A\tB'])('refuses the control characters in %j', (name) => {
    expect(() => formatMailbox(name, ADDRESS)).toThrow(HeaderValueError);
  });

  it.each(['a@b.com, c@d.com', 'Name <a@b.com>', 'a@b.com\r\n', 'a b@c.com', 'josé@b.com', 'nobody'])('refuses %j as the address', (address) => {
    expect(() => formatMailbox('Acme', address)).toThrow(HeaderValueError);
  });
});

describe('parseMailbox: reading MAIL_FROM', () => {
  it.each([
    ['Afterview <no-reply@afterview.example>', { name: 'Afterview', address: ADDRESS }],
    ['"Afterview, Inc." <no-reply@afterview.example>', { name: 'Afterview, Inc.', address: ADDRESS }],
    ['"Say \\"hi\\"" <no-reply@afterview.example>', { name: 'Say "hi"', address: ADDRESS }],
    ['<no-reply@afterview.example>', { name: null, address: ADDRESS }],
    [' no-reply@afterview.example ', { name: null, address: ADDRESS }],
  ])('%j', (value, parsed) => {
    expect(parseMailbox(value)).toEqual(parsed);
    expect(parseMailbox(formatMailbox(parsed.name, parsed.address))).toEqual(parsed);
  });

  it.each(['a@b.com, c@d.com', 'A <a@b.com>, B <c@d.com>', 'Afterview <no-reply@x.example>\r\nBcc: y@evil.example', 'Af"ter <a@b.com>', 'nobody', ''])('refuses %j', (value) => {
    expect(parseMailbox(value)).toBeNull();
  });
});

describe('unsafeHeaderField: what the transport refuses to send', () => {
  const ok = { from: `Acme <${ADDRESS}>`, to: ['c@example.com'], subject: 'Hello', replyTo: 'r@example.com', headers: { 'Message-ID': '<1@x>' } };

  it('passes a clean email', () => {
    expect(unsafeHeaderField(ok)).toBeNull();
  });

  it.each([
    [{ ...ok, subject: 'Hi\r\nBcc: attacker@evil.example' }, 'Subject'],
    [{ ...ok, subject: 'Hi\u2028there' }, 'Subject'],
    [{ ...ok, from: `Acme\n <${ADDRESS}>` }, 'From'],
    [{ ...ok, to: ['c@example.com\r\nBcc: x@evil.example'] }, 'To'],
    [{ ...ok, replyTo: 'r@example.com\n' }, 'Reply-To'],
    [{ ...ok, headers: { 'List-Unsubscribe': '<https://x>\r\nBcc: x@evil.example' } }, 'List-Unsubscribe'],
    [{ ...ok, headers: { 'X-Evil\r\nBcc': 'x' } }, 'header name "X-Evil\\r\\nBcc"'],
    [{ ...ok, headers: { 'Bad:Name': 'x' } }, 'header name "Bad:Name"'],
  ])('refuses %#: %s', (email, field) => {
    expect(unsafeHeaderField(email)).toBe(field);
  });
});

describe('oneLine: subjects built from stored names', () => {
  it('flattens every line break and control character to a space', () => {
    expect(oneLine('Senior\r\nBcc: x@evil.example\u2028Engineer\u0000\u0085 role')).toBe('Senior Bcc: x@evil.example Engineer role');
  });
});
