import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, signIn, uniqueTag } from './support';

// A demo candidate the other specs leave alone: only opened emails and visits so far (db/seed.ts).
const CANDIDATE = 'Mateo García';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;

async function expectNoViolations(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(summary, `${name} has WCAG 2.1 AA violations`).toEqual([]);
}

async function openCandidate(page: Page) {
  await page.goto(`/${DEMO.slug}/candidates?q=${encodeURIComponent('Mateo')}`);
  await page.getByTestId('candidate-row').filter({ hasText: CANDIDATE }).getByRole('link', { name: CANDIDATE }).click();
  await expect(page.getByTestId('candidate-name')).toHaveText(CANDIDATE);
}

async function createLink(page: Page): Promise<string> {
  await page.getByTestId('portal-application').first().getByTestId('portal-create').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: /^Create (new )?link$/ }).click();
  await expect(dialog).toHaveAccessibleName('Portal link created');
  const url = await dialog.getByLabel('Portal link').inputValue();
  expect(url).toMatch(/\/p\/[A-Za-z0-9_-]{43}$/);
  await dialog.getByRole('button', { name: 'Done' }).click();
  return url;
}

test('a candidate asks and thanks through the portal on a phone, without JavaScript; the recruiter answers; a revoked link stops', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const tag = uniqueTag();
  const question = `Will the second round include a system design exercise? (${tag})`;
  const thanks = `Thank you for a great conversation yesterday. (${tag})`;
  const answer = `Yes: 45 minutes, whiteboard or shared doc, your choice. (${tag})`;

  await signIn(page, DEMO.owner);
  await openCandidate(page);
  await expect(page.getByRole('heading', { name: 'Portal links' })).toBeVisible();
  const url = await createLink(page);
  await expect(page.getByTestId('portal-link').first()).toHaveAttribute('data-status', 'active');

  // The candidate: a phone, no account, and no JavaScript at all.
  const phone = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const candidate = await phone.newPage();
  // axe runs as a script, so it audits the same page in a twin context that shares the cookie.
  const twin = await browser.newContext(PHONE);
  const audit = async (name: string) => {
    await twin.clearCookies();
    await twin.addCookies(await phone.cookies());
    const view = await twin.newPage();
    await view.goto(candidate.url());
    await expectNoViolations(view, name);
    await view.close();
  };
  const opened = await candidate.goto(url);
  expect(opened?.status()).toBe(200);
  await expect(candidate).toHaveURL(/\/portal$/);
  expect(candidate.url()).not.toContain(url.split('/p/')[1]!);
  expect(opened?.headers()['referrer-policy']).toBe('no-referrer');
  await expect(candidate.getByRole('heading', { level: 1 })).toHaveText('Hi Mateo');
  await expect(candidate.getByText(DEMO.name).first()).toBeVisible();
  await expect(candidate.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex, nofollow');
  expect(await candidate.locator('script').count()).toBe(0);
  await audit('portal');
  const width = await candidate.evaluate(() => document.documentElement.scrollWidth);
  expect(width, 'no sideways scrolling on a phone').toBeLessThanOrEqual(390);

  await candidate.getByRole('textbox', { name: 'Your question' }).fill(question);
  await candidate.getByRole('button', { name: 'Send question' }).click();
  await expect(candidate.getByRole('status')).toContainText('Your question was sent.');
  const asked = candidate.getByRole('listitem').filter({ hasText: question });
  await expect(asked).toContainText('Pending');
  await audit('portal after a question');

  const interviewers = candidate.getByRole('group', { name: 'Address it to (optional)' }).getByRole('checkbox');
  if ((await interviewers.count()) > 0) await interviewers.first().check();
  await candidate.getByLabel('Your thank-you note').fill(thanks);
  await candidate.getByRole('button', { name: 'Send thank-you note' }).click();
  await expect(candidate.getByRole('status')).toContainText('Your thank-you note was sent.');
  await expect(candidate.getByText(thanks)).toBeVisible();

  // Reloading the page after a post does not post again (the post redirected).
  await candidate.reload();
  await expect(candidate.getByRole('listitem').filter({ hasText: question })).toHaveCount(1);

  // The recruiter: the question waits in Replies owed and is answered from the timeline.
  await page.goto(`/${DEMO.slug}/inbox`);
  await page.getByRole('link', { name: `Answer ${CANDIDATE}'s question` }).click();
  await expect(page).toHaveURL(/#timeline$/);
  const item = page.getByTestId('timeline').locator('[data-testid="timeline-item"][data-kind="question"]').filter({ hasText: question });
  await expect(item.getByTestId('question-status')).toHaveText(/Unanswered/);
  await expect(page.getByTestId('timeline').locator('[data-kind="thank_you"]').filter({ hasText: thanks })).toBeVisible();
  await item.getByTestId('question-answer').click();
  await page.getByLabel('Your answer').fill(answer);
  await page.getByTestId('answer-submit').click();
  await expect(page.getByTestId('answer-status')).toContainText('Answer sent.');
  await expect(item.getByTestId('question-status')).toHaveText(/Answered/);

  await candidate.reload();
  const answered = candidate.getByRole('listitem').filter({ hasText: question });
  await expect(answered).toContainText('Answered');
  await expect(answered).toContainText(answer);
  await audit('portal with an answer');

  // Revoked: the cookie the candidate holds stops working, and so does the link.
  await page.goto(`/${DEMO.slug}/candidates`);
  await openCandidate(page);
  const active = page.getByTestId('portal-link').filter({ has: page.getByTestId('portal-link-status').getByText('Active') }).first();
  await active.getByTestId('portal-link-revoke').click();
  await page.getByRole('dialog', { name: 'Revoke this portal link?' }).getByRole('button', { name: 'Revoke link' }).click();
  await expect(page.getByTestId('portal-link').first()).toHaveAttribute('data-status', 'revoked');

  const afterRevoke = await candidate.reload();
  expect(afterRevoke?.status()).toBe(404);
  await expect(candidate.getByRole('heading', { level: 1 })).toHaveText("This link doesn't work");
  await audit('invalid link page');
  const again = await candidate.goto(url);
  expect(again?.status()).toBe(404);
  await Promise.all([phone.close(), twin.close()]);
});

test('the portal page keeps what the candidate typed when the server refuses it', async ({ page, browser }) => {
  await signIn(page, DEMO.owner);
  await openCandidate(page);
  const url = await createLink(page);
  const phone = await browser.newContext(PHONE);
  const candidate = await phone.newPage();
  await candidate.goto(url);
  // Only spaces: the browser's `required` check passes, the server's does not.
  await candidate.getByRole('textbox', { name: 'Your question' }).fill('    ');
  await candidate.getByRole('button', { name: 'Send question' }).click();
  await expect(candidate.getByText('Write your question before sending it.').first()).toBeVisible();
  await expect(candidate.getByRole('textbox', { name: 'Your question' })).toHaveAttribute('aria-invalid', 'true');
  await expectNoViolations(candidate, 'portal with an error');
  await phone.close();
});
