import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, signIn, signUpWithAgency } from './support';

// Riley owns two demo candidates whose questions wait past the 48 h target (db/seed.ts); the
// reminders job runs when the app starts.
const RILEY = 'riley@northwind.example';
const OVERDUE = ['Priya Nair', 'Tomás Silva'];

async function expectNoViolations(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(summary, `${name} has WCAG 2.1 AA violations`).toEqual([]);
}

test('a recruiter is reminded of overdue questions under the bell, opens one, and reads the rest', async ({ page }) => {
  await signIn(page, RILEY);
  await page.goto(`/${DEMO.slug}`);
  const bell = page.getByTestId('notification-bell');
  await expect(async () => {
    await page.reload();
    await expect(bell).toHaveAccessibleName('Notifications, 2 unread', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId('notification-badge')).toHaveText('2');

  await bell.click();
  const panel = page.getByTestId('notification-panel');
  await expect(panel.getByTestId('notification')).toHaveCount(2);
  for (const name of OVERDUE) await expect(panel.getByTestId('notification').filter({ hasText: name })).toContainText(/waiting|waited/i);
  await expectNoViolations(page, 'the notification panel');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  await bell.click();
  await panel.getByRole('link', { name: new RegExp(OVERDUE[0]!) }).click();
  await expect(page.getByTestId('candidate-name')).toHaveText(OVERDUE[0]!);
  await expect(bell).toHaveAccessibleName('Notifications, 1 unread');

  await page.goto(`/${DEMO.slug}/notifications`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('notification')).toHaveCount(2);
  await expect(page.locator('[data-testid=notification][data-unread=true]')).toHaveCount(1);
  await expectNoViolations(page, 'notifications page');
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await expect(page.locator('[data-testid=notification][data-unread=true]')).toHaveCount(0);
  await expect(bell).toHaveAccessibleName('Notifications');
  await expect(page.getByTestId('notification-badge')).toHaveCount(0);
});

test('a member turns the daily digest off and on for themselves', async ({ page }) => {
  await signIn(page, RILEY);
  await page.goto(`/${DEMO.slug}`);
  await page.getByTestId('settings-link').click();
  await expect(page).toHaveURL(`/${DEMO.slug}/settings`);
  const digest = page.getByRole('checkbox', { name: 'Daily digest' });
  await expect(digest).toBeChecked();
  await expectNoViolations(page, 'settings page');
  await digest.uncheck();
  await page.getByRole('button', { name: 'Save notification settings' }).click();
  await expect(page.getByTestId('notification-settings-status')).toContainText('Saved.');
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Daily digest' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Reminder emails' })).toBeChecked();
  await page.getByRole('checkbox', { name: 'Daily digest' }).check();
  await page.getByRole('button', { name: 'Save notification settings' }).click();
  await expect(page.getByTestId('notification-settings-status')).toContainText('Saved.');
});

test('an owner turns on “no decision yet” updates with a valid interval', async ({ page }) => {
  const agency = await signUpWithAgency(page, 'updates');
  await page.goto(`/${agency.slug}/agency`);
  const form = page.getByTestId('status-update-settings-form');
  await expect(form.getByRole('checkbox', { name: /no decision yet/ })).not.toBeChecked();
  await form.getByRole('checkbox', { name: /no decision yet/ }).check();
  await form.getByLabel('Every (days)').fill('0');
  await form.getByRole('button', { name: 'Save status updates' }).click();
  await expect(form).toContainText(/between 1 and 60|at least 1/i);
  await form.getByLabel('Every (days)').fill('10');
  await form.getByRole('button', { name: 'Save status updates' }).click();
  await expect(page.getByTestId('status-update-settings-status')).toHaveText('Status updates on, every 10 days.');
  await page.reload();
  await expect(page.getByTestId('status-update-settings-form').getByRole('checkbox', { name: /no decision yet/ })).toBeChecked();
  await expect(page.getByTestId('status-update-settings-form').getByLabel('Every (days)')).toHaveValue('10');
  await expectNoViolations(page, 'agency page with status updates');
});
