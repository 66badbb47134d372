import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext, type APIResponse, type Download, type Page } from '@playwright/test';
import { DEMO, signIn, signUpWithAgency, uniqueTag } from './support';

// Attacks an outsider (or a careless link) can send over HTTP: malformed addresses, a NUL in a
// portal post, and downloads that write the audit log triggered from another site.

const UNSTORABLE = 'This text contains a character that cannot be saved (a NUL byte or a broken emoji). Remove it and try again.';
const BAD_ENCODING = 'This web address is not valid: part of it is encoded wrongly';
const CONTROL = 'This web address is not valid: it contains a control character (such as a NUL byte).';
const NUL_QUERY = 'This web address is not valid: its query contains a NUL byte (%00).';
const EVIL = 'https://evil.example';

/** A clear 400: the reason in words, never Next.js's bare 500 nor a stack trace. */
async function expectClear400(response: APIResponse, reason: string, what: string) {
  const text = await response.text();
  expect(response.status(), `${what}: ${text.slice(0, 200)}`).toBe(400);
  expect(text, what).toContain(reason);
  expect(text, what).not.toMatch(/Internal Server Error|something went wrong|\n\s+at .+:\d+:\d+/i);
}

async function trpcMutation<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function trpcQuery<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.get(`/api/trpc/${path}`, { params: { input: JSON.stringify({ json: input }) } });
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** What the audit log holds, newest first, as the admin's audit page reads it. */
async function auditActions(request: APIRequestContext, orgSlug: string): Promise<string[]> {
  const page = await trpcQuery<{ items: { action: string }[] }>(request, 'audit.list', { orgSlug, limit: 100 });
  return page.items.map((item) => item.action);
}

/** A candidate with an application in a new agency of the signed-in owner. */
async function candidateWithApplication(request: APIRequestContext, orgSlug: string) {
  const tag = uniqueTag();
  const team = await trpcMutation<{ id: string }>(request, 'team.create', { orgSlug, name: `Team ${tag}` });
  const job = await trpcMutation<{ id: string }>(request, 'job.create', { orgSlug, teamId: team.id, clientCompany: 'Acme', title: `Engineer ${tag}` });
  const candidate = await trpcMutation<{ id: string }>(request, 'candidate.create', { orgSlug, name: `Robin ${tag}`, email: `robin-${tag}@example.com`, teamId: team.id });
  const application = await trpcMutation<{ id: string }>(request, 'application.create', { orgSlug, candidateId: candidate.id, jobId: job.id, stage: 'interview' });
  return { candidateId: candidate.id, applicationId: application.id, name: `Robin ${tag}` };
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  expect(await download.failure()).toBeNull();
  return { download, text: await readFile((await download.path())!, 'utf8') };
}

