import { css } from 'lit';

/** Styles of `<cw-notes>`: visits with their notes; statuses said in words and icons, never colour alone. */
export const notesStyles = css`
  :host {
    display: block;
    color: var(--cw-color-text, inherit);
  }

  .notes-frame {
    display: flex;
    flex-direction: column;
    gap: var(--cw-space-s, 0.5rem);
  }

  h2,
  h3,
  h4,
  h5 {
    margin: 0;
  }

  .heading {
    font-size: 1.125em;
  }

  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
  }

  .count:empty {
    display: none;
  }

  .count,
  .no-match {
    margin: 0;
  }

  .empty {
    padding: var(--cw-space-s, 0.5rem);
    border: 1px dashed var(--cw-color-border, #8a8a8a);
    background: var(--cw-notes-quiet-bg, var(--cw-color-surface-quiet, #f4f4f4));
  }

  .empty p {
    margin: 0.25rem 0 0;
  }

  .headline {
    display: flex;
    align-items: center;
    gap: 0.5em;
  }

  .visits,
  .notes {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .visit {
    padding-block: 0.5rem;
    border-block-start: 1px solid var(--cw-color-border-quiet, #d0d0d0);
  }

  .visit-heading {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    font-size: 1em;
  }

  .period {
    font-weight: 400;
  }

  .visit-markers,
  .note-markers {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
    margin: 0.25rem 0;
  }

  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    padding-inline: 0.375em;
    border: 1px solid currentColor;
    border-radius: 0.25em;
    font-size: 0.875em;
  }

  .status-entered-in-error {
    color: var(--cw-notes-error-color, var(--cw-color-danger-text, #8c1d18));
    font-weight: 600;
  }

  .status-preliminary,
  .status-amended {
    font-weight: 600;
    border-style: dashed;
  }

  .details {
    display: flex;
    flex-wrap: wrap;
    gap: 0.125rem 1rem;
    margin: 0.25rem 0;
  }

  .details dt {
    display: inline;
    font-weight: 600;
  }

  .details dt::after {
    content: ': ';
  }

  .details dd {
    display: inline;
    margin: 0;
    overflow-wrap: anywhere;
  }

  .notes {
    margin-block-start: 0.5rem;
    padding-inline-start: 0.75rem;
    border-inline-start: 0.25rem solid var(--cw-color-border-quiet, #d0d0d0);
  }

  .note-title {
    font-size: 1em;
  }

  /* entered in error: struck through, and labelled by its status badge */
  .entered-in-error .note-title,
  .entered-in-error .visit-type,
  .entered-in-error > article > .body {
    text-decoration: line-through;
  }

  .body {
    padding: 0.375rem 0.5rem;
    background: var(--cw-notes-quiet-bg, var(--cw-color-surface-quiet, #f4f4f4));
    overflow-wrap: anywhere;
  }

  .body.collapsed {
    max-block-size: var(--cw-notes-collapsed-size, 12em);
    overflow: hidden;
    mask-image: linear-gradient(to bottom, #000 70%, transparent);
  }

  .text {
    white-space: pre-wrap;
  }

  .html table {
    border-collapse: collapse;
  }

  .html th,
  .html td {
    padding: 0.125rem 0.375rem;
    border: 1px solid var(--cw-color-border-quiet, #d0d0d0);
    text-align: start;
  }

  .part-title {
    margin-block: 0.5rem 0.25rem;
    font-size: 1em;
  }

  .unavailable {
    display: flex;
    align-items: center;
    gap: 0.375em;
    margin: 0;
  }

  .toggle {
    margin-block-start: 0.25rem;
  }

  .source,
  .visit-empty {
    margin: 0.25rem 0 0;
    font-size: 0.875em;
  }

  @media (forced-colors: active) {
    .body.collapsed {
      mask-image: none;
    }

    .badge {
      border-color: CanvasText;
    }
  }
`;
