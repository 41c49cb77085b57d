import { svg, html } from 'lit';
import type { ReconcileStatus } from '@chartwell/interop/reconcile';

/** An inline icon: decorative (aria-hidden), always shown beside words that say the same. */
const icon = (body: ReturnType<typeof svg>, name: string) =>
  html`<svg class="icon icon-${name}" part="icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" focusable="false">${body}</svg>`;

/** New: a plus sign in a circle. */
export const newIcon = () => icon(svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><path d="M12 7v10M7 12h10" stroke="currentColor" stroke-width="2.5"/>`, 'new');

/** Matching: an equals sign in a circle. */
export const matchingIcon = () => icon(svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><path d="M7 9.5h10M7 14.5h10" stroke="currentColor" stroke-width="2.5"/>`, 'matching');

/** Conflicting: a warning triangle. */
export const conflictingIcon = () => icon(svg`<path d="M12 2 1 21h22L12 2z" fill="currentColor"/><path d="M11 9h2v6h-2zM11 17h2v2h-2z" fill="var(--cw-icon-contrast, #fff)"/>`, 'conflicting');

/** Only in this chart: a house. */
export const localOnlyIcon = () => icon(svg`<path d="M3 11 12 3l9 8M5 10v10h14V10" fill="none" stroke="currentColor" stroke-width="2"/>`, 'local-only');

/** Written: a check mark in a circle. */
export const doneIcon = () => icon(svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><path d="m7 12.5 3.2 3.2L17 9" fill="none" stroke="currentColor" stroke-width="2"/>`, 'done');

/** The icon of each status. */
export const STATUS_ICONS: Readonly<Record<ReconcileStatus, () => unknown>> = { new: newIcon, matching: matchingIcon, conflicting: conflictingIcon, 'local-only': localOnlyIcon };
