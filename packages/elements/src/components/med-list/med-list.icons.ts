import { svg, html } from 'lit';

/** An inline icon: decorative (aria-hidden), always shown beside words that say the same. */
const icon = (body: ReturnType<typeof svg>, name: string) =>
  html`<svg class="icon icon-${name}" part="icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" focusable="false">${body}</svg>`;

/** Suspended: a pause sign in a circle. */
export const suspendedIcon = () =>
  icon(svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><path d="M9 7v10M15 7v10" stroke="currentColor" stroke-width="2.5"/>`, 'suspended');

/** Discontinued: a stop square in a circle. */
export const discontinuedIcon = () =>
  icon(svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><rect x="8" y="8" width="8" height="8" fill="currentColor"/>`, 'discontinued');

/** Completed: a check mark in a circle. */
export const completedIcon = () =>
  icon(svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><path d="m7 12.5 3.2 3.2L17 9" fill="none" stroke="currentColor" stroke-width="2"/>`, 'completed');

/** Not started: a clock. */
export const notStartedIcon = () =>
  icon(svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><path d="M12 6v6l4 2" fill="none" stroke="currentColor" stroke-width="2"/>`, 'not-started');

/** Status unknown: a question mark in a dashed circle. */
export const unknownStatusIcon = () =>
  icon(svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="3 2"/><path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7v.5" fill="none" stroke="currentColor" stroke-width="2"/><circle cx="12" cy="17.5" r="1.2" fill="currentColor"/>`, 'unknown');

/** Dosage disagreement: a warning triangle. */
export const mismatchIcon = () =>
  icon(svg`<path d="M12 2 1 21h22L12 2z" fill="currentColor"/><path d="M11 9h2v6h-2zM11 17h2v2h-2z" fill="var(--cw-icon-contrast, #fff)"/>`, 'mismatch');

/** Duplicates: two overlapping sheets. */
export const duplicateIcon = () =>
  icon(svg`<rect x="3" y="3" width="13" height="13" rx="1.5" fill="none" stroke="currentColor" stroke-width="2"/><rect x="8" y="8" width="13" height="13" rx="1.5" fill="none" stroke="currentColor" stroke-width="2"/>`, 'duplicate');
