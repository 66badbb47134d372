import { expect, test } from '@playwright/test';
import { DEMO, signIn, uniqueTag } from './support';

test('a job is edited, archived and restored from its page', async ({ page }) => {
  const tag = uniqueTag();
  await signIn(page, DEMO.owner);
  await page.goto(`/${DEMO.slug}/jobs`);
  await page.getByTestId('job-row').first().getByRole('link').first().click();
  await expect(page.getByTestId('job-title')).toBeVisible();

  await page.getByRole('button', { name: 'Edit job' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit job' });
  await edit.getByLabel('Job title').fill(`Renamed role ${tag}`);
  await edit.getByRole('button', { name: 'Save job' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByTestId('job-title')).toContainText(`Renamed role ${tag}`);

  await page.getByRole('button', { name: 'Archive', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: `Archive Renamed role ${tag}?` });
  await confirm.getByRole('button', { name: 'Archive', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('button', { name: 'Restore', exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await page.getByRole('dialog', { name: `Restore Renamed role ${tag}?` }).getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Archive', exact: true })).toBeVisible();

  // The breadcrumb names the job as the current page and leads back to the list.
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs.locator('[aria-current="page"]')).toHaveText(`Renamed role ${tag}`);
  await crumbs.getByRole('link', { name: 'Jobs' }).click();
  await expect(page).toHaveURL(new RegExp(`/${DEMO.slug}/jobs$`));
});

test('a candidate is added, edited and archived; an archived candidate takes no touches', async ({ page }) => {
  const tag = uniqueTag();
  const name = `Quinn Record ${tag}`;
  await signIn(page, DEMO.owner);
  await page.goto(`/${DEMO.slug}/candidates`);
  await page.getByRole('button', { name: 'New candidate' }).click();
  const create = page.getByRole('dialog', { name: 'New candidate' });
  await create.getByLabel('Name').fill(name);
  await create.getByLabel('Email').fill(`quinn-${tag}@example.com`);
  await create.getByRole('button', { name: 'Add candidate' }).click();
  await expect(create).toBeHidden();
  await page.getByTestId('candidate-search').fill(tag);
  await page.getByTestId('candidate-row').filter({ hasText: name }).getByRole('link', { name }).click();
  await expect(page.getByTestId('candidate-name')).toHaveText(name);
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).locator('[aria-current="page"]')).toHaveText(name);

  await page.getByRole('button', { name: 'Edit details' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit details' });
  await edit.getByLabel('Phone (optional)').fill('+44 20 7946 0999');
  await edit.getByRole('button', { name: 'Save details' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText('+44 20 7946 0999').first()).toBeVisible();

  // The header's button comes first; interviews further down have their own.
  await page.getByRole('button', { name: 'Archive', exact: true }).first().click();
  await page.getByRole('dialog', { name: `Archive ${name}?` }).getByRole('button', { name: 'Archive', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Restore', exact: true }).first()).toBeVisible();
  await expect(page.getByTestId('log-touch-form')).toHaveCount(0);
});
