import { css } from 'lit';

/** Styles of `<cw-med-list>`: every status is a word with an icon, never colour alone; drug names wrap, never truncate. */
export const medListStyles = css`
  .controls,
  .tabs {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    margin-block: 0.25rem;
  }

  .tabs [role='tab'] {
    padding: 0.25em 0.75em;
    border: 1px solid currentColor;
    border-radius: 0.25em 0.25em 0 0;
    background: transparent;
    color: inherit;
    font: inherit;
  }

  .tabs [role='tab'][aria-selected='true'] {
    font-weight: 700;
    border-block-end-width: 3px;
  }

  .list {
    margin: 0.25rem 0 0;
    padding: 0;
    list-style: none;
  }

  .item {
    padding-block: 0.375rem;
    border-block-end: 1px solid var(--cw-color-border-quiet, #d0d0d0);
  }

  .line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    margin: 0;
  }

  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
    white-space: normal;
  }

  .details {
    display: flex;
    flex-wrap: wrap;
    gap: 0.125rem 1rem;
    margin: 0.125rem 0 0;
  }

  .details div {
    display: flex;
    gap: 0.25em;
  }

  .details dt {
    font-weight: 600;
  }

  .details dd {
    margin: 0;
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
  }

  .badge.suspended {
    font-weight: 700;
    border-width: 2px;
    color: var(--cw-med-list-suspended-color, var(--cw-color-warning-text, #6b4e00));
  }

  .badge.mismatch {
    font-weight: 700;
    color: var(--cw-med-list-mismatch-color, var(--cw-color-danger-text, #8c1d18));
  }

  .group {
    margin-block: 0.375rem;
    padding-inline-start: 0.5rem;
    border-inline-start: 4px double var(--cw-color-border, #8a8a8a);
  }

  .group-heading {
    display: flex;
    align-items: center;
    gap: 0.25em;
    margin: 0;
    font-size: 1em;
  }

  .empty {
    margin: 0.25rem 0;
  }

  @media (forced-colors: active) {
    .panel-frame,
    .group {
      border-color: CanvasText;
    }

    .badge.suspended,
    .badge.mismatch {
      color: CanvasText;
    }

    .tabs [role='tab'][aria-selected='true'] {
      border-color: Highlight;
    }
  }
`;
