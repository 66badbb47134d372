import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { env } from '@/server/env';

/**
 * Live links (portal, invitation, sign-in, unsubscribe) exist in plain text only in the email as
 * delivered. An email is rendered with a placeholder in place of each such link; the links
 * themselves ride along in the outbox row, sealed (AES-256-GCM under a key derived from
 * AUTH_SECRET), are put in just before the send, and the sealed copy is dropped once the email is
 * sent or has failed for good. See docs/security.md, "Secrets in email".
 */

export const SECRET_LINK_LABELS = {
  portal: 'portal link',
  invite: 'invitation link',
  signin: 'sign-in link',
  unsub: 'unsubscribe link',
} as const;
export type SecretLinkKind = keyof typeof SECRET_LINK_LABELS;

// A placeholder is letters and digits only: React Email escapes nothing in it (HTML attribute,
// HTML text, the plain-text part), html-to-text never breaks it, and its 128 random bits are
// unique to one email. The pattern also finds what is left of one that a template cut short (a
// preview line of the first 120 characters): its link was cut too, so the stub goes.
const MARKER_PREFIX = 'afterviewsecret';
const MARKER_OR_STUB = /afterviewsecret(?:(portal|invite|signin|unsub)[0-9a-f]{32}|[0-9a-z]*)/g;

export class EmailSecretsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmailSecretsError';
  }
}

/** The placeholders of one email and the links they stand for; sealed into its outbox row. */
export class EmailSecrets {
  readonly #links = new Map<string, string>();

  /** A placeholder for `url`, unique to this email: render it where the link goes. */
  link(kind: SecretLinkKind, url: string): string {
    const marker = `${MARKER_PREFIX}${kind}${randomBytes(16).toString('hex')}`;
    this.#links.set(marker, url);
    return marker;
  }

  /**
   * Text somebody typed for an email (a reply, a note, a candidate's question) with every live link
   * in it replaced by a placeholder, so that the email still carries the link and the stored copy
   * does not. Typed text that looks like a placeholder is changed (one capital letter), so it can
   * neither stop the email nor be filled in.
   */
  protect(text: string): string {
    return replaceSecretUrls(text.replaceAll(MARKER_PREFIX, 'A' + MARKER_PREFIX.slice(1)), (url, kind) => this.link(kind, url));
  }

  get size(): number {
    return this.#links.size;
  }

  /** The links themselves, for the checks of the outbox and for tests. */
  values(): string[] {
    return [...this.#links.values()];
  }

  /** The sealed form stored with the email, bound to its row (`aad`); null when it has no links. */
  seal(aad: string, secret = env().authSecret): string | null {
    return this.#links.size === 0 ? null : sealEmailSecrets(this.#links, aad, secret);
  }
}

/** `v1.<iv>.<ciphertext>.<tag>`, base64url: AES-256-GCM of the links as JSON, `aad` as additional data. */
export function sealEmailSecrets(links: Map<string, string>, aad: string, secret = env().authSecret): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret), iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(JSON.stringify(Object.fromEntries(links)), 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

const keys = new Map<string, Buffer>();

/** One key per AUTH_SECRET, for this purpose only: HKDF with a purpose label, never the secret itself. */
function keyFor(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'afterview', 'afterview email secrets v1', 32));
    keys.set(secret, key);
  }
  return key;
}

/** The links a sealed value holds; throws EmailSecretsError when it cannot be opened. */
export function openEmailSecrets(sealed: string, aad: string, secret = env().authSecret): Map<string, string> {
  const [version, iv, body, tag, ...rest] = sealed.split('.');
  if (version !== 'v1' || !iv || !body || !tag || rest.length > 0) throw new EmailSecretsError('its links are stored in a form this version does not read');
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new EmailSecretsError('its links could not be decrypted (was AUTH_SECRET changed after it was queued?)');
  }
  const links = JSON.parse(plain) as Record<string, string>;
  return new Map(Object.entries(links));
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };

export interface FillableEmail {
  html: string;
  text: string;
  headers?: Record<string, string>;
}

/**
 * The email as it is sent: each placeholder replaced by its link (HTML-escaped in the HTML part,
 * as React would have written it). Throws when a placeholder is left with no link, so a broken
 * email is never sent.
 */
export function fillEmailSecrets<E extends FillableEmail>(email: E, links: Map<string, string>): E {
  const fill = (value: string, escape: boolean) =>
    value.replace(MARKER_OR_STUB, (marker, kind: string | undefined) => {
      if (!kind) return '';
      const url = links.get(marker);
      if (url === undefined) throw new EmailSecretsError('it holds a link placeholder with no link to put in its place');
      return escape ? url.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!) : url;
    });
  return {
    ...email,
    html: fill(email.html, true),
    text: fill(email.text, false),
    ...(email.headers ? { headers: Object.fromEntries(Object.entries(email.headers).map(([name, value]) => [name, fill(value, false)])) } : {}),
  };
}

