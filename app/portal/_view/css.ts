import { createHash } from 'node:crypto';

/**
 * The portal's whole stylesheet, served from one URL so the CSP needs no 'unsafe-inline'; only the
 * brand custom properties come inline, under the nonce. Mobile first: the base rules are the
 * phone layout, the media queries only add room. Greys are slate shades chosen for ≥ 4.5:1 on
 * both white and the page background.
 */
export const PORTAL_CSS = `
:root {
  --brand: #4338ca;
  --brand-ink: #ffffff;
  --brand-text: #4338ca;
  --ink: #0f172a;
  --muted: #475569;
  --line: #cbd5e1;
  --field: #64748b;
  --page: #f1f5f9;
  --error: #b91c1c;
  color-scheme: light;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink);
  background: var(--page);
  overflow-wrap: break-word;
}
img { max-width: 100%; }
a { color: var(--brand-text); text-underline-offset: 0.15em; }
:focus-visible { outline: 3px solid var(--brand-text); outline-offset: 2px; }
h1, h2 { line-height: 1.25; margin: 0 0 0.75rem; }
h1 { font-size: 1.75rem; }
h2 { font-size: 1.25rem; }
p { margin: 0 0 0.75rem; }

.wrap { width: 100%; max-width: 40rem; margin: 0 auto; padding-inline: 1rem; }
.site-header { background: var(--brand); color: var(--brand-ink); }
.site-header .wrap { display: flex; align-items: center; gap: 0.75rem; min-height: 4rem; padding-block: 0.75rem; }
.logo { display: block; height: 2.5rem; width: auto; max-width: 10rem; object-fit: contain; padding: 0.25rem; background: #fff; border-radius: 0.375rem; }
.agency { margin: 0; font-size: 1.125rem; font-weight: 600; }
main { display: block; padding-block: 1.5rem 2rem; }
.lead { color: var(--muted); }

.card { margin-top: 1rem; padding: 1.25rem 1rem; background: #fff; border: 1px solid var(--line); border-radius: 0.75rem; }
.card > :last-child { margin-bottom: 0; }
.facts { display: grid; gap: 0.5rem; margin: 0; }
.facts div { display: grid; gap: 0 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }

.notice { margin-bottom: 1rem; padding: 0.75rem 1rem; color: #064e3b; background: #ecfdf5; border: 1px solid #047857; border-left-width: 0.375rem; border-radius: 0.5rem; }
.error-summary { margin-bottom: 1rem; padding: 0.75rem 1rem; border: 3px solid var(--error); border-radius: 0.5rem; }
.error-summary ul { margin: 0; padding-left: 1.25rem; }
.error-summary a { color: var(--error); font-weight: 600; }
.error-title { margin-bottom: 0.25rem; font-weight: 700; }

.field { margin-bottom: 1rem; }
.field-error { padding-left: 0.75rem; border-left: 4px solid var(--error); }
label, legend { display: block; font-weight: 600; }
.hint { margin: 0.125rem 0 0.5rem; color: var(--muted); font-size: 0.9375rem; }
.error { margin: 0.25rem 0 0.5rem; color: var(--error); font-weight: 600; }
textarea {
  display: block; width: 100%; min-height: 8rem; padding: 0.625rem 0.75rem;
  font: inherit; color: inherit; background: #fff;
  border: 1px solid var(--field); border-radius: 0.5rem; resize: vertical;
}
textarea[aria-invalid="true"] { border: 2px solid var(--error); }
fieldset { min-width: 0; margin: 0 0 1rem; padding: 0; border: 0; }
legend { padding: 0; }
.check { display: flex; align-items: center; gap: 0.75rem; min-height: 2.75rem; font-weight: 400; cursor: pointer; }
.check input { flex: none; width: 1.25rem; height: 1.25rem; margin: 0; accent-color: var(--brand-text); }
button {
  width: 100%; min-height: 2.75rem; padding: 0.625rem 1.25rem;
  font: inherit; font-weight: 600; color: var(--brand-ink); background: var(--brand);
  border: 1px solid var(--brand-text); border-radius: 0.5rem; cursor: pointer;
}

.items { margin: 0; padding: 0; list-style: none; }
.items > li { padding-block: 1rem; border-top: 1px solid var(--line); }
.items > li:first-child { padding-top: 0; border-top: 0; }
.items > li:last-child { padding-bottom: 0; }
.meta { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.75rem; margin: 0 0 0.5rem; color: var(--muted); font-size: 0.9375rem; }
.badge { padding: 0.125rem 0.5rem; font-size: 0.8125rem; font-weight: 700; border: 1px solid currentColor; border-radius: 999px; }
.badge-answered { color: #14532d; background: #dcfce7; }
.badge-pending { color: #78350f; background: #fef3c7; }
.text { margin: 0 0 0.5rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.answer { margin-top: 0.75rem; padding: 0.75rem 1rem; background: #f8fafc; border-left: 4px solid var(--brand-text); border-radius: 0 0.5rem 0.5rem 0; }
.answer > :last-child, .items > li > :last-child { margin-bottom: 0; }

.site-footer { padding-block: 1.5rem 2rem; color: #334155; font-size: 0.9375rem; border-top: 1px solid var(--line); }
.powered { color: var(--muted); font-size: 0.875rem; }
.vh { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0; }

@media (min-width: 30em) {
  .facts div { grid-template-columns: 8rem 1fr; }
  button { width: auto; }
}
@media (min-width: 40em) {
  h1 { font-size: 2rem; }
  main { padding-block: 2.5rem 3rem; }
  .card { padding: 1.5rem; }
}
@media (prefers-reduced-motion: no-preference) {
  html { scroll-behavior: smooth; }
}
@media (forced-colors: active) {
  .badge, .notice, .error-summary { border-color: CanvasText; }
}
`.trim();

/** Cache-busting suffix for the stylesheet URL, so it can be served immutable. */
export const PORTAL_CSS_VERSION: string = createHash('sha256').update(PORTAL_CSS).digest('hex').slice(0, 10);
