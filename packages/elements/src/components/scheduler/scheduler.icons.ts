import { svg, html } from 'lit';

/** An inline icon: decorative (aria-hidden), always shown beside words that say the same. */
const icon = (body: ReturnType<typeof svg>, name: string) =>
  html`<svg class="icon icon-${name}" part="icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" focusable="false">${body}</svg>`;

const circle = svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/>`;

/** A free slot: an open circle with a plus. */
export const freeIcon = () => icon(svg`${circle}<path d="M12 7v10M7 12h10" stroke="currentColor" stroke-width="2"/>`, 'free');

/** A busy slot: a filled circle. */
export const busyIcon = () => icon(svg`<circle cx="12" cy="12" r="10" fill="currentColor"/>`, 'busy');

/** A blocked slot (busy-unavailable): a no-entry sign. */
export const blockedIcon = () => icon(svg`${circle}<path d="M6 12h12" stroke="currentColor" stroke-width="3"/>`, 'blocked');

/** A tentative slot or hold (busy-tentative, proposed, pending): a half-filled circle. */
export const tentativeIcon = () => icon(svg`${circle}<path d="M12 2a10 10 0 0 1 0 20z" fill="currentColor"/>`, 'tentative');

/** Booked: a calendar with a check. */
export const bookedIcon = () =>
  icon(svg`<rect x="3" y="5" width="18" height="16" rx="1.5" fill="none" stroke="currentColor" stroke-width="2"/><path d="M3 9h18M8 3v4M16 3v4" stroke="currentColor" stroke-width="2"/><path d="m8 14.5 2.5 2.5L16 12" fill="none" stroke="currentColor" stroke-width="2"/>`, 'booked');

/** Arrived / checked in: a person entering (an arrow into a door). */
export const arrivedIcon = () =>
  icon(svg`<path d="M14 3h6v18h-6" fill="none" stroke="currentColor" stroke-width="2"/><path d="M3 12h11m-4-4 4 4-4 4" fill="none" stroke="currentColor" stroke-width="2"/>`, 'arrived');

/** Fulfilled: a check mark in a circle. */
export const fulfilledIcon = () => icon(svg`${circle}<path d="m7 12.5 3.2 3.2L17 9" fill="none" stroke="currentColor" stroke-width="2"/>`, 'fulfilled');

/** Cancelled: a cross in a circle. */
export const cancelledIcon = () => icon(svg`${circle}<path d="m8 8 8 8M16 8l-8 8" stroke="currentColor" stroke-width="2"/>`, 'cancelled');

/** Did not attend: an empty chair (an outline with a dash). */
export const noShowIcon = () =>
  icon(svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="3 2"/><path d="M7 12h10" stroke="currentColor" stroke-width="2"/>`, 'noshow');

/** Entered in error: a struck-out sheet. */
export const errorIcon = () =>
  icon(svg`<rect x="5" y="3" width="14" height="18" rx="1.5" fill="none" stroke="currentColor" stroke-width="2"/><path d="M3 21 21 3" stroke="currentColor" stroke-width="2"/>`, 'entered-in-error');

/** Waitlist: an hourglass. */
export const waitlistIcon = () => icon(svg`<path d="M6 3h12M6 21h12M7 3c0 5 10 5 10 9s-10 4-10 9M17 3c0 5-10 5-10 9s10 4 10 9" fill="none" stroke="currentColor" stroke-width="2"/>`, 'waitlist');

/** Unknown status: a question mark in a dashed circle. */
export const unknownIcon = () =>
  icon(svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="3 2"/><path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7v.5" fill="none" stroke="currentColor" stroke-width="2"/><circle cx="12" cy="17.5" r="1.2" fill="currentColor"/>`, 'unknown');

/** A double-booking: two overlapping rings with a warning mark. */
export const conflictIcon = () =>
  icon(svg`<path d="M12 2 1 21h22L12 2z" fill="currentColor"/><path d="M11 9h2v6h-2zM11 17h2v2h-2z" fill="var(--cw-icon-contrast, #fff)"/>`, 'conflict');

/** An inactive patient record: a circle with a pause. */
export const inactiveIcon = () => icon(svg`${circle}<path d="M9 7v10M15 7v10" stroke="currentColor" stroke-width="2.5"/>`, 'inactive');

/** The clocks change on this day: a clock with an arrow. */
export const clockChangeIcon = () =>
  icon(svg`<path d="M12 4a8 8 0 1 1-7.4 5" fill="none" stroke="currentColor" stroke-width="2"/><path d="M3 4v6h6" fill="none" stroke="currentColor" stroke-width="2"/><path d="M12 8v4.5l3 2" fill="none" stroke="currentColor" stroke-width="2"/>`, 'clock-change');