test.describe('malformed addresses', () => {
  const cases: [string, string][] = [
    ['/p/%E0%A4%A', BAD_ENCODING],
    ['/p/%FF', BAD_ENCODING],
    ['/%FF', BAD_ENCODING],
    [`/${DEMO.slug}/%FF`, BAD_ENCODING],
    [`/${DEMO.slug}/candidates/%FF`, BAD_ENCODING],
    ['/invite/%FF', BAD_ENCODING],
    ['/api/trpc/%FF', BAD_ENCODING],
    ['/api/orgs/%00/dashboard.csv', CONTROL],
    ['/api/orgs/%FF/dashboard.csv', BAD_ENCODING],
    [`/api/orgs/${DEMO.slug}/candidates/%00/export`, CONTROL],
    ['/api/orgs/%00/analytics/signal-mix', CONTROL],
    [`/${DEMO.slug}/candidates/%00`, CONTROL],
    [`/${DEMO.slug}/candidates?q=%00`, NUL_QUERY],
  ];

  test('get a 400 that says what is wrong, signed out or signed in, on every method', async ({ page, request }) => {
    for (const [path, reason] of cases) await expectClear400(await request.get(path), reason, `GET ${path} signed out`);
    await signIn(page, DEMO.owner);
    for (const [path, reason] of cases) await expectClear400(await page.request.get(path), reason, `GET ${path} signed in`);
    for (const path of ['/api/orgs/%00/dashboard.csv', `/api/orgs/${DEMO.slug}/candidates/%00/export`, '/portal/questions?x=%00']) {
      await expectClear400(await page.request.post(path, { form: { body: 'x' } }), path.includes('?') ? NUL_QUERY : CONTROL, `POST ${path}`);
    }
  });

  test('show a browser a proper "Bad request" page, not a blank error', async ({ page }) => {
    await signIn(page, DEMO.owner);
    for (const path of ['/p/%E0%A4%A', `/${DEMO.slug}/%FF`, `/${DEMO.slug}/candidates/%00`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(400);
      await expect(page.getByRole('heading', { level: 1, name: 'Bad request' })).toBeVisible();
      await expect(page.getByText('This web address is not valid')).toBeVisible();
      await expect(page.getByRole('link', { name: 'Go to Afterview' })).toHaveAttribute('href', '/');
      // A portal token may sit in such an address: it is not passed on as a referrer.
      expect(response?.headers()['referrer-policy']).toBe('no-referrer');
    }
  });
});

test('a portal post whose text holds a NUL is refused with a clear message and nothing is recorded', async ({ page, browser }) => {
  const { slug } = await signUpWithAgency(page, 'nulportal');
  const { candidateId, applicationId } = await candidateWithApplication(page.request, slug);
  const link = await trpcMutation<{ url: string }>(page.request, 'portal.createLink', { orgSlug: slug, candidateId, applicationId });

  const context = await browser.newContext();
  try {
    const candidate = await context.newPage();
    await candidate.goto(link.url);
    await expect(candidate).toHaveURL(/\/portal$/);

    for (const [path, body] of [
      ['/portal/questions', 'Is the role remote?\u0000'],
      ['/portal/thanks', 'Thank you\u0000 for your time'],
    ] as const) {
      const response = await candidate.request.post(path, { form: { body, requestId: randomUUID() }, maxRedirects: 0 });
      const html = await response.text();
      expect(response.status(), `${path}: ${html.slice(0, 200)}`).toBe(422);
      expect(html).toContain(UNSTORABLE);
    }
    // Nothing was recorded: the portal lists no question and the candidate's timeline holds no message.
    await candidate.goto('/portal');
    await expect(candidate.getByText('Is the role remote?')).toHaveCount(0);
    const timeline = await trpcQuery<{ items: { kind: string }[] }>(page.request, 'touch.timeline', { orgSlug: slug, candidateId });
    expect(timeline.items.filter((t) => t.kind === 'question' || t.kind === 'thank_you')).toEqual([]);

    // The same post without the NUL goes through: the refusal was about that one character.
    const fine = await candidate.request.post('/portal/questions', { form: { body: 'Is the role remote?', requestId: randomUUID() }, maxRedirects: 0 });
    expect(fine.status()).toBe(303);
  } finally {
    await context.close();
  }
});

test.describe('audited downloads', () => {
  test('start from their in-app buttons (a POST): the browser downloads the file and one audit entry is written', async ({ page }) => {
    const { slug } = await signUpWithAgency(page, 'exports');
    const { candidateId, name } = await candidateWithApplication(page.request, slug);

    await page.goto(`/${slug}`);
    const csv = await downloaded(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
    expect(csv.download.suggestedFilename()).toMatch(new RegExp(`^afterview-${slug}-follow-ups-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^Candidate,Candidate email,/);
    await expect(page).toHaveURL(`/${slug}`);
    expect((await auditActions(page.request, slug)).filter((a) => a === 'dashboard.export')).toHaveLength(1);

    await page.goto(`/${slug}/candidates/${candidateId}`);
    const json = await downloaded(page, () => page.getByRole('button', { name: 'Export data (JSON)' }).click());
    expect(json.download.suggestedFilename()).toBe(`candidate-${candidateId}.json`);
    expect(JSON.parse(json.text)).toMatchObject({ format: 'afterview.candidate-export.v1', candidate: { name } });
    expect((await auditActions(page.request, slug)).filter((a) => a === 'candidate.export')).toHaveLength(1);
  });

  test('cannot be triggered from another site: a navigation gets 405, a cross-site POST 403, and nothing is audited', async ({ page, baseURL }) => {
    const { slug } = await signUpWithAgency(page, 'crosssite');
    const { candidateId } = await candidateWithApplication(page.request, slug);
    const targets = {
      dashboard: `${baseURL}/api/orgs/${slug}/dashboard.csv?followedUp=all`,
      candidate: `${baseURL}/api/orgs/${slug}/candidates/${candidateId}/export`,
    };
    const before = await auditActions(page.request, slug);

    // A hostile page the victim opens while signed in (served by the browser's own interception).
    await page.route(`${EVIL}/**`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!DOCTYPE html><title>Win a prize</title>
          ${Object.entries(targets)
            .map(([key, url]) => `<a id="link-${key}" href="${url}">${key} link</a><form id="form-${key}" method="post" action="${url}"><button>${key} post</button></form>`)
            .join('\n')}`,
      }),
    );

    for (const [key, url] of Object.entries(targets)) {
      // A top-level navigation: the session cookie (SameSite=Lax) goes along, so this was the attack.
      await page.goto(`${EVIL}/`);
      const [navigation] = await Promise.all([page.waitForResponse(url), page.locator(`#link-${key}`).click()]);
      expect(navigation.status(), `${key}: GET`).toBe(405);
      expect(navigation.headers()['allow']).toBe('POST');
      expect(await navigation.text()).toContain('This download is recorded in the audit log');

      await page.goto(`${EVIL}/`);
      const [post] = await Promise.all([page.waitForResponse(url), page.locator(`#form-${key} button`).click()]);
      expect(post.status(), `${key}: cross-site form POST`).toBe(403);
      expect(await post.text()).toContain('This download was requested from another site and was refused.');

      // The same requests forged with the victim's cookies and another site's headers.
      const forgedGet = await page.request.get(url, { headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' } });
      expect(forgedGet.status(), `${key}: forged GET`).toBe(405);
      const forgedPost = await page.request.post(url, { headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' } });
      expect(forgedPost.status(), `${key}: forged POST`).toBe(403);
      const originOnly = await page.request.post(url, { headers: { origin: EVIL } });
      expect(originOnly.status(), `${key}: POST with only a foreign Origin`).toBe(403);
    }
    expect(await auditActions(page.request, slug)).toEqual(before);

    // A chart CSV holds counts only and writes nothing: it stays a GET a link may open.
    const chart = await page.request.get(`/api/orgs/${slug}/analytics/follow-up-rate`);
    expect(chart.status()).toBe(200);
    expect(chart.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(await auditActions(page.request, slug)).toEqual(before);
  });
});
