export { renderPortalPage } from './portal-page';
export type { PortalFormState, PortalPageProps } from './portal-page';
export { renderPortalMessagePage } from './message-page';
export type { PortalMessageKind, PortalMessagePageProps } from './message-page';
export { PORTAL_CSS, PORTAL_CSS_VERSION } from './css';
