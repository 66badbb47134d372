import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, signIn } from './support';

async function expectNoViolations(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(summary, `${name} has WCAG 2.1 AA violations`).toEqual([]);
}

test('the sign-in pages have no WCAG 2.1 AA violations', async ({ page }) => {
  await page.goto('/signin');
  await expectNoViolations(page, 'sign-in');
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByText('Please enter your email address.')).toBeVisible();
  await expectNoViolations(page, 'sign-in with an error');
});

test('the recruiter pages have no WCAG 2.1 AA violations', async ({ page }) => {
  await signIn(page, DEMO.owner);
  for (const path of ['', '/inbox', '/candidates', '/jobs', '/analytics', '/agency', '/candidates/import']) {
    await page.goto(`/${DEMO.slug}${path}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoViolations(page, path || 'dashboard');
  }
  await page.goto(`/${DEMO.slug}/candidates`);
  await page.getByTestId('candidate-row').first().getByRole('link').first().click();
  await expect(page.getByTestId('candidate-name')).toBeVisible();
  await expectNoViolations(page, 'candidate page');
  await page.goto(`/${DEMO.slug}/jobs`);
  await page.getByTestId('job-row').first().getByRole('link').first().click();
  await expect(page.getByTestId('job-title')).toBeVisible();
  await expectNoViolations(page, 'job page');
});

test('a recruiter sees only the candidates of their team', async ({ page }) => {
  await signIn(page, 'riley@northwind.example');
  await page.goto(`/${DEMO.slug}/candidates`);
  const rows = page.getByTestId('candidate-row');
  await expect(rows.first()).toBeVisible();
  // Riley is in Engineering only: no candidate of Sales & Marketing is listed.
  await expect(rows.filter({ hasText: 'Sales & Marketing' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'Engineering' }).first()).toBeVisible();
});

test('the analytics charts render for the demo agency, each with a table view', async ({ page }) => {
  await signIn(page, DEMO.owner);
  await page.goto(`/${DEMO.slug}/analytics`);
  await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
  // Each table's column headers, and the row header of its totals row.
  const tables = {
    'follow-up-rate': [['Week', 'Interviews ended', 'Followed up', 'Silent', 'Still waiting', 'Follow-up rate'], 'All weeks'],
    'time-to-follow-up': [['Time to follow up', 'Interviews', 'Share'], 'All follow-ups'],
    'signal-mix': [['Week', 'Strong', 'Medium', 'Weak', 'Total'], 'All weeks'],
    'reply-time': [['Week', 'Questions', 'Answered', /^Within \d+ h$/, 'Median reply time', 'Against target'], 'All weeks'],
  } as const;
  for (const [chart, [columns, totals]] of Object.entries(tables)) {
    const section = page.getByTestId(`chart-${chart}`);
    await expect(section.getByTestId(`chart-${chart}-image`).locator('svg').first()).toBeVisible();
    await section.getByText('Show as table').click();
    const table = section.getByRole('table');
    await expect(table).toBeVisible();
    await expect(table.getByRole('columnheader')).toHaveText([...columns]);
    await expect(table.getByRole('row').nth(1)).toBeVisible();
    const footer = table.locator('tfoot').getByRole('row');
    await expect(footer.getByRole('rowheader')).toHaveText(totals);
    await expect(footer.getByRole('cell')).toHaveCount(columns.length - 1);
    expect(await section.getByTestId(`chart-${chart}-csv`).getAttribute('href')).toContain(`/analytics/${chart}`);
  }
  await expectNoViolations(page, 'analytics with tables open');
  await page.screenshot({ path: test.info().outputPath('analytics.png'), fullPage: true });
});

test('no page scrolls sideways on a phone: wide tables scroll inside their own box', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, DEMO.owner);
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const paths = ['', '/inbox', '/candidates', '/candidates/import', '/jobs', '/notifications', '/settings'];
  for (const path of [...paths, ...['', '/members', '/responsiveness', '/email', '/privacy', '/audit'].map((p) => `/agency${p}`)]) {
    await page.goto(`/${DEMO.slug}${path}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await sideways(), `${path || 'dashboard'} is wider than the screen`).toBeLessThanOrEqual(0);
  }
  // The dashboard's table (wider than the screen) has rows, so there is something to overflow.
  await page.goto(`/${DEMO.slug}`);
  await expect(page.getByRole('table').getByRole('row').nth(1)).toBeVisible();
  expect(await sideways()).toBeLessThanOrEqual(0);

  await page.goto(`/${DEMO.slug}/analytics`);
  for (const summary of await page.getByText('Show as table').all()) await summary.click();
  await expect(page.getByRole('table')).toHaveCount(4);
  expect(await sideways(), 'analytics with its tables open is wider than the screen').toBeLessThanOrEqual(0);

  await page.goto(`/${DEMO.slug}/candidates`);
  await page.getByTestId('candidate-row').first().getByRole('link').first().click();
  await expect(page.getByTestId('candidate-name')).toBeVisible();
  expect(await sideways(), 'the candidate page is wider than the screen').toBeLessThanOrEqual(0);

  await page.goto(`/${DEMO.slug}/jobs`);
  await page.getByTestId('job-row').first().getByRole('link').first().click();
  await expect(page.getByTestId('job-title')).toBeVisible();
  expect(await sideways(), 'the job page is wider than the screen').toBeLessThanOrEqual(0);
});
