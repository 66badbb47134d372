import { expect, test } from '@playwright/test';
import { DEMO, requestSignInLink, openNewestSignInEmail, signIn, signOut, uniqueEmail, uniqueTag } from './support';

test.describe('sign-up with a magic link', () => {
  test('a new user signs in, creates an agency and adds a team', async ({ page }) => {
    const tag = uniqueTag();
    const email = uniqueEmail('founder');
    const name = `Acme Recruiting ${tag}`;
    const slug = `acme-recruiting-${tag}`;

    await signIn(page, email);

    // No agency yet: onboarding.
    await expect(page).toHaveURL('/onboarding');
    await expect(page.getByRole('heading', { name: 'Create your agency' })).toBeVisible();
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();

    // The web address is suggested from the name.
    await page.getByLabel('Agency name').fill(name);
    await expect(page.getByLabel('Web address')).toHaveValue(slug);
    await page.getByRole('button', { name: 'Create agency' }).click();

    // The workspace of the new agency.
    await expect(page).toHaveURL(`/${slug}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    await expect(page.getByTestId('current-org')).toHaveText(name);
    await expect(page.getByTestId('signed-in-as')).toHaveText(email);
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Agency' }).click();
    await expect(page).toHaveURL(`/${slug}/agency`);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const members = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Members' }) });
    await expect(members.getByRole('listitem').filter({ hasText: email })).toContainText('owner');
    const teams = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Teams' }) });
    await expect(teams.getByText('No teams yet.')).toBeVisible();

    // An owner can add a team; it is listed at once and still there after a reload.
    await teams.getByLabel('New team').fill('Talent Partners');
    await teams.getByRole('button', { name: 'Add team' }).click();
    await expect(teams.getByRole('listitem').filter({ hasText: 'Talent Partners' })).toBeVisible();
    await expect(teams.getByLabel('New team')).toHaveValue('');
    await page.reload();
    await expect(teams.getByRole('listitem').filter({ hasText: 'Talent Partners' })).toBeVisible();
    await expect(page.getByText('1 member · 1 team · you are an owner')).toBeVisible();
  });
});

test.describe('asking for a sign-in link', () => {
  test('leads to the check-email page and puts the link in the dev mailbox', async ({ page }) => {
    const email = uniqueEmail('ask');
    await requestSignInLink(page, email);
    await expect(page).toHaveURL('/signin/check-email');
    await expect(page.getByText('It works once and expires in 30 minutes.')).toBeVisible();

    await page.getByRole('link', { name: 'dev mailbox' }).click();
    await expect(page).toHaveURL('/dev/mailbox');
    await expect(page.getByRole('heading', { name: 'Dev mailbox' })).toBeVisible();
    const link = await openNewestSignInEmail(page, email);
    expect(new URL(link).origin).toBe(new URL(page.url()).origin);
    expect(new URL(link).searchParams.get('email')).toBe(email);
  });
});

test.describe('bad input', () => {
  test('an empty or malformed email is rejected on the sign-in page', async ({ page }) => {
    await page.goto('/signin');
    const form = page.locator('form');
    const emailField = page.getByLabel('Work email');
    const submit = page.getByRole('button', { name: 'Email me a sign-in link' });

    await submit.click();
    await expect(form.getByRole('alert')).toHaveText('Please enter your email address.');
    await expect(emailField).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL('/signin');

    await emailField.fill('not-an-email');
    await submit.click();
    await expect(form.getByRole('alert')).toHaveText('Please enter a valid email address, like name@agency.com.');
    await expect(emailField).toHaveValue('not-an-email');
    await expect(page).toHaveURL('/signin');
    await expect(page.getByRole('heading', { name: 'Sign in to Afterview' })).toBeVisible();

    // Spellings Auth.js would have mailed to someone@example.com, each with its own rate-limit counter.
    await emailField.fill('someone@example.com,1');
    await submit.click();
    await expect(form.getByRole('alert')).toHaveText('Enter one email address, without commas, semicolons or spaces, like name@agency.com.');
    await expect(emailField).toHaveValue('someone@example.com,1');
    await emailField.fill('ｓｏｍｅｏｎｅ@example.com');
    await submit.click();
    await expect(form.getByRole('alert')).toHaveText(
      'That address contains look-alike characters (such as full-width letters). Type it with ordinary letters, like name@agency.com.',
    );
    await expect(page).toHaveURL('/signin');
  });

  test('a magic link works only once', async ({ page }) => {
    const email = uniqueEmail('once');
    await requestSignInLink(page, email);
    const link = await openNewestSignInEmail(page, email);

    await page.goto(link);
    await expect(page).toHaveURL('/onboarding');
    await page.goto('/signin');
    await expect(page).toHaveURL('/onboarding'); // signed in: the sign-in page sends the user on

    // Sign out (from the workspace shell once the user has one; onboarding has no shell), then reuse the link.
    await page.getByLabel('Agency name').fill(`Once ${uniqueTag()}`);
    await page.getByRole('button', { name: 'Create agency' }).click();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await signOut(page);

    await page.goto(link);
    await expect(page).toHaveURL(/\/signin\/error\?error=Verification/);
    await expect(page.getByRole('heading', { name: 'This sign-in link no longer works' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Get a new sign-in link' })).toBeVisible();

    // Still signed out.
    await page.goto('/onboarding');
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  });

  test('onboarding rejects a taken or malformed web address and creates nothing', async ({ page }) => {
    const tag = uniqueTag();
    await signIn(page, uniqueEmail('slugs'));
    await expect(page).toHaveURL('/onboarding');

    const form = page.locator('form');
    const name = page.getByLabel('Agency name');
    const address = page.getByLabel('Web address');
    const create = page.getByRole('button', { name: 'Create agency' });
    await name.fill(`Copycat ${tag}`);

    await address.fill(DEMO.slug);
    await create.click();
    await expect(form.getByRole('alert')).toHaveText(`The address "${DEMO.slug}" is already taken. Please choose another.`);
    await expect(address).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL('/onboarding');

    await address.fill('Bad Slug!');
    await create.click();
    await expect(form.getByRole('alert')).toHaveText('may contain only lowercase letters, digits and hyphens');
    await expect(address).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL('/onboarding');

    await address.fill('signin');
    await create.click();
    await expect(form.getByRole('alert')).toHaveText('is reserved; please choose another');
    await expect(page).toHaveURL('/onboarding');

    // Nothing was created: the user still has no agency, and the demo agency is still not theirs.
    await page.goto('/');
    await expect(page).toHaveURL('/onboarding');
    await expect(page.getByRole('heading', { name: 'Create your agency' })).toBeVisible();
    const response = await page.goto(`/${DEMO.slug}`);
    expect(response?.status()).toBe(404);
  });
});
