import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO, signUpWithAgency } from './support';

/** org.overview as the browser context's user would call it (tRPC over GET, superjson). */
function overview(request: APIRequestContext, orgSlug: string) {
  return request.get('/api/trpc/org.overview', { params: { input: JSON.stringify({ json: { orgSlug } }) } });
}

test('a signed-out visit to an agency goes to the sign-in page', async ({ page }) => {
  await page.goto(`/${DEMO.slug}`);
  await expect(page).toHaveURL(`/signin?callbackUrl=${encodeURIComponent(`/${DEMO.slug}`)}`);
  await expect(page.getByRole('heading', { name: 'Sign in to Afterview' })).toBeVisible();
  await expect(page.getByText(DEMO.name)).toHaveCount(0);
});

test('a member of one agency cannot see another agency', async ({ page, browser }) => {
  const first = await signUpWithAgency(page, 'first');

  // Control: the first agency's own owner reads it through the API.
  const own = await overview(page.request, first.slug);
  expect(own.status()).toBe(200);
  expect(await own.text()).toContain(first.name);

  const otherContext = await browser.newContext();
  try {
    const other = await otherContext.newPage();
    const second = await signUpWithAgency(other, 'second');
    await expect(other.getByTestId('current-org')).toHaveText(second.name);

    // The page: the same "Page not found" as for an agency that does not exist, with a 404.
    const response = await other.goto(`/${first.slug}`);
    expect(response?.status()).toBe(404);
    await expect(other.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(other.getByText(first.name)).toHaveCount(0);
    expect(await response!.text()).not.toContain(first.name);

    const missing = await other.goto(`/no-such-agency-${second.slug}`);
    expect(missing?.status()).toBe(404);
    await expect(other.getByRole('heading', { name: 'Page not found' })).toBeVisible();

    // The API: a direct tRPC call with the second user's session answers NOT_FOUND and no data.
    const api = await overview(other.request, first.slug);
    expect(api.status()).toBe(404);
    const body = await api.text();
    expect(body).not.toContain(first.name);
    expect(body).not.toContain(first.email);
    const parsed = JSON.parse(body) as { result?: unknown; error?: { json?: { data?: { code?: string } } } };
    expect(parsed.result).toBeUndefined();
    expect(parsed.error?.json?.data?.code).toBe('NOT_FOUND');

    const demo = await other.goto(`/${DEMO.slug}`);
    expect(demo?.status()).toBe(404);
    const demoApi = await overview(other.request, DEMO.slug);
    expect(demoApi.status()).toBe(404);
    expect(await demoApi.text()).not.toContain(DEMO.name);
    

    // And the other way round.
    const back = await overview(page.request, second.slug);
    expect(back.status()).toBe(404);
    expect(await back.text()).not.toContain(second.name);
  } finally {
    await otherContext.close();
  }
});
