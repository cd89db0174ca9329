// Moves the keyboard focus to a control by its data-focus key once the DOM has caught up (the
// next frame). If the focus moved on in the meantime (the user clicked or tabbed elsewhere,
// or typed into another field), it stays where the user put it.

/** Focuses the control with `data-focus="<key>"` next frame; `select` selects an input's text. */
export function focusKey(key: string, select = false): void {
  const from = document.activeElement;
  requestAnimationFrame(() => {
    const now = document.activeElement;
    if (now !== from && now !== null && now !== document.body) return;
    const el = document.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`);
    if (!el) return;
    el.focus();
    if (select && el instanceof HTMLInputElement) el.select();
  });
}
