import { css } from 'lit';

/** Styles of `<cw-scheduler>`: every slot and appointment status is a word with an icon and its own border, never colour alone. */
export const schedulerStyles = css`
  :host {
    display: block;
    color: var(--cw-color-text, inherit);
  }

  .frame {
    padding: var(--cw-space-s, 0.5rem);
    border: 1px solid var(--cw-color-border, #6e6e6e);
  }

  .heading {
    margin: 0 0 0.25rem;
    font-size: 1.125em;
  }

  .time-zone,
  .range,
  .clock-change {
    margin: 0.125rem 0;
  }

  .time-zone {
    font-weight: 600;
  }

  .clock-change {
    display: flex;
    align-items: center;
    gap: 0.25em;
    padding: 0.125rem 0.375rem;
    border: 1px dashed currentColor;
    color: var(--cw-color-warning-text, #6b4e00);
    background: var(--cw-color-warning-surface, #fff4ce);
  }

  .toolbar,
  .views,
  .steps,
  .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
  }

  .toolbar {
    gap: 0.5rem 1.5rem;
    margin-block: 0.25rem;
  }

  button {
    padding: 0.25em 0.625em;
    border: 1px solid var(--cw-color-border, #6e6e6e);
    border-radius: 0.25em;
    background: var(--cw-color-background, #ffffff);
    color: var(--cw-color-text, #1a1a1a);
  }

  button[aria-pressed='true'] {
    font-weight: 700;
    border-width: 2px;
    background: var(--cw-color-surface, #f0f4f8);
  }

  button:disabled {
    cursor: not-allowed;
    opacity: 0.7;
  }

  .grid {
    inline-size: 100%;
    border-collapse: collapse;
    table-layout: fixed;
  }

  .grid th,
  .grid td {
    padding: 0.25rem;
    border: 1px solid var(--cw-color-border-quiet, #d0d0d0);
    vertical-align: top;
    text-align: start;
  }

  .grid .time-header,
  .grid .time {
    inline-size: 6.5rem;
    font-variant-numeric: tabular-nums;
  }

  .grid td:focus-visible,
  .item:focus-visible {
    outline: 2px solid var(--cw-color-focus, #1a5fb4);
    outline-offset: 1px;
  }

  .item {
    display: block;
    inline-size: 100%;
    margin-block: 0.125rem;
    padding: 0.25rem 0.375rem;
    border: 1px solid var(--cw-color-border, #6e6e6e);
    border-radius: 0.25rem;
    text-align: start;
    overflow-wrap: anywhere;
    background: var(--cw-scheduler-busy-surface, var(--cw-color-surface, #f0f4f8));
    color: var(--cw-color-text, #1a1a1a);
  }

  .item .icon {
    vertical-align: -0.25em;
    margin-inline-end: 0.25em;
  }

  .item .line {
    display: block;
  }

  .word {
    font-weight: 700;
  }

  .slot.free {
    border-style: dashed;
    color: var(--cw-scheduler-free-color, var(--cw-color-text, #1a1a1a));
    background: var(--cw-scheduler-free-surface, var(--cw-color-background, #ffffff));
  }

  .slot.busy-unavailable {
    border-style: dotted;
    background: var(--cw-scheduler-blocked-surface, var(--cw-color-surface-quiet, #f4f4f4));
  }

  .slot.busy-tentative,
  .appointment.status-proposed,
  .appointment.status-pending {
    border-style: dashed;
    border-width: 2px;
  }

  .appointment.status-arrived,
  .appointment.status-checked-in {
    border-inline-start-width: 0.375rem;
  }

  .appointment.status-fulfilled {
    border-style: double;
    border-width: 3px;
  }

  .appointment.released .time,
  .appointment.released .patient {
    text-decoration: line-through;
  }

  .flag {
    display: inline-flex;
    align-items: center;
    gap: 0.125em;
    font-weight: 700;
    color: var(--cw-scheduler-flag-color, var(--cw-color-danger-text, #8c1d18));
  }

  .flag.inactive {
    color: var(--cw-color-warning-text, #6b4e00);
  }

  .agenda-day {
    margin-block: 0.5rem;
  }

  .day-heading,
  .waitlist-heading {
    margin: 0.25rem 0;
    font-size: 1em;
  }

  .items {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .waitlist {
    margin-block-start: 0.75rem;
  }

  .dialog {
    max-inline-size: min(36rem, 95vw);
    padding: var(--cw-space-m, 1rem);
    border: 2px solid var(--cw-color-border, #6e6e6e);
    background: var(--cw-color-background, #ffffff);
    color: var(--cw-color-text, #1a1a1a);
  }

  .dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }

  .dialog-title {
    margin: 0 0 0.5rem;
  }

  .dialog form,
  .dialog label {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin-block: 0.25rem;
  }

  .dialog input,
  .dialog select {
    font: inherit;
    padding: 0.25em;
    border: 1px solid var(--cw-color-border, #6e6e6e);
    background: var(--cw-color-background, #ffffff);
    color: var(--cw-color-text, #1a1a1a);
  }

  .hint {
    font-size: 0.875em;
    color: var(--cw-color-text-quiet, #4d4d4d);
  }

  .dialog-error {
    display: flex;
    align-items: flex-start;
    gap: 0.25em;
    padding: 0.375rem;
    border: 2px solid var(--cw-color-danger-border, #b3261e);
    color: var(--cw-color-danger-text, #8c1d18);
    background: var(--cw-color-danger-surface, #fdecea);
  }

  .details {
    display: grid;
    gap: 0.125rem;
    margin: 0 0 0.5rem;
  }

  .details div {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375em;
  }

  .details dt {
    font-weight: 600;
  }

  .details dd {
    margin: 0;
  }

  .conflicts {
    margin: 0 0 0.5rem;
    padding-inline-start: 1rem;
  }

  .dialog-close {
    margin-block-start: 0.5rem;
  }

  @media (forced-colors: active) {
    .frame,
    .item,
    .grid th,
    .grid td,
    .dialog,
    .dialog-error,
    .clock-change {
      border-color: CanvasText;
    }

    .flag {
      color: CanvasText;
    }
  }
`;
