import { expect, test } from '@playwright/test';
import { DEMO, signIn, uniqueTag } from './support';

// A demo candidate who followed up promptly and waits for nothing (db/seed.ts), so a new question
// becomes the one the inbox shows; the other specs leave this candidate alone.
const CANDIDATE = 'Kwame Mensah';

test('a question asked in the portal appears in the open replies-owed inbox, and on the candidate page, without a reload', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const tag = uniqueTag();
  const question = `Is there parking near the Globex office? (${tag})`;
  const followUp = `And is the office dog-friendly? (${tag})`;

  await signIn(page, DEMO.owner);
  await page.goto(`/${DEMO.slug}/candidates?q=${encodeURIComponent('Kwame')}`);
  await page.getByTestId('candidate-row').filter({ hasText: CANDIDATE }).getByRole('link', { name: CANDIDATE }).click();
  await expect(page.getByTestId('candidate-name')).toHaveText(CANDIDATE);
  await page.getByTestId('portal-application').first().getByTestId('portal-create').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: /^Create (new )?link$/ }).click();
  const url = await dialog.getByLabel('Portal link').inputValue();
  await dialog.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Replies owed' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Replies owed' })).toBeVisible();
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-state', 'live');
  const waiting = page.getByRole('list', { name: 'Candidates waiting for a reply' });
  await expect(waiting.getByRole('listitem').filter({ hasText: CANDIDATE })).toHaveCount(0);
  // A reload would wipe this marker: it proves the page was updated in place.
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

  const phone = await browser.newContext({ javaScriptEnabled: false });
  const candidate = await phone.newPage();
  await candidate.goto(url);
  await candidate.getByRole('textbox', { name: 'Your question' }).fill(question);
  await candidate.getByRole('button', { name: 'Send question' }).click();
  await expect(candidate.getByRole('status')).toContainText('Your question was sent.');

  const item = waiting.getByRole('listitem').filter({ hasText: CANDIDATE });
  await expect(item).toBeVisible();
  await expect(item).toContainText(question);
  await expect(page.getByTestId('live-toast')).toContainText(`${CANDIDATE} asked a question`);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // The toast leads to the candidate, whose timeline then takes the next question live too.
  await page.getByTestId('live-toast').getByRole('link', { name: 'Open' }).click();
  await expect(page.getByTestId('candidate-name')).toHaveText(CANDIDATE);
  const timeline = page.getByTestId('timeline');
  await expect(timeline.getByTestId('timeline-item').filter({ hasText: question })).toHaveCount(1);
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
  await candidate.getByRole('textbox', { name: 'Your question' }).fill(followUp);
  await candidate.getByRole('button', { name: 'Send question' }).click();
  await expect(timeline.getByTestId('timeline-item').first()).toContainText(followUp);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await phone.close();
});
