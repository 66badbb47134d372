import { expect, test } from '@playwright/test';
import { createAgency, FAKE_RESEND, signInThroughResend, uniqueTag } from './support';

// Runs on the instance that mails through Resend (the fake API): the file name ends in
// email.spec.ts, which is what playwright.config.ts sends to that project.

test('a genuine Resend webhook whose text holds a NUL or half an emoji is stored sanitised and processed, not refused and lost', async ({ page }) => {
  test.setTimeout(120_000);
  const tag = uniqueTag();
  const domain = `in-${tag}.example.com`;
  await signInThroughResend(page, `nul-mail-${tag}@example.com`);
  await expect(page).toHaveURL('/onboarding');
  const slug = `nulmail-${tag}`;
  await createAgency(page, { name: `Nul Mail ${tag}`, slug });

  await page.goto(`/${slug}/agency`);
  const settings = page.getByTestId('email-settings-form');
  await settings.getByLabel('Inbound domain').fill(domain);
  await settings.getByRole('button', { name: 'Save email settings' }).click();
  await expect(page.getByTestId('email-settings-status')).toHaveText('Email settings saved.');

  // Someone writes to the agency's domain; Resend (the fake) signs `email.received` over the exact
  // body it sends, with the subject's NUL as \u0000, and the app fetches the message, whose text
  // also holds a lone surrogate (\ud800).
  const received = await page.request.post(`${FAKE_RESEND}/__fake/receive`, {
    data: {
      from: `stranger-${tag}@example.org`,
      to: `jobs@${domain}`,
      subject: `Open application\u0000 ${tag}`,
      text: `Hello\u0000, I would like to apply \ud800 (${tag})`,
    },
  });
  const { delivery } = (await received.json()) as { delivery: { status: number; body: string; payload: string } };
  expect(delivery.payload, 'the signed body carries the NUL').toContain('\\u0000');
  expect(delivery.status, `the app answered ${delivery.body}`).toBe(200);

  // A delivery event with the same trouble in a value and in a key: stored too (nothing to process).
  const event = { type: 'email.delivered', created_at: new Date().toISOString(), data: { email_id: `em_${tag}`, to: ['x@example.com'], subject: 'a\u0000b\ud800', ['x\u0000']: 1 } };
  const other = (await (await page.request.post(`${FAKE_RESEND}/__fake/webhook`, { data: { event } })).json()) as { status: number; body: string };
  expect(other.status, other.body).toBe(200);

  // Processed by the queue like any other mail: the admin finds it among the unrouted email.
  const unrouted = page.getByTestId('unrouted-email').filter({ hasText: tag });
  await expect(async () => {
    await page.goto(`/${slug}/agency/email`);
    await expect(unrouted).toBeVisible({ timeout: 2_000 });
  }).toPass({ intervals: [500, 1_000], timeout: 30_000 });
  await expect(unrouted.getByRole('heading', { level: 3 })).toHaveText(`Open application\uFFFD ${tag}`);
  await expect(unrouted.getByTestId('unrouted-preview')).toHaveText(`Hello\uFFFD, I would like to apply \uFFFD (${tag})`);
});
