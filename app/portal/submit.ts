import type { NextRequest } from 'next/server';
import { env } from '@/server/env';
import { AppError } from '@/server/errors';
import { isPortalSubmissionRecorded, portalSubmissionRule } from '@/server/services/portal/portal-submission';
import { PORTAL_COOKIE, verifyPortalSession } from '@/server/services/portal/portal-token';
import { sendPortalThanks, ZSendPortalThanksInput } from '@/server/services/portal/send-portal-thanks';
import { submitPortalQuestion, ZSubmitPortalQuestionInput } from '@/server/services/portal/submit-portal-question';
import type { PortalContext } from '@/server/services/portal/types';
import { withPortalSession } from '@/server/services/portal/with-portal-session';
import { toStorableText } from '@/server/services/records/storable-text';
import { unsafeHitRateLimit } from '@/server/services/rate-limits/unsafe-hit-rate-limit';
import { portalPage, type PortalFormName } from './page-response';
import { isSameOrigin } from '@/server/security/same-origin';
import { seeOther } from '@/server/security/see-other';
import { messagePage, PORTAL_PATH } from './respond';

/** Far above any real form (2,000 characters of text); a bigger body is refused unread. */
const MAX_FORM_BYTES = 64 * 1024;

const SCHEMAS = { question: ZSubmitPortalQuestionInput, thanks: ZSendPortalThanksInput } as const;

function submit(ctx: PortalContext, name: PortalFormName, raw: { body: string; requestId: string; to: string[] }) {
  return name === 'question' ? submitPortalQuestion(ctx, raw) : sendPortalThanks(ctx, raw);
}

function readForm(form: FormData) {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  return { body: text('body'), requestId: text('requestId'), to: form.getAll('to').filter((v): v is string => typeof v === 'string') };
}

/**
 * A portal form post, without JavaScript: validate, refuse what is too much, record once, then
 * redirect (303) so a reload does not post again. A failed form is shown again with its message.
 */
export async function handlePortalSubmission(request: NextRequest, name: PortalFormName): Promise<Response> {
  if (!isSameOrigin(request)) return messagePage('forbidden');
  const secret = env().authSecret;
  const cookie = request.cookies.get(PORTAL_COOKIE)?.value;
  const ref = verifyPortalSession(secret, cookie);
  if (!ref) return messagePage('invalid', { clearCookie: true });

  const length = Number(request.headers.get('content-length') ?? 0);
  let raw = { body: '', requestId: '', to: [] as string[] };
  let tooLarge = length > MAX_FORM_BYTES;
  if (!tooLarge) {
    try {
      raw = readForm(await request.formData());
    } catch {
      tooLarge = true;
    }
  }
  const failed = (error: string, status: number) => ({
    form: name,
    // Shown again as typed, except a character the page cannot show either (a NUL becomes U+FFFD).
    state: { requestId: raw.requestId, error, values: { body: toStorableText(raw.body.slice(0, 10_000)), to: raw.to.map(toStorableText) } },
    status,
  });

  const session = { secret, cookie };
  const rerender = async (error: string, status: number) => {
    const again = await withPortalSession(session, (ctx) => portalPage(ctx, { failed: failed(error, status), status }));
    return again.kind === 'ok' ? again.value : messagePage(again.kind, again.kind === 'archived' ? { agency: again.agency, clearCookie: true } : { clearCookie: true });
  };

  if (tooLarge) return rerender('This message is too long to send. Shorten it and try again.', 413);
  const parsed = SCHEMAS[name].safeParse(raw);
  if (!parsed.success) return rerender(parsed.error.issues[0]?.message ?? 'Check the form and try again.', 422);

  const done = seeOther(`${PORTAL_PATH}?sent=${name}`);
  const recorded = await withPortalSession(session, (ctx) => isPortalSubmissionRecorded(ctx, parsed.data.requestId));
  if (recorded.kind === 'invalid') return messagePage('invalid', { clearCookie: true });
  if (recorded.kind === 'archived') return messagePage('archived', { agency: recorded.agency, clearCookie: true });
  // A double click or a retried post: the first one counted, this one just lands on the same page.
  if (recorded.value) return done;

  const limit = await unsafeHitRateLimit(portalSubmissionRule(ref.linkId));
  if (!limit.allowed) return messagePage('too_many_submissions', { retryAfterSeconds: limit.retryAfterSeconds });

  try {
    const result = await withPortalSession(session, (ctx) => submit(ctx, name, raw));
    if (result.kind === 'invalid') return messagePage('invalid', { clearCookie: true });
    if (result.kind === 'archived') return messagePage('archived', { agency: result.agency, clearCookie: true });
  } catch (error) {
    if (error instanceof AppError) return rerender(error.message, 422);
    throw error;
  }
  return done;
}
