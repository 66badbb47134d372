import { describe, expect, it } from 'vitest';
import { EMAIL_TEMPLATE_IDS, EMAIL_TEMPLATES, isEmailTemplateId, renderTemplate, templateSubject, type EmailTemplateId } from '@/emails';
import { contrastRatio, inkOn, safeColor, safeLogoUrl, textColorOnWhite } from '@/emails/components/brand';
import { splitParagraphs } from '@/emails/components/ui';
import DailyDigestEmail from '@/emails/daily-digest';
import PortalInvitationEmail from '@/emails/portal-invitation';
import QuestionAnsweredEmail from '@/emails/question-answered';
import RecruiterReplyEmail, { conversationSubject, recruiterReplySubject } from '@/emails/recruiter-reply';
import TeamInvitationEmail from '@/emails/team-invitation';

const TAG = /<\/?[a-z!][^>]*>/i;
const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';

/** Every http(s) href in the HTML part, entities decoded. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/\bhref="(https?:[^"]+)"/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'));
}

const preview = <Id extends EmailTemplateId>(id: Id) => renderTemplate(id, EMAIL_TEMPLATES[id].previewProps);

describe('the email registry', () => {
  it('has every template, each with a name and a subject for its preview props', () => {
    expect(EMAIL_TEMPLATE_IDS).toEqual(['magic-link', 'portal-invitation', 'recruiter-reply', 'question-answered', 'team-invitation', 'daily-digest', 'status-update', 'reply-reminder']);
    for (const id of EMAIL_TEMPLATE_IDS) {
      expect(EMAIL_TEMPLATES[id].name).not.toBe('');
      expect(templateSubject(id, EMAIL_TEMPLATES[id].previewProps)).not.toBe('');
    }
    expect(isEmailTemplateId('daily-digest')).toBe(true);
    expect(isEmailTemplateId('toString')).toBe(false);
    expect(isEmailTemplateId('nope')).toBe(false);
  });

  it.each(EMAIL_TEMPLATE_IDS)('%s renders an HTML part and a clean plain-text part with every link', async (id) => {
    const { subject, html, text } = await preview(id);
    expect(subject).not.toMatch(/\n/);
    expect(html).toMatch(/^<!DOCTYPE html/);
    expect(html).toContain('<html dir="ltr" lang="en">');
    expect(text.trim()).not.toBe('');
    expect(text).not.toMatch(TAG);
    expect(text).not.toMatch(/[{}]|;\s*[a-z-]+:|font-size|px\b/);
    expect(text).not.toMatch(/\n{3,}/);
    for (const href of hrefs(html)) expect(text).toContain(href);
  });
});

describe('portal invitation', () => {
  const props = PortalInvitationEmail.PreviewProps;

  it('thanks the candidate and links to the portal', async () => {
    const { subject, html, text } = await preview('portal-invitation');
    expect(subject).toBe('Your Senior Backend Engineer interview: questions welcome');
    expect(html).toContain(`href="${props.portalUrl}"`);
    expect(html).toContain('Ask a question or send a thank-you note');
    expect(html).toContain('Northwind Talent');
    expect(text).toContain('Thanks for interviewing, Priya');
    expect(text).toContain('Thank you for your video interview on Tuesday 3 November for the Senior Backend Engineer role at Acme Robotics.');
    expect(text).toContain(`Ask a question or send a thank-you note ${props.portalUrl}`);
    expect(text).toContain('This link is private to you');
    expect(text).toContain(`It expires on ${props.expiresOn}.`);
    expect(text).toContain('You can also just reply to this email.');
    expect(text).toContain('> It was great to meet you today.\n> The team enjoyed the system design discussion.');
  });

  it('reads well without an interview label or a note, and escapes the note', async () => {
    const bare = await renderTemplate('portal-invitation', { ...props, interviewLabel: null, personalNote: null });
    expect(bare.text).toContain('Thank you for interviewing for the Senior Backend Engineer role at Acme Robotics.');
    expect(bare.text).not.toContain('A note from');

    const hostile = await renderTemplate('portal-invitation', { ...props, personalNote: XSS });
    expect(hostile.html).not.toContain('<script>');
    expect(hostile.html).not.toContain('<img src=x');
    expect(hostile.html).toContain('&lt;script&gt;');
  });

  it('is branded with the agency colour, with a readable button label', async () => {
    const dark = await renderTemplate('portal-invitation', { ...props, brandColor: '#1E3A8A' });
    expect(dark.html).toMatch(/background-color:#1e3a8a;color:#ffffff/);
    const light = await renderTemplate('portal-invitation', { ...props, brandColor: '#fde047' });
    expect(light.html).toMatch(/background-color:#fde047;color:#111827/);
  });

  it('ignores a brand colour or logo that is not what it claims to be', async () => {
    const { html } = await renderTemplate('portal-invitation', { ...props, brandColor: 'red;background:url(https://evil.example)', logoUrl: 'javascript:alert(1)' });
    expect(html).not.toContain('evil.example');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('<img');
    expect(html).toContain('background-color:#4338ca');
  });

  it('shows an http(s) logo next to the agency name', async () => {
    const { html, text } = await renderTemplate('portal-invitation', { ...props, logoUrl: 'https://cdn.example/northwind.png' });
    expect(html).toMatch(/<img alt="" height="32" src="https:\/\/cdn\.example\/northwind\.png"/);
    expect(text.split('\n')[0]).toBe('Northwind Talent');
  });
});

describe('recruiter reply', () => {
  const props = RecruiterReplyEmail.PreviewProps;

  it('adds "Re: " once, whatever the case, and trims', () => {
    expect(recruiterReplySubject('Senior Backend Engineer: your follow-up')).toBe('Re: Senior Backend Engineer: your follow-up');
    expect(recruiterReplySubject('Re: X')).toBe('Re: X');
    expect(recruiterReplySubject('RE: X')).toBe('RE: X');
    expect(recruiterReplySubject('  re:X  ')).toBe('re:X');
    expect(recruiterReplySubject('  Question about the role\n')).toBe('Re: Question about the role');
    expect(recruiterReplySubject('Regarding the offer')).toBe('Re: Regarding the offer');
    expect(recruiterReplySubject(recruiterReplySubject('X'))).toBe('Re: X');
    expect(conversationSubject('Senior Backend Engineer')).toBe('Senior Backend Engineer: your follow-up');
  });

  it('keeps the recruiter’s paragraphs and line breaks, signs off, and quotes the message answered', async () => {
    const { subject, html, text } = await preview('recruiter-reply');
    expect(subject).toBe('Re: Senior Backend Engineer: your follow-up');
    expect(html).toContain('Good question.');
    expect(text).toContain('Hi Priya,\n\nGood question.');
    expect(text).toContain('the rest remote.\nOn-call is one week in six, and it is paid.\n\nAcme Robotics');
    expect(text).toContain('Alex Morgan\nSenior Technical Recruiter\nNorthwind Talent');
    expect(text).toContain('On Wednesday 4 November 2026 at 09:12, Priya Nair wrote:');
    expect(text).toContain('> Hi Alex,\n> \n> Thanks again for yesterday.');
  });

  it('preserves line breaks exactly, including Windows ones', async () => {
    const { html, text } = await renderTemplate('recruiter-reply', {
      ...props,
      threadSubject: 'x',
      quoted: null,
      recruiterTitle: null,
      body: 'Line one\r\nLine two\r\n\r\n\r\nSecond paragraph\n   indented line',
    });
    expect(html).toContain('Line one<br/>Line two');
    expect(text).toContain('Line one\nLine two\n\nSecond paragraph\nindented line');
    expect(text).not.toContain('Senior Technical Recruiter');
    expect(text).not.toContain('wrote:');
  });

  it('never renders the body or the quote as HTML', async () => {
    const { html, text } = await renderTemplate('recruiter-reply', { ...props, threadSubject: 'x', body: XSS, quoted: { from: '<b>Eve</b>', sentAt: 'now', text: XSS } });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>Eve');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(text).toContain(XSS);
  });
});

describe('question answered', () => {
  const props = QuestionAnsweredEmail.PreviewProps;

  it('shows the question and the answer, and links back to the portal', async () => {
    const { subject, html, text } = await preview('question-answered');
    expect(subject).toBe('Northwind Talent answered your question');
    expect(html).toContain('It is hybrid: two days a week in the Leeds office');
    expect(html).toContain(`href="${props.portalUrl}"`);
    expect(text).toContain('You asked:\n\n> Is the role remote, and how does on-call work for the platform team?');
    expect(text).toContain('Alex Morgan at Northwind Talent answered:\n\nIt is hybrid: two days a week in the Leeds office, the rest remote.\nOn-call is one week in six');
    expect(text).toContain(`Ask another question ${props.portalUrl}`);
  });

  it('asks for a reply by email when there is no portal link', async () => {
    const { html, text } = await renderTemplate('question-answered', { ...props, portalUrl: null });
    expect(hrefs(html)).toEqual([]);
    expect(text).toContain('Simply reply to this email.');
    expect(text).not.toContain('Ask another question');
  });

  it('escapes the question and the answer', async () => {
    const { html } = await renderTemplate('question-answered', { ...props, question: XSS, answer: `${XSS}\nsecond line` });
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/<img src=x/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;<br/>second line');
  });
});

describe('team invitation', () => {
  const props = TeamInvitationEmail.PreviewProps;

  it('names the inviter, the role and the teams, and links to accept', async () => {
    const { subject, html, text } = await preview('team-invitation');
    expect(subject).toBe('Alex Morgan invited you to Northwind Talent on Afterview');
    expect(html).toContain(`href="${props.acceptUrl}"`);
    expect(html).toContain('Sales &amp; Marketing');
    expect(text).toContain('Alex Morgan invited you to join Northwind Talent as a recruiter. You will join the Engineering and Sales & Marketing teams.');
    expect(text).toContain(`Accept the invitation ${props.acceptUrl}`);
    expect(text).toContain('The invitation expires on Tuesday 10 November 2026.');
  });

  it('handles every role and any number of teams', async () => {
    const owner = await renderTemplate('team-invitation', { ...props, role: 'owner', teamNames: [] });
    expect(owner.text).toContain('as an owner.\n');
    expect(owner.text).not.toContain('You will join');
    const admin = await renderTemplate('team-invitation', { ...props, role: 'admin', teamNames: ['Engineering'] });
    expect(admin.text).toContain('as an admin. You will join the Engineering team.');
    const viewer = await renderTemplate('team-invitation', { ...props, role: 'viewer', teamNames: ['A', 'B', 'C'] });
    expect(viewer.text).toContain('as a viewer. You will join the A, B and C teams.');
  });
});

describe('daily digest', () => {
  const props = DailyDigestEmail.PreviewProps;

  it('lists who followed up and the replies owed, overdue ones marked', async () => {
    const { subject, html, text } = await preview('daily-digest');
    expect(subject).toBe('Your Afterview digest for Wednesday 4 November');
    expect(html).toContain(`href="${props.dashboardUrl}"`);
    expect(html).toContain(`href="${props.unsubscribeUrl}"`);
    expect(text).toContain('Who followed up (2)');
    expect(text).toContain(' * Priya Nair, Senior Backend Engineer at Acme Robotics\n   Asked a question 2 hours after the interview · Open http://localhost:3000/northwind/candidates/cand_priya');
    expect(text).toContain('Replies you owe (2)');
    expect(text).toContain('1 reply is past your agency’s reply target.');
    expect(text).toContain(' * Jordan Lee, waiting 3 days (overdue)\n   Reply http://localhost:3000/northwind/inbox?candidate=cand_jordan');
    expect(text).not.toContain('Priya Nair, waiting 3 hours (overdue)');
    expect(text).toContain(`Open the dashboard ${props.dashboardUrl}`);
    expect(text).toContain(`Unsubscribe from the daily digest ${props.unsubscribeUrl}`);
  });

  it('says so when nothing happened', async () => {
    const { html, text } = await renderTemplate('daily-digest', { ...props, followedUp: [], repliesOwed: [] });
    expect(html).not.toContain('<ul');
    expect(text).toContain('Who followed up (0)\n\nNo candidate followed up since the last digest.');
    expect(text).toContain('Replies you owe (0)\n\nYou are all caught up: nobody is waiting on a reply.');
    expect(text).not.toContain('past your agency');
  });
});

describe('magic link via the registry', () => {
  it('keeps its subject and link', async () => {
    const { subject, text } = await preview('magic-link');
    expect(subject).toBe('Sign in to Afterview (localhost:3000)');
    expect(text).toContain(`Sign in ${EMAIL_TEMPLATES['magic-link'].previewProps.url}`);
    expect(text).toContain('expires in 30 minutes');
  });
});

describe('brand colours', () => {
  it('picks the more readable label colour and keeps links at 4.5:1 on white', () => {
    expect(inkOn('#4338ca')).toBe('#ffffff');
    expect(inkOn('#fde047')).toBe('#111827');
    expect(inkOn('not a colour')).toBe('#ffffff');
    for (const color of ['#fde047', '#22c55e', '#ffffff', '#4338ca', '#000000']) {
      expect(contrastRatio(textColorOnWhite(color), '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
    expect(textColorOnWhite('#1e3a8a')).toBe('#1e3a8a');
  });

  it('accepts only #rrggbb colours and http(s) logos', () => {
    expect(safeColor('#ABCDEF')).toBe('#abcdef');
    expect(safeColor('#abc')).toBe('#4338ca');
    expect(safeColor('blue')).toBe('#4338ca');
    expect(safeLogoUrl('https://cdn.example/a.png')).toBe('https://cdn.example/a.png');
    expect(safeLogoUrl('data:image/png;base64,AAAA')).toBeNull();
    expect(safeLogoUrl('not a url')).toBeNull();
    expect(safeLogoUrl(null)).toBeNull();
  });
});

describe('splitParagraphs', () => {
  it('splits on blank lines, keeps single line breaks, and drops empty paragraphs', () => {
    expect(splitParagraphs('a\nb\n\n\nc\r\n \r\nd')).toEqual([['a', 'b'], ['c'], ['d']]);
    expect(splitParagraphs('\n\n  \n')).toEqual([]);
  });
});
