import { describe, expect, it } from 'vitest';
import { PORTAL_CSS, PORTAL_CSS_VERSION, renderPortalMessagePage, renderPortalPage, type PortalFormState, type PortalMessageKind, type PortalPageProps } from '@/app/portal/_view';
import { brandCss, brandInk, brandText, contrastRatio } from '@/app/portal/_view/brand';
import { QUESTION_MAX, THANKS_MAX, type PortalView } from '@/server/services/portal/types';

const NONCE = 'n0nce-abc';
const CSS_HREF = `/portal/styles.css?v=${PORTAL_CSS_VERSION}`;

function view(overrides: Partial<PortalView> = {}): PortalView {
  return {
    agency: { name: 'Northwind Talent', brandColor: '#1e3a8a', logoUrl: 'https://cdn.example/logo.png', timeZone: 'Europe/Berlin' },
    candidate: { firstName: 'Dana' },
    role: { title: 'Backend Engineer', clientCompany: 'Acme GmbH' },
    interview: {
      kind: 'video',
      startsAt: new Date('2026-02-03T13:00:00Z'),
      endsAt: new Date('2026-02-03T14:00:00Z'),
      interviewers: ['Alex Smith', 'Sam Lee'],
    },
    replyTime: { label: 'within 5 hours', basis: 'measured' },
    questions: [
      { id: 'q1', body: 'Is the role remote?', askedAt: new Date('2026-02-04T09:00:00Z'), answer: { body: 'Yes, fully.\nTwo days a month in Berlin.', answeredAt: new Date('2026-02-04T11:00:00Z'), by: 'Riley' } },
      { id: 'q2', body: 'When do I hear back?', askedAt: new Date('2026-02-05T09:00:00Z'), answer: null },
    ],
    thanks: [],
    linkExpiresAt: new Date('2026-03-05T12:00:00Z'),
    ...overrides,
  };
}

function emptyForm(requestId: string): PortalFormState {
  return { requestId, error: null, values: { body: '', to: [] } };
}

function props(overrides: Partial<PortalPageProps> = {}): PortalPageProps {
  return {
    view: view(),
    nonce: NONCE,
    notice: null,
    form: { question: emptyForm('req-q'), thanks: emptyForm('req-t') },
    cssHref: CSS_HREF,
    ...overrides,
  };
}

/** The opening tag of the element with this id. */
function tagWithId(html: string, id: string): string {
  const match = new RegExp(`<[a-z]+[^>]*\\bid="${id}"[^>]*>`).exec(html);
  if (!match) throw new Error(`no element with id ${id}`);
  return match[0];
}

function styleElement(html: string): string {
  const match = /<style[^>]*>([^<]*)<\/style>/.exec(html);
  if (!match?.[1]) throw new Error('no <style>');
  return match[1];
}

