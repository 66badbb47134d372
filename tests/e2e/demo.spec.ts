import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './support';

test('the demo owner signs in and sees the demo agency', async ({ page }) => {
  await signIn(page, DEMO.owner);

  await expect(page).toHaveURL(`/${DEMO.slug}`);
  await expect(page.getByTestId('current-org')).toHaveText(DEMO.name);
  await expect(page.getByTestId('signed-in-as')).toHaveText(DEMO.owner);

  await page.goto(`/${DEMO.slug}/agency`);
  await expect(page.getByRole('heading', { level: 1, name: DEMO.name })).toBeVisible();

  const teams = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Teams' }) });
  for (const team of DEMO.teams) {
    await expect(teams.getByRole('listitem').filter({ has: page.getByText(team, { exact: true }) })).toBeVisible();
  }
  const members = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Members' }) });
  await expect(members.getByRole('listitem').filter({ hasText: 'Alex Morgan' })).toContainText('owner');
  // The seeded five; other specs (invitations) may have added people to the same demo agency since.
  for (const name of ['Alex Morgan', 'Sam Patel', 'Riley Chen', 'Jordan Diaz', 'Casey Brooks']) {
    await expect(members.getByRole('listitem').filter({ hasText: name })).toHaveCount(1);
  }
});
