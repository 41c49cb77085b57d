import { css } from 'lit';

/**
 * Styles of `<cw-billing-summary>`: tables with right-aligned tabular figures, estimates marked in
 * words as well as style, long names and reasons wrapped, never truncated.
 */
export const billingSummaryStyles = css`
  h3 {
    margin: 0.75rem 0 0.25rem;
    font-size: 1em;
  }

  .notice {
    margin: 0.25rem 0;
    padding: 0.25rem 0.5rem;
    border-inline-start: 0.25rem solid var(--cw-color-border, #8a8a8a);
  }

  .balance {
    margin: 0.25rem 0;
    padding: 0.25rem 0.5rem;
    font-weight: 700;
    background: var(--cw-billing-summary-balance-surface, var(--cw-color-surface, #f0f4f8));
  }

  .table-wrap {
    max-inline-size: 100%;
    overflow-x: auto;
  }

  table {
    border-collapse: collapse;
    margin-block: 0.25rem;
  }

  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: 0.125rem;
  }

  th,
  td {
    padding: 0.25rem 0.5rem;
    border-block-end: 1px solid var(--cw-billing-summary-rule, var(--cw-color-border-quiet, #d0d0d0));
    text-align: start;
    vertical-align: top;
    overflow-wrap: anywhere;
  }

  thead th {
    font-weight: 600;
    border-block-end-color: var(--cw-color-border, #8a8a8a);
  }

  tbody th {
    font-weight: 400;
  }

  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }

  tr.total th,
  tr.total td {
    font-weight: 700;
    border-block-start: 2px solid var(--cw-color-border, #8a8a8a);
  }

  tr.estimated th,
  tr.estimated td {
    font-style: italic;
  }

  .estimate-marker {
    display: inline-block;
    margin-inline-end: 0.25em;
    padding-inline: 0.375em;
    border: 1px dashed currentColor;
    border-radius: 0.25em;
    font-size: 0.875em;
    font-style: normal;
    color: var(--cw-billing-summary-estimate-text, var(--cw-color-warning-text, #6b4e00));
  }

  .estimates-note {
    margin: 0.25rem 0;
  }

  .state-denied,
  .state-error {
    font-weight: 700;
  }

  tr[data-state='entered-in-error'] td,
  tr[data-state='entered-in-error'] th {
    text-decoration: line-through;
  }

  tr[data-state='entered-in-error'] .status {
    text-decoration: none;
  }

  .reasons {
    margin: 0;
    padding-inline-start: 1em;
  }

  button.link,
  .toggle {
    padding: 0;
    border: 0;
    background: none;
    color: var(--cw-color-link, #1a5fb4);
    text-align: start;
    text-decoration: underline;
  }

  .toggle::before {
    content: '▸ ';
  }

  .toggle[aria-expanded='true']::before {
    content: '▾ ';
  }

  .visits {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .visit {
    padding-block: 0.375rem;
    border-block-end: 1px solid var(--cw-billing-summary-rule, var(--cw-color-border-quiet, #d0d0d0));
  }

  .visit-header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 1rem;
  }

  .visit-figures {
    display: flex;
    flex-wrap: wrap;
    gap: 0.125rem 1rem;
    margin: 0;
  }

  .visit-figures div {
    display: flex;
    gap: 0.25em;
  }

  .visit-figures dt {
    font-weight: 600;
  }

  .visit-figures dd {
    margin: 0;
  }

  .lines {
    padding-inline-start: 1rem;
  }

  .empty-title {
    display: flex;
    align-items: center;
    gap: 0.25em;
  }

  .empty {
    padding: var(--cw-space-s, 0.5rem);
    border: 1px dashed var(--cw-color-border, #8a8a8a);
  }

  @media (forced-colors: active) {
    .panel-frame,
    .empty,
    th,
    td {
      border-color: CanvasText;
    }

    .estimate-marker {
      color: CanvasText;
    }

    button.link,
    .toggle {
      color: LinkText;
    }
  }
`;
