import { randomUUID } from 'node:crypto';
import { getPortalView } from '@/server/services/portal/get-portal-view';
import { recordPortalVisit } from '@/server/services/portal/record-portal-visit';
import type { PortalContext } from '@/server/services/portal/types';
import { renderPortalPage, type PortalFormState } from './_view';
import { html, newNonce, PORTAL_CSS_HREF } from './respond';

export type PortalFormName = 'question' | 'thanks';

export function freshForm(): PortalFormState {
  return { requestId: randomUUID(), error: null, values: { body: '', to: [] } };
}

/**
 * The portal page for a session. A failed form comes back with its message and what the
 * candidate typed (and the same request id, so sending it again still counts once).
 */
export async function portalPage(
  ctx: PortalContext,
  options: { notice?: PortalFormName | null; failed?: { form: PortalFormName; state: PortalFormState }; status?: number } = {},
): Promise<Response> {
  await recordPortalVisit(ctx);
  const view = await getPortalView(ctx);
  const form = { question: freshForm(), thanks: freshForm() };
  if (options.failed) form[options.failed.form] = options.failed.state;
  const nonce = newNonce();
  const page = await renderPortalPage({ view, nonce, notice: options.notice ?? null, form, cssHref: PORTAL_CSS_HREF });
  return html(page, options.status ?? 200, nonce);
}
