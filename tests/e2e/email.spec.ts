import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, FAKE_RESEND, fakeSent, signInThroughResend, uniqueTag, type FakeSentEmail } from './support';

// This spec runs against the instance that mails through Resend (the fake API): see playwright.config.ts.
const CANDIDATE = 'Sofia Rossi';
const INBOUND_DOMAIN = 'replies.northwind.example';

async function expectNoViolations(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(summary, `${name} has WCAG 2.1 AA violations`).toEqual([]);
}

async function openCandidate(page: Page) {
  await page.goto(`/${DEMO.slug}/candidates?q=${encodeURIComponent('Sofia')}`);
  await page.getByTestId('candidate-row').filter({ hasText: CANDIDATE }).getByRole('link', { name: CANDIDATE }).click();
  await expect(page.getByTestId('candidate-name')).toHaveText(CANDIDATE);
}

/** Waits until the fake Resend has accepted an email matching `match`. */
async function waitForSent(page: Page, match: (m: FakeSentEmail) => boolean): Promise<FakeSentEmail> {
  let found: FakeSentEmail | undefined;
  await expect(async () => {
    found = (await fakeSent(page)).filter(match).at(-1);
    expect(found, 'the email reached Resend').toBeDefined();
  }).toPass({ intervals: [250, 500, 1_000], timeout: 20_000 });
  return found!;
}

async function webhook(page: Page, type: string, emailId: string) {
  const response = await page.request.post(`${FAKE_RESEND}/__fake/webhook`, { data: { type, emailId } });
  const result = (await response.json()) as { status: number };
  expect(result.status, `${type} was accepted by the app`).toBe(200);
}

function timelineItem(page: Page, kind: string, text: string) {
  return page.getByTestId('timeline').locator(`[data-testid="timeline-item"][data-kind="${kind}"]`).filter({ hasText: text });
}

test('a recruiter emails a portal invitation and a message; the candidate replies by email; delivery and a bounce show', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const tag = uniqueTag();
  await signInThroughResend(page, DEMO.owner);

  // Replies come back to per-conversation addresses on the agency's inbound domain.
  await page.goto(`/${DEMO.slug}/agency`);
  const settings = page.getByTestId('email-settings-form');
  await settings.getByLabel('Inbound domain').fill(INBOUND_DOMAIN);
  await settings.getByRole('button', { name: 'Save email settings' }).click();
  await expect(page.getByTestId('email-settings-status')).toHaveText('Email settings saved.');

  await openCandidate(page);
  await page.getByTestId('portal-email').first().click();
  const invite = page.getByRole('dialog', { name: 'Email a portal link' });
  await invite.getByLabel('Personal note (optional)').fill(`Great to meet you. (${tag})`);
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  const invited = page.getByTestId('portal-email-status');
  await expect(invited).toContainText('Invitation emailed to ');
  const address = /Invitation emailed to (\S+?)\.?$/.exec((await invited.textContent()) ?? '')?.[1] ?? '';
  expect(address).toContain('@');

  const invitation = await waitForSent(page, (m) => m.to.includes(address) && m.subject.endsWith('questions welcome'));
  expect(invitation.text).toContain(tag);
  expect(invitation.reply_to[0]).toMatch(new RegExp(`^reply\\+[a-f0-9]{32}@${INBOUND_DOMAIN.replaceAll('.', '\\.')}$`));
  const portalUrl = /https?:\/\/\S+\/p\/[A-Za-z0-9_-]{43}/.exec(invitation.text ?? '')?.[0];
  expect(portalUrl, 'the invitation holds a portal link').toBeDefined();
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const candidate = await phone.newPage();
  await candidate.goto(portalUrl!);
  await expect(candidate.getByRole('heading', { level: 1 })).toHaveText('Hi Sofia');
  await phone.close();

  // The recruiter writes; the timeline follows the email from queued to sent to delivered.
  const message = `Could you do Thursday at 10:00? (${tag})`;
  await page.getByTestId('email-compose').click();
  const compose = page.getByTestId('email-compose-dialog');
  await compose.getByLabel('Message').fill(message);
  await compose.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('page-status')).toHaveText(`Email to ${address} queued.`);
  const sentItem = timelineItem(page, 'email_sent', message);
  await expect(sentItem.getByTestId('email-status')).toHaveText('Sent', { timeout: 20_000 });
  const reply = await waitForSent(page, (m) => m.to.includes(address) && (m.text ?? '').includes(message));
  expect(reply.subject).toMatch(/^Re: /);
  expect(reply.headers['In-Reply-To']).toBe(invitation.headers['Message-ID']);

  await webhook(page, 'email.delivered', reply.id);
  await expect(sentItem.getByTestId('email-status')).toHaveText('Delivered', { timeout: 20_000 });
  await expectNoViolations(page, 'candidate page with email statuses');

  // The candidate answers from their mailbox: Resend receives it and tells the app.
  const answer = `Thursday works for me, see you then. (${tag})`;
  const received = await page.request.post(`${FAKE_RESEND}/__fake/receive`, {
    data: {
      from: `Sofia Rossi <${address}>`,
      to: reply.reply_to[0],
      subject: `Re: ${reply.subject}`,
      text: `${answer}\n\nOn Thu, 26 Nov 2026 at 10:00, Alex Morgan wrote:\n> ${message}\n`,
      in_reply_to: reply.headers['Message-ID'],
    },
  });
  expect(((await received.json()) as { delivery: { status: number } }).delivery.status).toBe(200);
  await expect(async () => {
    await page.reload();
    await expect(timelineItem(page, 'email_reply', answer)).toBeVisible({ timeout: 2_000 });
  }).toPass({ intervals: [500, 1_000], timeout: 20_000 });
  await expect(timelineItem(page, 'email_reply', answer)).not.toContainText('> Could you');

  // A bounce marks the invitation and blocks the address.
  await webhook(page, 'email.bounced', invitation.id);
  const invitationItem = page.getByTestId('timeline').locator('[data-testid="timeline-item"][data-kind="portal_link_sent"]').filter({ hasText: tag });
  await expect(async () => {
    await page.reload();
    await expect(invitationItem.getByTestId('email-status')).toHaveText('Bounced', { timeout: 2_000 });
  }).toPass({ intervals: [500, 1_000], timeout: 20_000 });
  await page.getByTestId('email-compose').click();
  await page.getByTestId('email-compose-dialog').getByLabel('Message').fill('Hello again');
  await page.getByTestId('email-compose-dialog').getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('email-compose-dialog').getByRole('alert')).toContainText(`Email to ${address} is blocked`);

  // The admin sees the address on the suppression list.
  await page.goto(`/${DEMO.slug}/agency/email`);
  await expect(page.getByTestId('suppression').filter({ hasText: address })).toContainText('Bounced');
  await expectNoViolations(page, 'agency email page');
});
