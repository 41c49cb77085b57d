import { svg, html } from 'lit';

/** An inline icon: decorative (aria-hidden), always shown beside words that say the same. */
const icon = (body: ReturnType<typeof svg>, name: string) =>
  html`<svg class="icon icon-${name}" part="icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" focusable="false">${body}</svg>`;

/** Critical (critical high, critical low, critical abnormal): an exclamation mark in a filled octagon. */
export const criticalIcon = () =>
  icon(svg`<path d="M8 2h8l6 6v8l-6 6H8l-6-6V8z" fill="currentColor"/><path d="M11 6h2v8h-2zM11 16h2v2h-2z" fill="var(--cw-icon-contrast, #fff)"/>`, 'critical');

/** High (and off scale high): an arrow pointing up. */
export const highIcon = () => icon(svg`<path d="M12 3 4 13h5v8h6v-8h5z" fill="currentColor"/>`, 'high');

/** Low (and off scale low): an arrow pointing down. */
export const lowIcon = () => icon(svg`<path d="M12 21 4 11h5V3h6v8h5z" fill="currentColor"/>`, 'low');

/** Abnormal, positive or detected: an exclamation mark in a circle. */
export const abnormalIcon = () =>
  icon(svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><path d="M11 6h2v8h-2zM11 16h2v2h-2z" fill="currentColor"/>`, 'abnormal');

/** Entered in error: a struck-through sheet. */
export const enteredInErrorIcon = () =>
  icon(svg`<rect x="5" y="3" width="14" height="18" rx="1.5" fill="none" stroke="currentColor" stroke-width="2"/><path d="M3 21 21 3" stroke="currentColor" stroke-width="2"/>`, 'entered-in-error');

/** Not final yet (preliminary, registered, partial) or awaiting results: a clock. */
export const pendingIcon = () =>
  icon(svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><path d="M12 6v6l4 2" fill="none" stroke="currentColor" stroke-width="2"/>`, 'pending');

/** Changed after it was first reported (amended, corrected): a pencil. */
export const modifiedIcon = () =>
  icon(svg`<path d="m4 16.5 11-11 3.5 3.5-11 11H4z" fill="none" stroke="currentColor" stroke-width="2"/><path d="m13.5 7 3.5 3.5" stroke="currentColor" stroke-width="2"/>`, 'modified');
