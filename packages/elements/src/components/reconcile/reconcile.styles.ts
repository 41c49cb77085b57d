import { css } from 'lit';

/** Styles of `<cw-reconcile>`: statuses are words with icons, never colour alone; names wrap, never truncate; the two sides sit side by side when there is room. */
export const reconcileStyles = css`
  .group-heading {
    margin: 0.75rem 0 0.25rem;
    font-size: 1.0625em;
  }

  .list {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .item {
    margin-block: 0.5rem;
    padding: 0.5rem;
    border: 1px solid var(--cw-color-border-quiet, #d0d0d0);
  }

  .item.conflicting {
    border-inline-start: 4px solid var(--cw-reconcile-conflict-color, var(--cw-color-warning-text, #6b4e00));
  }

  .item-heading {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    margin: 0;
    font-size: 1em;
  }

  .name {
    overflow-wrap: anywhere;
  }

  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    padding-inline: 0.375em;
    border: 1px solid currentColor;
    border-radius: 0.25em;
    font-size: 0.875em;
    font-weight: 400;
  }

  .badge.conflicting {
    font-weight: 700;
    border-width: 2px;
    color: var(--cw-reconcile-conflict-color, var(--cw-color-warning-text, #6b4e00));
  }

  .sides {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    gap: 0.5rem;
    margin-block: 0.375rem;
  }

  .side {
    padding: 0.375rem;
    background: var(--cw-reconcile-side-surface, var(--cw-color-surface-quiet, #f4f4f4));
  }

  .side h5 {
    margin: 0 0 0.125rem;
    font-size: 0.9375em;
  }

  .side dl {
    margin: 0;
  }

  .side dl div {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
  }

  .side dt {
    font-weight: 600;
  }

  .side dd {
    margin: 0;
    overflow-wrap: anywhere;
  }

  .differences {
    margin: 0.25rem 0;
    padding-inline-start: 1.25rem;
  }

  fieldset {
    margin: 0.25rem 0 0;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--cw-color-border-quiet, #d0d0d0);
  }

  fieldset .choice {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25em;
    margin-inline-end: 1rem;
  }

  fieldset label {
    display: inline-flex;
    align-items: baseline;
    gap: 0.25em;
  }

  .hint {
    color: var(--cw-color-text-quiet, #4d4d4d);
    font-size: 0.875em;
  }

  .needed,
  .failure-message {
    font-weight: 700;
    color: var(--cw-reconcile-conflict-color, var(--cw-color-warning-text, #6b4e00));
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block: 0.5rem;
  }

  button {
    font: inherit;
  }

  :focus-visible {
    outline: 2px solid var(--cw-color-focus, #1a5fb4);
    outline-offset: 2px;
  }

  @media (forced-colors: active) {
    .panel-frame,
    .item,
    .item.conflicting {
      border-color: CanvasText;
    }

    .badge.conflicting,
    .needed,
    .failure-message {
      color: CanvasText;
    }
  }
`;
