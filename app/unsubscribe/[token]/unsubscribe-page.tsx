import { AFTERVIEW_BRAND } from '@/app/portal/_view/brand';
import { PortalDocument, renderDocument, type PortalBranding } from '@/app/portal/_view/document';
import type { DigestSubscription } from '@/server/services/digests/unsubscribe-digest';

export type UnsubscribeView =
  | { step: 'confirm'; subscription: Extract<DigestSubscription, { kind: 'member' }>; action: string }
  | { step: 'done'; subscription: Extract<DigestSubscription, { kind: 'member' }> }
  | { step: 'not_member'; subscription: Extract<DigestSubscription, { kind: 'not_member' }> }
  | { step: 'invalid' };

const NEUTRAL: PortalBranding = { name: 'Afterview', brandColor: AFTERVIEW_BRAND, logoUrl: null };

function SettingsHint({ slug }: { slug: string }) {
  return (
    <p>
      To get it again, sign in and turn on <strong>Daily digest</strong> in <a href={`/${slug}/settings`}>your settings</a>.
    </p>
  );
}

function Body(view: UnsubscribeView) {
  switch (view.step) {
    case 'confirm':
      return (
        <div className="card">
          <h1>{`Stop the daily digest from ${view.subscription.agency.name}?`}</h1>
          <p>
            {`Each morning Afterview emails you (${view.subscription.email}) who followed up yesterday and which replies you owe. `}
            Other email from Afterview, such as sign-in links, is not affected.
          </p>
          <form method="post" action={view.action}>
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <button type="submit">Unsubscribe from the daily digest</button>
          </form>
        </div>
      );
    case 'done':
      return (
        <div className="card">
          <h1>You are unsubscribed</h1>
          <p role="status">{`You will no longer receive the daily digest from ${view.subscription.agency.name} at ${view.subscription.email}.`}</p>
          <SettingsHint slug={view.subscription.agency.slug} />
        </div>
      );
    case 'not_member':
      return (
        <div className="card">
          <h1>{`You are no longer a member of ${view.subscription.agency.name}`}</h1>
          <p>Afterview sends you no digest from this agency, so there is nothing to unsubscribe from.</p>
        </div>
      );
    case 'invalid':
      return (
        <div className="card">
          <h1>This link is not valid</h1>
          <p>The unsubscribe link may be incomplete or altered. Use the link at the bottom of your latest digest email.</p>
          <p>You can also sign in to Afterview and turn off the daily digest in your settings.</p>
        </div>
      );
  }
}

const TITLES: Record<UnsubscribeView['step'], string> = {
  confirm: 'Unsubscribe from the daily digest',
  done: 'You are unsubscribed',
  not_member: 'No digest to unsubscribe from',
  invalid: 'This link is not valid',
};

/**
 * The unsubscribe pages: plain HTML with one form and no JavaScript, in the portal's shell and
 * under its CSP, branded for the agency once the link is known to be genuine.
 */
export function renderUnsubscribePage(view: UnsubscribeView, { nonce, cssHref }: { nonce: string; cssHref: string }): Promise<string> {
  const agency = view.step === 'invalid' ? null : view.subscription.agency;
  const branding = agency ? { name: agency.name, brandColor: agency.brandColor, logoUrl: agency.logoUrl } : NEUTRAL;
  return renderDocument(
    <PortalDocument title={`${TITLES[view.step]} · ${branding.name}`} nonce={nonce} cssHref={cssHref} branding={branding}>
      <Body {...view} />
    </PortalDocument>,
  );
}