/** Stored email text for people to read: each placeholder becomes "[portal link]" and the like. */
export function describeSecretMarkers(value: string): string {
  return value.replace(MARKER_OR_STUB, (_marker, kind: SecretLinkKind | undefined) => (kind ? `[${SECRET_LINK_LABELS[kind]}]` : ''));
}

// What Afterview's live links look like, wherever they come back from: a candidate quoting the
// invitation in a reply, a tracked click, a link pasted into a note. Any host (APP_URL may have
// changed since): the path and the token's exact shape decide. Quantifiers are bounded and the
// URL's start is found by a backward scan from each match, so a hostile text costs linear time.
const URL_CHAR = String.raw`[^\s<>"'()\[\]{}]`;
const TOKEN_END = String.raw`(?![A-Za-z0-9_-])`;
const SECRET_PATH = new RegExp(
  [
    String.raw`(\/p\/[A-Za-z0-9_-]{43}${TOKEN_END})`,
    String.raw`(\/invite\/[A-Za-z0-9_-]{43}${TOKEN_END})`,
    String.raw`(\/api\/auth\/callback\/[A-Za-z0-9_-]{1,50}\?${URL_CHAR}{0,400}?token=[A-Za-z0-9_%-]{16,200}${URL_CHAR}{0,600})`,
    String.raw`(\/unsubscribe\/v1\.[0-9a-f-]{36}\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}${TOKEN_END})`,
  ].join('|'),
  'g',
);
const KIND_BY_GROUP: SecretLinkKind[] = ['portal', 'invite', 'signin', 'unsub'];
const NOT_URL_CHAR = /[\s<>"'()[\]{}]/;
const URL_HEAD_MAX = 500;

/** Where the URL that ends in the path at `at` starts: its `http(s)://`, or the path itself. */
function urlStart(value: string, at: number, floor: number): number {
  let from = at;
  while (from > floor && at - from < URL_HEAD_MAX && !NOT_URL_CHAR.test(value[from - 1]!)) from -= 1;
  const run = value.slice(from, at);
  const scheme = /https?:\/\//.exec(run);
  return scheme ? from + scheme.index : at;
}

function replaceSecretUrls(value: string, replace: (url: string, kind: SecretLinkKind) => string): string {
  let out = '';
  let last = 0;
  for (const m of value.matchAll(SECRET_PATH)) {
    const kind = KIND_BY_GROUP[m.slice(1).findIndex((g) => g !== undefined)] ?? 'portal';
    const start = urlStart(value, m.index, last);
    const end = m.index + m[0].length;
    out += value.slice(last, start) + replace(value.slice(start, end), kind);
    last = end;
  }
  return out + value.slice(last);
}

/** Text with every live Afterview link in it replaced by what it was ("[portal link]"). */
export function redactSecretLinks(value: string): string {
  return replaceSecretUrls(value, (_url, kind) => `[${SECRET_LINK_LABELS[kind]}]`);
}

/** The same for every string in a JSON value (a webhook payload, a touch's meta). */
export function redactSecretLinksDeep<T>(value: T): T {
  if (typeof value === 'string') return redactSecretLinks(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactSecretLinksDeep(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSecretLinksDeep(v)])) as T;
  }
  return value;
}

/** The outbox row a sealed value belongs to: it opens only there (AES-GCM additional data). */
export function secretsAad(ref: { scope: 'system'; id: string } | { scope: 'agency'; orgId: string; id: string }): string {
  return ref.scope === 'system' ? `system_emails/${ref.id}` : `outbound_emails/${ref.orgId}/${ref.id}`;
}

/**
 * Refuses to store an email that holds one of its own live links in plain text: a template or a
 * caller that bypassed its placeholder would otherwise put the secret back in the table.
 */
export function assertNoPlainSecrets(email: { subject: string; html: string; text: string; headers?: Record<string, string> }, secrets?: EmailSecrets): void {
  if (!secrets || secrets.size === 0) return;
  const stored = [email.subject, email.html, email.text, ...Object.values(email.headers ?? {})];
  for (const url of secrets.values()) {
    if (stored.some((part) => part.includes(url) || part.includes(url.replaceAll('&', '&amp;')))) {
      throw new Error('An email was about to be stored with a live link in plain text; it must hold the placeholder instead.');
    }
  }
}
