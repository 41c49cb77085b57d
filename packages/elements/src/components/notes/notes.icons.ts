import { svg, html } from 'lit';

/** An inline icon: decorative (aria-hidden), always shown beside words that say the same. */
const icon = (body: ReturnType<typeof svg>, name: string) =>
  html`<svg class="icon icon-${name}" part="icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" focusable="false">${body}</svg>`;

/** Entered in error: a crossed circle. */
export const enteredInErrorIcon = () =>
  icon(svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><path d="m8 8 8 8M16 8l-8 8" stroke="currentColor" stroke-width="2.5"/>`, 'entered-in-error');

/** Preliminary: a half-filled circle (not final yet). */
export const preliminaryIcon = () =>
  icon(svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="3 2"/><path d="M12 2a10 10 0 0 1 0 20z" fill="currentColor"/>`, 'preliminary');

/** Amended: a pencil. */
export const amendedIcon = () =>
  icon(svg`<path d="M4 20h4L19 9l-4-4L4 16z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><path d="m13 7 4 4" stroke="currentColor" stroke-width="2"/>`, 'amended');

/** Superseded: a sheet with an arrow to a newer one. */
export const supersededIcon = () =>
  icon(svg`<rect x="3" y="4" width="11" height="15" rx="1.5" fill="none" stroke="currentColor" stroke-width="2"/><path d="M13 12h8m-3-3 3 3-3 3" fill="none" stroke="currentColor" stroke-width="2"/>`, 'superseded');

/** A document that is not shown here (a PDF, an image, stored elsewhere). */
export const documentIcon = () =>
  icon(svg`<path d="M6 2h8l5 5v15H6z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><path d="M14 2v5h5" fill="none" stroke="currentColor" stroke-width="2"/>`, 'document');
