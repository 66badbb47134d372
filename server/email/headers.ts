/**
 * Text that ends up in an email header (agency and sender names, subjects, MAIL_FROM, anything
 * else), and the one formatter for `From`.
 *
 * A header line ends at CR LF; a bare CR or LF, NUL, the other C0 and C1 controls, DEL and the
 * Unicode line and paragraph separators (which some mail software also breaks lines on) have no
 * business in one. Inputs bound for a header refuse them (zod, with the field named), and the
 * transport refuses to send a header that still holds one.
 */
export const HEADER_CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export function hasControlCharacters(text: string): boolean {
  return HEADER_CONTROL_CHARACTERS.test(text);
}

/** "The agency name can’t contain line breaks or control characters." */
export function controlCharactersMessage(field: string): string {
  return `The ${field} can’t contain line breaks or control characters.`;
}

/** For a zod `.refine`: refuses control characters in a header-bound field, naming the field. */
export function refuseControlCharacters(field: string): [(value: string) => boolean, string] {
  return [(value) => !hasControlCharacters(value), controlCharactersMessage(field)];
}

// A dot-atom addr-spec, ASCII only (Resend takes no non-ASCII mailboxes), nothing to quote.
const ADDR_SPEC = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

// A display name that is a plain phrase: RFC 5322 atext, spaces, and (RFC 6532) any non-ASCII
// character. A "." inside is an obs-phrase (RFC 5322 §4.1) that every parser reads as one name;
// leaving "Acme Inc." unquoted matters because Resend has been seen to refuse quoted display
// names in `from` (see below). Everything else, `,` `@` `<` `>` `"` `;` `:` `\` `(` `)` `[` `]`,
// would change the header's structure, so the name is quoted.
const PLAIN_PHRASE = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\u{10FFFF}-](?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\u{10FFFF} .-]*[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\u{10FFFF}.-])?$/u;

export class HeaderValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HeaderValueError';
  }
}

/**
 * One mailbox, `Display Name <address>`, for `From` (and any other address header).
 *
 * - The name is an RFC 5322 quoted-string (`\` and `"` escaped) whenever it holds a special, so
 *   `Evil, attacker@evil.example` stays one name and "Smith, Jones & Co" is not split in two.
 * - A name that would read as an RFC 2047 encoded-word (`=?…?=`) is quoted too: clients do not
 *   decode inside quotes (RFC 2047 §5), so it cannot smuggle in other text.
 * - Non-ASCII names are passed as UTF-8, not as RFC 2047 encoded-words. Resend's docs describe
 *   `from` only as "Your Name <sender@domain.com>" (api-reference/emails/send-email) and build the
 *   MIME message themselves; Anymail's live tests against Resend
 *   (anymail/django-anymail, anymail/backends/resend.py and tests/test_resend_integration.py)
 *   found that an encoded-word in `from` is refused ("security_error", 451, "The email payload
 *   contain invalid characters") while a UTF-8 display name is sent correctly.
 * - Control characters are refused (HeaderValueError), never dropped silently.
 */
export function formatMailbox(displayName: string | null | undefined, address: string): string {
  if (!ADDR_SPEC.test(address)) throw new HeaderValueError(`Not a plain email address: ${JSON.stringify(address)}`);
  const name = (displayName ?? '').trim();
  if (hasControlCharacters(name)) throw new HeaderValueError('A display name cannot contain line breaks or control characters.');
  if (name === '') return address;
  if (PLAIN_PHRASE.test(name) && !name.includes('=?')) return `${name} <${address}>`;
  return `"${name.replace(/[\\"]/g, '\\$&')}" <${address}>`;
}

/**
 * Reads `Name <address>`, `"Quoted, Name" <address>` or a bare address (MAIL_FROM's forms) into
 * its parts; null when it is not one mailbox.
 */
export function parseMailbox(value: string): { name: string | null; address: string } | null {
  const text = value.trim();
  if (hasControlCharacters(text)) return null;
  if (ADDR_SPEC.test(text)) return { name: null, address: text };
  const named = /^(.*?)\s*<([^<>\s]+)>$/s.exec(text);
  if (!named || !ADDR_SPEC.test(named[2]!)) return null;
  let name = named[1]!.trim();
  const quoted = /^"((?:[^"\\]|\\.)*)"$/s.exec(name);
  if (quoted) name = quoted[1]!.replace(/\\(.)/gs, '$1');
  else if (/["<>]/.test(name)) return null;
  return { name: name === '' ? null : name, address: named[2]! };
}

/**
 * The first header-bound field of an outgoing email that holds a control character (or a header
 * name that is not printable ASCII without ":"), or null. The transport refuses such an email.
 */
export function unsafeHeaderField(email: { from: string; to: string[]; subject: string; replyTo?: string; headers?: Record<string, string> }): string | null {
  if (hasControlCharacters(email.from)) return 'From';
  if (email.to.some(hasControlCharacters)) return 'To';
  if (email.replyTo !== undefined && hasControlCharacters(email.replyTo)) return 'Reply-To';
  if (hasControlCharacters(email.subject)) return 'Subject';
  for (const [name, value] of Object.entries(email.headers ?? {})) {
    if (!/^[\u0021-\u0039\u003b-\u007e]+$/.test(name)) return `header name ${JSON.stringify(name)}`;
    if (hasControlCharacters(value)) return name;
  }
  return null;
}
