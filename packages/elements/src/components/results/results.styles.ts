import { css } from 'lit';

/** Styles of `<cw-results>`: flags and statuses are words with icons, never colour alone; values and names wrap, never truncate. */
export const resultsStyles = css`
  :host {
    display: block;
    color: var(--cw-color-text, inherit);
  }

  .results {
    padding: var(--cw-space-s, 0.5rem);
    border: 1px solid var(--cw-color-border, #8a8a8a);
  }

  .heading {
    margin: 0 0 0.25rem;
    font-size: 1.125em;
  }

  h3 {
    display: flex;
    align-items: center;
    gap: 0.25em;
    margin: 0;
    font-size: 1em;
  }

  .summary,
  .no-match,
  .hint {
    margin: 0.25rem 0;
  }

  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    margin-block: 0.25rem;
  }

  .empty {
    padding: var(--cw-space-s, 0.5rem);
    border: 1px dashed var(--cw-color-border, #8a8a8a);
  }

  .headline {
    display: flex;
    align-items: center;
    gap: 0.5em;
    margin: 0;
  }

  .orders {
    margin-block: 0.5rem;
    padding: var(--cw-space-s, 0.5rem);
    border: 1px solid var(--cw-color-border, #8a8a8a);
    border-inline-start-width: 0.25rem;
  }

  .order-list {
    margin: 0.25rem 0 0;
    padding: 0;
    list-style: none;
  }

  .order {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    padding-block: 0.125rem;
  }

  .list {
    margin: 0.25rem 0 0;
    padding: 0;
    list-style: none;
    border: 1px solid var(--cw-color-border-quiet, #d0d0d0);
    /* the scrollbar's room is kept from the start, so rows never re-wrap when it appears */
    overflow-y: scroll;
    scrollbar-gutter: stable;
  }

  .row {
    inline-size: 100%;
    padding: 0.375rem 0.5rem;
    border-block-end: 1px solid var(--cw-color-border-quiet, #d0d0d0);
    line-height: 1.3;
    cursor: default;
  }

  .row:focus-visible {
    outline: 2px solid var(--cw-color-focus, #1a5fb4);
    outline-offset: -2px;
  }

  .row[aria-current='true'] {
    border-inline-start: 0.25rem solid var(--cw-color-focus, #1a5fb4);
  }

  .row-report,
  .row-test {
    background: var(--cw-color-surface-quiet, #f4f4f4);
  }

  .depth-1 {
    padding-inline-start: 1.5rem;
  }

  .depth-2 {
    padding-inline-start: 2.5rem;
  }

  .depth-3 {
    padding-inline-start: 3.5rem;
  }

  .line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.125rem 0.75rem;
  }

  .name {
    overflow-wrap: anywhere;
  }

  .row-result .line > .name {
    font-weight: 600;
  }

  .value {
    font-variant-numeric: tabular-nums;
    overflow-wrap: anywhere;
  }

  .struck {
    text-decoration: line-through;
  }

  .label {
    font-weight: 600;
  }

  .conclusion,
  .performer,
  .missing,
  .note,
  .source {
    margin: 0.125rem 0 0;
    overflow-wrap: anywhere;
  }

  .source {
    font-size: 0.875em;
    color: var(--cw-color-text-quiet, inherit);
  }

  .components {
    margin: 0.125rem 0 0;
    padding-inline-start: 1rem;
    list-style: none;
  }

  .badge,
  .flag {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    padding-inline: 0.375em;
    border: 1px solid currentColor;
    border-radius: 0.25em;
    font-size: 0.875em;
  }

  .flag-abnormal {
    font-weight: 700;
    color: var(--cw-results-abnormal-color, var(--cw-color-warning-text, #6b4e00));
  }

  .flag-critical {
    font-weight: 700;
    border-width: 2px;
    color: var(--cw-results-critical-color, var(--cw-color-danger-text, #8c1d18));
  }

  .entered-in-error {
    font-weight: 700;
  }

  .trend-button,
  .close-trend,
  .trend-more button {
    padding: 0.125em 0.5em;
  }

  .trend {
    margin-block: 0.5rem;
    padding: var(--cw-space-s, 0.5rem);
    border: 1px solid var(--cw-color-border, #8a8a8a);
  }

  .trend-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }

  .trend-plot {
    display: block;
    inline-size: min(100%, 24rem);
    block-size: auto;
    aspect-ratio: 320 / 96;
    margin-block: 0.5rem;
  }

  .trend-plot .band {
    fill: var(--cw-results-band-color, var(--cw-color-success-surface, #d8eeda));
  }

  .trend-plot .values {
    stroke: currentColor;
    stroke-width: 1.5;
  }

  .trend-plot .point {
    fill: currentColor;
  }

  .trend-plot .point.flagged {
    fill: var(--cw-results-critical-color, var(--cw-color-danger-text, #8c1d18));
  }

  .trend-table {
    border-collapse: collapse;
  }

  .trend-table caption {
    text-align: start;
    font-weight: 600;
  }

  .trend-table th,
  .trend-table td {
    padding: 0.125rem 0.5rem;
    border-block-end: 1px solid var(--cw-color-border-quiet, #d0d0d0);
    text-align: start;
    vertical-align: top;
  }

  @media (forced-colors: active) {
    .results,
    .orders,
    .trend,
    .list,
    .empty {
      border-color: CanvasText;
    }

    .flag-abnormal,
    .flag-critical {
      color: CanvasText;
    }

    .trend-plot .band {
      fill: Canvas;
      stroke: CanvasText;
      stroke-dasharray: 4 2;
    }

    .trend-plot .point.flagged {
      fill: Highlight;
    }

    .row[aria-current='true'] {
      border-inline-start-color: Highlight;
    }
  }
`;