describe('renderPortalPage', () => {
  it('is an HTML5 document with the privacy meta tags, the stylesheet and one nonce’d style', async () => {
    const html = await renderPortalPage(props());
    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(html).not.toContain('XHTML');
    expect(html).toMatch(/<meta charset="utf-8"\/>/i);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow"/>');
    expect(html).toContain('<meta name="referrer" content="no-referrer"/>');
    expect(html).toContain('<title>Backend Engineer · Northwind Talent</title>');
    expect(html).toContain(`<link rel="stylesheet" href="/portal/styles.css?v=${PORTAL_CSS_VERSION}"/>`);
    expect(html.match(/<style/g)).toHaveLength(1);
    expect(html).toContain(`<style nonce="${NONCE}">`);
    expect(styleElement(html)).toMatch(/^:root\{--brand:#[0-9a-f]{6};--brand-ink:#(000000|ffffff);--brand-text:#[0-9a-f]{6}\}$/);
  });

  it('has no script, no inline style attribute and no inline event handler', async () => {
    const html = await renderPortalPage(
      props({
        notice: 'question',
        view: view({ thanks: [{ id: 't1', body: 'Thanks!', sentAt: new Date('2026-02-03T18:00:00Z'), to: [] }] }),
        form: { question: { requestId: 'r1', error: 'Write your question first.', values: { body: '', to: [] } }, thanks: emptyForm('r2') },
      }),
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain(' style="');
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('has the landmarks, exactly one h1 and the greeting', async () => {
    const html = await renderPortalPage(props());
    for (const tag of ['<header', '<main', '<footer']) expect(html.split(tag)).toHaveLength(2);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain('<h1>Hi Dana</h1>');
  });

  it('shows the agency logo with its name as alt text, and only when there is one', async () => {
    expect(await renderPortalPage(props())).toContain('<img class="logo" src="https://cdn.example/logo.png" alt="Northwind Talent"/>');
    const withoutLogo = await renderPortalPage(props({ view: view({ agency: { ...view().agency, logoUrl: null } }) }));
    expect(withoutLogo).not.toContain('<img');
    expect(withoutLogo).toContain('Northwind Talent');
  });

  it('shows the interview in the agency time zone, with the zone named', async () => {
    const html = await renderPortalPage(props());
    expect(html).toContain('Your interview');
    expect(html).toContain('<strong>Backend Engineer</strong> at <!-- -->Acme GmbH');
    expect(html).toContain('Video');
    expect(html).toContain('Tuesday, 3 February 2026, 14:00–15:00 CET');
    expect(html).toContain('Alex Smith and Sam Lee');
  });

  it('shows the role only when there is no interview', async () => {
    const html = await renderPortalPage(props({ view: view({ interview: null }) }));
    expect(html).toContain('Backend Engineer');
    expect(html).not.toContain('<dl');
    expect(html).not.toContain('name="to"');
  });

  it('renders what users typed as text, never as markup', async () => {
    const attack = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const html = await renderPortalPage(
      props({
        view: view({
          candidate: { firstName: '<b>Dana</b>' },
          questions: [{ id: 'q', body: attack, askedAt: new Date('2026-02-04T09:00:00Z'), answer: { body: attack, answeredAt: new Date('2026-02-04T10:00:00Z'), by: '<i>Riley</i>' } }],
          thanks: [{ id: 't', body: attack, sentAt: new Date('2026-02-04T09:00:00Z'), to: ['<u>Alex</u>'] }],
        }),
        form: { question: { requestId: 'r', error: 'Too long.', values: { body: `</textarea>${attack}`, to: [] } }, thanks: emptyForm('r2') },
      }),
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>Dana');
    expect(html).not.toContain('<i>Riley');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;/textarea&gt;');
    expect(html).toContain('&lt;b&gt;Dana&lt;/b&gt;');
  });

  it('keeps line breaks in user text, which the stylesheet shows with pre-wrap', async () => {
    const html = await renderPortalPage(props());
    expect(html).toContain('<p class="text">Yes, fully.\nTwo days a month in Berlin.</p>');
    expect(PORTAL_CSS).toMatch(/\.text \{[^}]*white-space: pre-wrap/);
  });

  it('lists questions newest first with a text badge, the answer and who gave it', async () => {
    const html = await renderPortalPage(props());
    const pending = html.indexOf('When do I hear back?');
    const answered = html.indexOf('Is the role remote?');
    expect(pending).toBeGreaterThan(-1);
    expect(answered).toBeGreaterThan(pending);
    expect(html).toContain('<span class="badge badge-pending">Pending</span>');
    expect(html).toContain('<span class="badge badge-answered">Answered</span>');
    expect(html.split('>Pending<')).toHaveLength(2);
    expect(html.split('>Answered<')).toHaveLength(2);
    expect(html).toContain('Expect an answer <!-- -->within 5 hours');
    expect(html).toContain('Answer from Riley');
    expect(html).toContain('4 Feb 2026, 10:00 CET');
  });

  it('has a friendly empty state when there are no questions, and no thank-you list when none were sent', async () => {
    const html = await renderPortalPage(props({ view: view({ questions: [] }) }));
    expect(html).toContain('You haven&#x27;t asked anything yet.');
    expect(html).not.toContain('badge');
    expect(html).not.toContain('Thank-you notes you sent');
  });

  it('lists the thank-you notes sent, to whom and when', async () => {
    const html = await renderPortalPage(
      props({
        view: view({
          thanks: [
            { id: 't1', body: 'Thank you both!', sentAt: new Date('2026-02-03T18:00:00Z'), to: ['Alex Smith', 'Sam Lee'] },
            { id: 't2', body: 'Thanks, everyone.', sentAt: new Date('2026-02-03T19:00:00Z'), to: [] },
          ],
        }),
      }),
    );
    expect(html).toContain('Thank-you notes you sent');
    expect(html).toContain('To Alex Smith and Sam Lee');
    expect(html).toContain('To the whole team');
    expect(html.indexOf('Thanks, everyone.')).toBeLessThan(html.indexOf('Thank you both!'));
  });

  it('posts two plain forms with their limits, labels and request ids', async () => {
    const html = await renderPortalPage(props());
    const forms = html.match(/<form [^>]*>/g) ?? [];
    expect(forms).toHaveLength(2);
    for (const tag of forms) expect(tag).toContain('method="post"');
    expect(forms[0]).toContain('action="/portal/questions"');
    expect(forms[1]).toContain('action="/portal/thanks"');
    expect(html).toContain('<input type="hidden" name="requestId" value="req-q"/>');
    expect(html).toContain('<input type="hidden" name="requestId" value="req-t"/>');
    const question = tagWithId(html, 'question-body');
    expect(question).toContain('name="body"');
    expect(question).toContain(`maxLength="${QUESTION_MAX}"`);
    expect(question).toContain('required=""');
    expect(question).not.toContain('aria-invalid');
    expect(tagWithId(html, 'thanks-body')).toContain(`maxLength="${THANKS_MAX}"`);
    expect(html).toContain('<label for="question-body">Your question</label>');
    expect(html).toContain('<label for="thanks-body">Your thank-you note</label>');
    expect(html).toContain('Up to <!-- -->2,000<!-- --> characters.');
    expect(html).toContain('>Send question</button>');
    expect(html).toContain('>Send thank-you note</button>');
    expect(html).not.toContain('role="alert"');
  });

  it('shows an error next to the field, keeps what was typed and marks the field invalid', async () => {
    const html = await renderPortalPage(
      props({ form: { question: { requestId: 'r-again', error: 'Your question is too long: 2,000 characters at most.', values: { body: 'My long\nquestion', to: [] } }, thanks: emptyForm('r2') } }),
    );
    const field = tagWithId(html, 'question-body');
    expect(field).toContain('aria-invalid="true"');
    expect(field).toMatch(/aria-describedby="[^"]*\bquestion-body-error\b/);
    expect(html).toMatch(/<p id="question-body-error" class="error">.*Your question is too long: 2,000 characters at most\.<\/p>/);
    expect(html).toContain('>My long\nquestion</textarea>');
    expect(html).toMatch(/<div class="error-summary" role="alert">.*<a href="#question-body">Your question is too long/);
    expect(html).toContain('value="r-again"');
    expect(tagWithId(html, 'thanks-body')).not.toContain('aria-invalid');
  });

  it('offers one checkbox per interviewer, ticked as submitted', async () => {
    const html = await renderPortalPage(
      props({ form: { question: emptyForm('r1'), thanks: { requestId: 'r2', error: 'Write a note first.', values: { body: '', to: ['Sam Lee'] } } } }),
    );
    expect(html).toContain('<legend>Address it to (optional)</legend>');
    const boxes = html.match(/<input type="checkbox"[^>]*>/g) ?? [];
    expect(boxes).toHaveLength(2);
    expect(boxes[0]).toContain('value="Alex Smith"');
    expect(boxes[0]).not.toContain('checked');
    expect(boxes[1]).toContain('value="Sam Lee"');
    expect(boxes[1]).toContain('checked=""');
    for (const box of boxes) expect(box).toContain('name="to"');
    expect(tagWithId(html, 'thanks-body')).toContain('aria-invalid="true"');
  });

  it('confirms a submit in a status region', async () => {
    const question = await renderPortalPage(props({ notice: 'question' }));
    expect(question).toMatch(/<main[^>]*><div class="notice" role="status"><p>Your question was sent\. Northwind Talent usually replies within 5 hours\.<\/p>/);
    const thanks = await renderPortalPage(props({ notice: 'thanks' }));
    expect(thanks).toContain('role="status"><p>Your thank-you note was sent.</p>');
    expect(await renderPortalPage(props())).not.toContain('role="status"');
  });

  it('warns in the footer when the link expires and not to share it', async () => {
    const html = await renderPortalPage(props());
    expect(html).toMatch(/This private link expires on <time dateTime="2026-03-05T12:00:00.000Z">5 March 2026<\/time>\. Don&#x27;t share it/);
    expect(html).toContain('Powered by Afterview');
  });
});

describe('brand colours', () => {
  it('picks the ink with the better contrast: black on yellow, white on navy', async () => {
    expect(brandInk('#ffff00')).toBe('#000000');
    expect(brandInk('#000080')).toBe('#ffffff');
    expect(brandInk('#1e3a8a')).toBe('#ffffff');
    expect(brandInk('#f59e0b')).toBe('#000000');
    const yellow = await renderPortalPage(props({ view: view({ agency: { ...view().agency, brandColor: '#FFFF00' } }) }));
    expect(styleElement(yellow)).toContain('--brand:#ffff00;--brand-ink:#000000;');
    const navy = await renderPortalPage(props({ view: view({ agency: { ...view().agency, brandColor: '#000080' } }) }));
    expect(styleElement(navy)).toContain('--brand:#000080;--brand-ink:#ffffff;');
  });

  it('darkens the brand colour just enough to be readable as text on white', () => {
    expect(brandText('#000080')).toBe('#000080');
    for (const color of ['#ffff00', '#ffffff', '#22c55e', '#f59e0b', '#06b6d4', '#ff00ff', '#808080']) {
      const text = brandText(color);
      expect(contrastRatio(text, '#ffffff')).toBeGreaterThanOrEqual(4.5);
      expect(text).not.toBe(color);
    }
  });

  it('keeps the ink readable on every brand colour', () => {
    for (let i = 0; i < 4096; i += 7) {
      const color = `#${[i >> 8, (i >> 4) & 15, i & 15].map((n) => n.toString(16).repeat(2)).join('')}`;
      expect(contrastRatio(color, brandInk(color))).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('never lets anything but a #rrggbb colour into the style element', () => {
    expect(brandCss('red;}</style><script>')).toBe(brandCss('#4338ca'));
  });
});

describe('PORTAL_CSS', () => {
  it('is small, versioned by its content, and covers focus, touch targets and reduced motion', () => {
    expect(PORTAL_CSS.length).toBeLessThan(8 * 1024);
    expect(PORTAL_CSS_VERSION).toMatch(/^[0-9a-f]{10}$/);
    expect(PORTAL_CSS).toContain(':focus-visible');
    expect(PORTAL_CSS).toContain('min-height: 2.75rem');
    expect(PORTAL_CSS).toContain('prefers-reduced-motion');
    expect(PORTAL_CSS).toContain('max-width: 40rem');
    expect(PORTAL_CSS).not.toMatch(/@import|url\(/);
  });
});

describe('renderPortalMessagePage', () => {
  const kinds: PortalMessageKind[] = ['invalid', 'archived', 'rate_limited', 'too_many_submissions', 'forbidden'];
  const base = { nonce: NONCE, cssHref: CSS_HREF };

  it.each(kinds)('%s: a branded-or-neutral shell with one heading, no script and no inline style', async (kind) => {
    const html = await renderPortalMessagePage({ ...base, kind, retryAfterSeconds: 90 });
    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(html).toContain('<meta name="robots" content="noindex, nofollow"/>');
    expect(html).toContain('<meta name="referrer" content="no-referrer"/>');
    expect(html).toContain(`<style nonce="${NONCE}">`);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    for (const tag of ['<header', '<main', '<footer']) expect(html).toContain(tag);
    expect(html).toContain('Afterview');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain(' style="');
  });

  it('says the same for every reason a link fails, without naming one', async () => {
    const a = await renderPortalMessagePage({ ...base, kind: 'invalid' });
    const b = await renderPortalMessagePage({ ...base, kind: 'invalid' });
    expect(a).toBe(b);
    expect(a).toContain("This link doesn&#x27;t work");
    expect(a).toContain('ask your recruiter to send you a new link');
    expect(a).not.toMatch(/expired|revoked|not found|unknown|deleted/i);
  });

  it('differs between kinds only in its heading and text', async () => {
    const pages = await Promise.all(kinds.map((kind) => renderPortalMessagePage({ ...base, kind, retryAfterSeconds: 60 })));
    const shells = pages.map((html) => html.replace(/<title>.*<\/title>/, '').replace(/<div class="card">.*<\/div><\/main>/, ''));
    expect(new Set(shells).size).toBe(1);
    expect(new Set(pages).size).toBe(kinds.length);
  });

  it('rounds the wait up to whole minutes, at least one', async () => {
    expect(await renderPortalMessagePage({ ...base, kind: 'rate_limited', retryAfterSeconds: 61 })).toContain('Please wait 2 minutes and try again.');
    expect(await renderPortalMessagePage({ ...base, kind: 'rate_limited', retryAfterSeconds: 0 })).toContain('Please wait 1 minute and try again.');
    const submissions = await renderPortalMessagePage({ ...base, kind: 'too_many_submissions', retryAfterSeconds: 1800 });
    expect(submissions).toContain('You&#x27;ve sent a lot of messages');
    expect(submissions).toContain('You can send more in 30 minutes.');
    expect(submissions).toContain('Your earlier messages arrived');
  });

  it('tells the candidate what to do when the conversation is closed or the request was blocked', async () => {
    const archived = await renderPortalMessagePage({ ...base, kind: 'archived', agency: { name: 'Northwind Talent', brandColor: '#ffff00', logoUrl: null } });
    expect(archived).toContain('This conversation is closed');
    expect(archived).toContain('Northwind Talent has closed this application');
    expect(archived).toContain('email your recruiter directly');
    expect(archived).toContain('--brand-ink:#000000');
    const forbidden = await renderPortalMessagePage({ ...base, kind: 'forbidden' });
    expect(forbidden).toContain('This request was blocked');
    expect(forbidden).toContain('Open the portal from your link and send the form from there.');
  });
});
