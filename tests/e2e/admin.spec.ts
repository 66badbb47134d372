import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, newestMailboxEntry, openNewestSignInEmail, signIn, uniqueTag } from './support';

async function expectNoViolations(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(summary, `${name} has WCAG 2.1 AA violations`).toEqual([]);
}

/** The accept link of the newest invitation in the dev mailbox (the queue delivers it within seconds). */
async function invitationLink(page: Page, email: string): Promise<string> {
  let href = '';
  await expect(async () => {
    await page.goto('/dev/mailbox');
    await page.getByRole('link').filter({ hasText: `to ${email}` }).first().click({ timeout: 1_000 });
    href = (await page.getByTestId('mail-link').filter({ hasText: 'Accept the invitation' }).first().getAttribute('href', { timeout: 2_000 })) ?? '';
    expect(href).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  }).toPass({ intervals: [250, 500, 1_000], timeout: 20_000 });
  return href;
}

test('an owner invites a recruiter into a team, changes the role, reads it in the audit log, exports and erases a candidate', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const tag = uniqueTag();
  const invitee = `recruiter-${tag}@example.com`;
  await signIn(page, DEMO.owner);

  await page.goto(`/${DEMO.slug}/agency/members`);
  const form = page.getByTestId('invite-form');
  await form.getByLabel('Email').fill(invitee);
  await form.getByLabel('Role').selectOption({ label: 'Recruiter' });
  await form.getByRole('checkbox', { name: 'Sales & Marketing' }).check();
  await form.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByTestId('invite-status')).toHaveText(`Invitation sent to ${invitee}.`);
  await expect(page.getByTestId('invitation').filter({ hasText: invitee })).toContainText('Pending');
  await expectNoViolations(page, 'members page');

  // The invitee: a new browser, the link from the mailbox, a sign-in, and they are in.
  const other = await browser.newContext();
  const newcomer = await other.newPage();
  const accept = await invitationLink(newcomer, invitee);
  await newcomer.goto(accept);
  await expect(newcomer).toHaveURL(/\/signin\?/);
  const previous = await newestMailboxEntry(newcomer, invitee);
  await newcomer.goto(accept);
  await newcomer.getByLabel('Work email').fill(invitee);
  await newcomer.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(newcomer.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  await openNewestSignInEmail(newcomer, invitee, previous);
  await newcomer.getByTestId('mail-link').filter({ hasText: 'Sign in' }).first().click();
  // Back at the invitation, which asks first: opening a link never joins anyone.
  await expect(newcomer.getByRole('heading', { level: 1, name: `Join ${DEMO.name}` })).toBeVisible();
  await expect(newcomer.getByTestId('invitation-message')).toHaveText(/invited you to join Northwind Talent as a recruiter\.$/);
  await expectNoViolations(newcomer, 'invitation page');
  expect((await newcomer.request.get(`${new URL(accept).pathname}/accept`)).status()).toBe(405);
  expect((await newcomer.goto(`/${DEMO.slug}`))?.status()).toBe(404);
  await newcomer.goto(accept);
  await newcomer.getByRole('button', { name: `Join ${DEMO.name}` }).click();
  await expect(newcomer).toHaveURL(`/${DEMO.slug}`);
  expect(newcomer.url()).not.toContain('/invite/');

  // A recruiter of Sales & Marketing sees that team's candidates only.
  await newcomer.goto(`/${DEMO.slug}/candidates`);
  const rows = newcomer.getByTestId('candidate-row');
  await expect(rows.first()).toBeVisible();
  await expect(rows.filter({ hasText: 'Engineering' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'Sales & Marketing' }).first()).toBeVisible();

  // The owner makes them a viewer, and the audit log says so.
  await page.goto(`/${DEMO.slug}/agency`);
  await page.getByLabel(`Role for ${invitee}`).selectOption('viewer');
  await expect(page.getByTestId('members-status')).toContainText('is now a viewer');
  await expectNoViolations(page, 'agency overview');
  await page.goto(`/${DEMO.slug}/agency/audit`);
  const entry = page.getByTestId('audit-entry').filter({ hasText: 'Changed a member’s role' }).first();
  await expect(entry).toBeVisible();
  await entry.getByText('Details').click();
  await expect(entry).toContainText('recruiter');
  await expect(entry).toContainText('viewer');
  await expectNoViolations(page, 'audit log');
  await other.close();

  for (const path of ['/agency/responsiveness', '/agency/email', '/agency/privacy']) {
    await page.goto(`/${DEMO.slug}${path}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoViolations(page, path);
  }

  // GDPR: export one candidate, then erase them.
  const name = 'Omar Haddad';
  await page.goto(`/${DEMO.slug}/candidates?q=Omar`);
  await page.getByTestId('candidate-row').filter({ hasText: name }).getByRole('link', { name }).click();
  await expect(page.getByTestId('candidate-name')).toHaveText(name);
  // An audited export: its button posts a form and the browser downloads the file.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export data (JSON)' }).click()]);
  const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as { format: string; candidate: { name: string } };
  expect(exported.format).toBe('afterview.candidate-export.v1');
  expect(exported.candidate.name).toBe(name);

  await page.getByRole('button', { name: 'Erase candidate…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Erase this candidate?' });
  await expectNoViolations(page, 'erase dialog');
  await dialog.getByLabel(`Type ${name} to confirm`).fill(name);
  await dialog.getByRole('button', { name: 'Erase permanently' }).click();
  await expect(page.getByText(/Erased on /)).toBeVisible();
  await expect(page.getByTestId('candidate-name')).toHaveText('Erased candidate');
  await page.goto(`/${DEMO.slug}/candidates?q=Omar`);
  await expect(page.getByTestId('candidate-row').filter({ hasText: name })).toHaveCount(0);
});

test('an invitation opened by someone signed in with another address is refused and changes nothing', async ({ page, browser }) => {
  const tag = uniqueTag();
  const invitee = `viewer-${tag}@example.com`;
  await signIn(page, DEMO.owner);
  await page.goto(`/${DEMO.slug}/agency/members`);
  await page.getByTestId('invite-form').getByLabel('Email').fill(invitee);
  await page.getByTestId('invite-form').getByLabel('Role').selectOption({ label: 'Viewer' });
  await page.getByTestId('invite-form').getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByTestId('invite-status')).toHaveText(`Invitation sent to ${invitee}.`);

  const other = await browser.newContext();
  const stranger = await other.newPage();
  const accept = await invitationLink(stranger, invitee);
  await signIn(stranger, `stranger-${tag}@example.com`);
  await stranger.goto(accept);
  await expect(stranger.getByTestId('invitation-message')).toContainText(`This invitation is for ${invitee}.`);
  await expectNoViolations(stranger, 'wrong-address invitation page');
  const response = await stranger.goto(`/${DEMO.slug}`);
  expect(response?.status()).toBe(404);
  await expect(stranger.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await other.close();
});
