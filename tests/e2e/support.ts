import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';

/** The demo agency seeded on an empty embedded database (db/seed.ts). */
export const DEMO = {
  name: 'Northwind Talent',
  slug: 'northwind',
  owner: 'alex@northwind.example',
  teams: ['Engineering', 'Sales & Marketing'],
} as const;

/** A short random tag, so every run (and every test) works with its own users and agencies. */
export function uniqueTag(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export function uniqueEmail(prefix = 'e2e'): string {
  return `${prefix}-${uniqueTag()}@example.com`;
}

/**
 * Submits the sign-in form and waits for the "Check your email" page. (Its address is asserted by
 * its own test in auth.spec.ts, so a wrong address fails that test rather than every sign-in.)
 */
export async function requestSignInLink(page: Page, email: string): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
}

/**
 * Opens the newest dev-mailbox message to `email` (delivery runs in the background, so the list is
 * polled for a few seconds) and returns the href of its sign-in link, leaving the message open.
 */
export async function openNewestSignInEmail(page: Page, email: string, notThis: string | null = null): Promise<string> {
  let href = '';
  await expect(async () => {
    await page.goto('/dev/mailbox');
    // Newest first: the first entry addressed to this user is the latest link. The queue delivers
    // within a second or two, so an older message must not be taken for the new one.
    const newest = signInEntries(page, email).first();
    await expect(newest).toBeVisible({ timeout: 1_000 });
    expect(await newest.getAttribute('href'), 'the new message has arrived').not.toBe(notThis);
    await newest.click({ timeout: 2_000 });
    await expect(page.getByTestId('mail-to')).toHaveText(email, { timeout: 5_000 });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Sign in to Afterview \(/, { timeout: 2_000 });
    href = (await signInLink(page).getAttribute('href', { timeout: 2_000 })) ?? '';
    expect(href, 'the email holds a sign-in link').toContain('/api/auth/callback/email');
  }).toPass({ intervals: [250, 500, 1_000], timeout: 15_000 });
  return href;
}

/** Mailbox entries of sign-in emails to `email`, newest first: reminders and digests land there too. */
function signInEntries(page: Page, email: string) {
  return page.getByRole('link').filter({ hasText: `to ${email}` }).filter({ hasText: 'Sign in to Afterview' });
}

function signInLink(page: Page) {
  return page.getByTestId('mail-link').and(page.locator('[href*="/api/auth/callback/email"]')).first();
}

/** Signs `email` in through the magic link from the dev mailbox; returns the link that was used. */
/** The mailbox entry of the newest message to `email`, if any: what a new one must differ from. */
export async function newestMailboxEntry(page: Page, email: string): Promise<string | null> {
  await page.goto('/dev/mailbox');
  const newest = signInEntries(page, email).first();
  return (await newest.count()) > 0 ? newest.getAttribute('href') : null;
}

export async function signIn(page: Page, email: string): Promise<string> {
  const previous = await newestMailboxEntry(page, email);
  await requestSignInLink(page, email);
  const href = await openNewestSignInEmail(page, email, previous);
  await signInLink(page).click();
  await expect(page).not.toHaveURL(/\/(signin|dev\/mailbox)(\/|\?|$)/);
  return href;
}

/** From the onboarding page: creates an agency and waits for its workspace. */
export async function createAgency(page: Page, { name, slug }: { name: string; slug: string }): Promise<void> {
  await expect(page.getByRole('heading', { name: /^Create (your|another) agency$/ })).toBeVisible();
  await page.getByLabel('Agency name').fill(name);
  await page.getByLabel('Web address').fill(slug);
  await page.getByRole('button', { name: 'Create agency' }).click();
  await expect(page).toHaveURL(`/${slug}`);
  await expect(page.getByTestId('current-org')).toHaveText(name);
}

/** A new user with a new agency, signed in and looking at its workspace. */
export async function signUpWithAgency(page: Page, prefix: string): Promise<{ email: string; name: string; slug: string }> {
  const tag = uniqueTag();
  const email = `${prefix}-${tag}@example.com`;
  const name = `${prefix[0]!.toUpperCase()}${prefix.slice(1)} Agency ${tag}`;
  const slug = `${prefix}-${tag}`;
  await signIn(page, email);
  await expect(page).toHaveURL('/onboarding');
  await createAgency(page, { name, slug });
  return { email, name, slug };
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin(\?|$)/);
}

/** The fake Resend API the second app instance sends through (playwright.config.ts starts both). */
export const FAKE_RESEND = `http://127.0.0.1:${Number(process.env.E2E_PORT_BASE || 3100) + 99}`;

export interface FakeSentEmail {
  id: string;
  to: string[];
  subject: string;
  html: string | null;
  text: string | null;
  reply_to: string[];
  headers: Record<string, string>;
}

export async function fakeSent(page: Page): Promise<FakeSentEmail[]> {
  const response = await page.request.get(`${FAKE_RESEND}/__fake/sent`);
  return ((await response.json()) as { data: FakeSentEmail[] }).data;
}

/** Signs in on the instance that mails through Resend: the link is read from what the fake accepted. */
export async function signInThroughResend(page: Page, email: string): Promise<void> {
  const before = (await fakeSent(page)).length;
  await requestSignInLink(page, email);
  let href = '';
  await expect(async () => {
    const mail = (await fakeSent(page)).slice(before).filter((m) => m.to.includes(email) && m.subject.startsWith('Sign in to Afterview'));
    const last = mail.at(-1);
    href = /https?:\/\/[^\s"<>]+\/api\/auth\/callback\/email[^\s"<>]*/.exec(last?.text ?? '')?.[0] ?? '';
    expect(href, 'a sign-in email reached the fake Resend').not.toBe('');
  }).toPass({ intervals: [250, 500, 1_000], timeout: 20_000 });
  await page.goto(href);
  await expect(page).not.toHaveURL(/\/signin(\/|\?|$)/);
}

/** The second app instance, which mails through the fake Resend (playwright.config.ts). */
export const RESEND_APP = `http://localhost:${Number(process.env.E2E_PORT_BASE || 3100) + 1}`;
