import { AFTERVIEW_BRAND } from './brand';
import { PortalDocument, renderDocument, type PortalBranding } from './document';

export type PortalMessageKind = 'invalid' | 'archived' | 'rate_limited' | 'too_many_submissions' | 'forbidden';

export interface PortalMessagePageProps {
  kind: PortalMessageKind;
  nonce: string;
  cssHref: string;
  /** For rate_limited and too_many_submissions: the Retry-After the handler sends. */
  retryAfterSeconds?: number;
  /** Known only once a link has been resolved; unknown links get neutral Afterview branding. */
  agency?: PortalBranding;
}

const NEUTRAL: PortalBranding = { name: 'Afterview', brandColor: AFTERVIEW_BRAND, logoUrl: null };

/** "1 minute", "5 minutes"; rounded up so the candidate never comes back too early. */
function waitFor(retryAfterSeconds: number | undefined): string {
  if (retryAfterSeconds === undefined || !Number.isFinite(retryAfterSeconds)) return 'a few minutes';
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

function message({ kind, retryAfterSeconds, agency }: PortalMessagePageProps): { heading: string; text: string[] } {
  switch (kind) {
    // One text for unknown, expired, revoked and mistyped tokens alike: the page must not tell a
    // guesser which tokens once existed.
    case 'invalid':
      return {
        heading: "This link doesn't work",
        text: ['The link may be out of date, replaced by a newer one, or incomplete.', 'Please ask your recruiter to send you a new link.'],
      };
    case 'archived':
      return {
        heading: 'This conversation is closed',
        text: [
          `${agency?.name ?? 'The agency'} has closed this application, so messages can no longer be sent here.`,
          'If you need anything, please email your recruiter directly.',
        ],
      };
    case 'rate_limited':
      return {
        heading: 'Too many attempts',
        text: [`Please wait ${waitFor(retryAfterSeconds)} and try again.`],
      };
    case 'too_many_submissions':
      return {
        heading: "You've sent a lot of messages",
        text: ['Your earlier messages arrived safely.', `You can send more in ${waitFor(retryAfterSeconds)}.`],
      };
    case 'forbidden':
      return {
        heading: 'This request was blocked',
        text: ['For your security, forms can only be sent from your portal page.', 'Open the portal from your link and send the form from there.'],
      };
  }
}

export function PortalMessagePage(props: PortalMessagePageProps) {
  const branding = props.agency ?? NEUTRAL;
  const { heading, text } = message(props);
  return (
    <PortalDocument title={`${heading} · ${branding.name}`} nonce={props.nonce} cssHref={props.cssHref} branding={branding}>
      <div className="card">
        <h1>{heading}</h1>
        {text.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
    </PortalDocument>
  );
}

export function renderPortalMessagePage(props: PortalMessagePageProps): Promise<string> {
  return renderDocument(<PortalMessagePage {...props} />);
}
