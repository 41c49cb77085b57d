import { svg, html } from 'lit';

/** An inline icon: decorative (aria-hidden), always shown beside words that say the same. */
const icon = (body: ReturnType<typeof svg>, name: string) =>
  html`<svg class="icon icon-${name}" part="icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" focusable="false">${body}</svg>`;

/** Known allergies: a filled warning triangle with an exclamation mark (the unique, emphasised icon). */
export const allergyIcon = () =>
  icon(svg`<path d="M12 2 1 21h22L12 2z" fill="currentColor"/><path d="M11 9h2v6h-2zM11 17h2v2h-2z" fill="var(--cw-icon-contrast, #fff)"/>`, 'known');

/** No known allergies: a circled check mark (reduced emphasis). */
export const noKnownAllergyIcon = () =>
  icon(svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><path d="m7 12.5 3.2 3.2L17 9" fill="none" stroke="currentColor" stroke-width="2"/>`, 'no-known');

/** Allergies not recorded: a circled question mark (reduced emphasis, not a check). */
export const notRecordedIcon = () =>
  icon(svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="3 2"/><path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7v.5" fill="none" stroke="currentColor" stroke-width="2"/><circle cx="12" cy="17.5" r="1.2" fill="currentColor"/>`, 'not-recorded');

/** Allergies unavailable: a crossed-out circle (cannot be read). */
export const unavailableIcon = () =>
  icon(svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><path d="M5 5l14 14" stroke="currentColor" stroke-width="2"/>`, 'unavailable');

/** Access restricted: a padlock. */
export const restrictedIcon = () =>
  icon(svg`<rect x="5" y="11" width="14" height="10" rx="1.5" fill="currentColor"/><path d="M8 11V8a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" stroke-width="2"/>`, 'restricted');

/** High risk: an exclamation mark in an octagon. */
export const highRiskIcon = () =>
  icon(svg`<path d="M8 2h8l6 6v8l-6 6H8l-6-6V8z" fill="currentColor"/><path d="M11 6h2v8h-2zM11 16h2v2h-2z" fill="var(--cw-icon-contrast, #fff)"/>`, 'high-risk');

/** Deceased: a cross in a square. */
export const deceasedIcon = () =>
  icon(svg`<rect x="3" y="3" width="18" height="18" rx="2" fill="none" stroke="currentColor" stroke-width="2"/><path d="M12 6v12M8 10h8" stroke="currentColor" stroke-width="2"/>`, 'deceased');

/** Data that may be out of date: a clock with a circular arrow. */
export const staleIcon = () =>
  icon(svg`<path d="M12 4a8 8 0 1 1-7.4 5" fill="none" stroke="currentColor" stroke-width="2"/><path d="M3 4v6h6" fill="none" stroke="currentColor" stroke-width="2"/><path d="M12 8v4.5l3 2" fill="none" stroke="currentColor" stroke-width="2"/>`, 'stale');
