import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { DEMO, signIn, uniqueTag } from './support';

// The demo seed (db/seed.ts, DEMO_STORY) casts these candidates in these roles.
const STORY = { followedUp: 'Amara Okafor', overdueQuestion: 'Priya Nair', silent: 'Hannah Kowalski' } as const;

test('the dashboard shows who followed up and who stayed silent; filters live in the URL; the view exports', async ({ page }) => {
  await signIn(page, DEMO.owner);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByTestId('dashboard-summary')).toBeVisible();

  const rows = page.getByRole('table').getByRole('row');
  const followedUp = page.getByRole('group', { name: 'Followed up' });

  // Alphabetical, so the story's names are on the first page.
  await page.getByRole('button', { name: /^Candidate/ }).click();
  await expect(page).toHaveURL(/sort=candidate/);
  await followedUp.getByText('Yes', { exact: true }).click();
  await expect(page).toHaveURL(/followedUp=yes/);
  await expect(rows.filter({ hasText: STORY.followedUp }).first()).toContainText('Followed up');
  await expect(rows.filter({ hasText: STORY.silent })).toHaveCount(0);

  await followedUp.getByText('No', { exact: true }).click();
  await expect(page).toHaveURL(/followedUp=no/);
  await expect(rows.filter({ hasText: STORY.silent }).first()).toContainText('Silent');
  await expect(rows.filter({ hasText: STORY.followedUp })).toHaveCount(0);

  // A shared link opens the same view.
  await page.reload();
  await expect(followedUp.getByRole('radio', { name: 'No' })).toBeChecked();
  await expect(rows.filter({ hasText: STORY.silent }).first()).toBeVisible();
  await expect(rows.filter({ hasText: STORY.followedUp })).toHaveCount(0);

  // The export is audited, so its button posts a form; the browser downloads what it answers.
  expect(await page.getByTestId('dashboard-export').getAttribute('action')).toMatch(/followedUp=no/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv.split('\n')[0]).toMatch(/candidate/i);
  expect(csv).toContain(STORY.silent);
  expect(csv).not.toContain(STORY.followedUp);
});

test('a recruiter answers the oldest question: inbox, timeline, logging a call', async ({ page }) => {
  await signIn(page, DEMO.owner);
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Replies owed' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Replies owed' })).toBeVisible();
  const waiting = page.getByRole('list', { name: 'Candidates waiting for a reply' });
  const priya = waiting.getByRole('listitem').filter({ hasText: STORY.overdueQuestion });
  await expect(priya).toContainText('Overdue by');

  await priya.getByRole('link', { name: STORY.overdueQuestion }).first().click();
  await expect(page.getByTestId('candidate-name')).toHaveText(STORY.overdueQuestion);
  await expect(page.getByTestId('overdue')).toBeVisible();
  const timeline = page.getByTestId('timeline');
  await expect(timeline.locator('[data-testid=timeline-item][data-kind=question]').first()).toBeVisible();

  const form = page.getByTestId('log-touch-form');
  await form.getByTestId('log-touch-kind').selectOption('call');
  await form.getByRole('radio', { name: 'From the agency' }).check();
  const note = `Called back about the on-call rotation ${uniqueTag()}`;
  await form.getByTestId('log-touch-body').fill(note);
  await form.getByTestId('log-touch-submit').dblclick();
  await expect(page.getByTestId('log-touch-status')).toContainText('Call logged.');

  const newest = timeline.getByTestId('timeline-item').first();
  await expect(newest).toHaveAttribute('data-kind', 'call');
  await expect(newest).toHaveAttribute('data-direction', 'outbound');
  await expect(newest).toContainText(note);
  // The double click recorded one call.
  await expect(timeline.getByTestId('timeline-item').filter({ hasText: note })).toHaveCount(1);
  await expect(page.getByTestId('overdue')).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Replies owed' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Replies owed' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Candidates waiting for a reply' }).getByRole('listitem').filter({ hasText: STORY.overdueQuestion })).toHaveCount(0);
});

test('CSV round trip: import with a preview, find the candidates, export them safely', async ({ page }) => {
  const tag = uniqueTag();
  const safe = `Rosa Import ${tag}`;
  const risky = `=HYPERLINK("http://evil.example") ${tag}`;
  const csv = [
    'name,email,team,job_title,client_company,interview_start,interview_end,interview_kind',
    `${safe},rosa-${tag}@example.com,Engineering,Senior Backend Engineer,Acme Robotics,2026-11-20 09:00,2026-11-20 10:00,video`,
    `"${risky.replaceAll('"', '""')}",risky-${tag}@example.com,Engineering,Senior Backend Engineer,Acme Robotics,2026-11-20 11:00,2026-11-20 12:00,phone`,
    `No Email ${tag},not-an-email,Engineering,,,,,`,
  ].join('\n');

  await signIn(page, DEMO.owner);
  await page.goto(`/${DEMO.slug}/candidates/import`);
  await page.getByLabel('Or paste the CSV text').fill(csv);
  await page.getByRole('button', { name: 'Check the file' }).click();
  const preview = page.getByRole('region', { name: 'Preview of the rows' });
  await expect(preview.getByRole('row').filter({ hasText: safe })).toBeVisible();
  await expect(preview.getByRole('row').filter({ hasText: `No Email ${tag}` })).toContainText(/valid email/i);

  await page.getByRole('button', { name: 'Import 2 candidates' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Import finished' })).toContainText('2 candidates created');
  await expect(page.getByRole('status').filter({ hasText: 'Import finished' })).toContainText('1 row skipped');

  await page.goto(`/${DEMO.slug}/candidates`);
  await page.getByTestId('candidate-search').fill(tag);
  await expect(page.getByTestId('candidate-row')).toHaveCount(2);
  await expect(page.getByTestId('candidate-row').filter({ hasText: safe })).toBeVisible();

  const exported = await (await page.request.post(`/api/orgs/${DEMO.slug}/dashboard.csv`)).text();
  expect(exported).toContain(safe);
  // A cell a spreadsheet would run as a formula is neutralised with a leading quote.
  expect(exported).toContain(`"'=HYPERLINK(""http://evil.example"") ${tag}"`);
  expect(exported).not.toMatch(/(^|,)"?=HYPERLINK/m);
});
