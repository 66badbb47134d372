/**
 * Moves focus to an element (a status line) on the next frame, once the page has settled after a
 * dialog closed or a row moved away with the button that had the focus.
 */
export function focusSoon(get: () => HTMLElement | null) {
  requestAnimationFrame(() => {
    const target = get();
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  });
}
