import { css } from 'lit';

/** Styles of `<cw-patient-list>`: flags are words with an icon, never colour alone; names and MRNs wrap. */
export const patientListStyles = css`
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
  }

  .controls input {
    font: inherit;
    color: inherit;
    background: var(--cw-color-background, #ffffff);
    border: 1px solid var(--cw-color-border, #8a8a8a);
    padding: 0.125em 0.375em;
  }

  .hint {
    color: var(--cw-color-text-quiet, inherit);
    font-size: 0.875em;
  }

  .count,
  .empty {
    margin: 0.25rem 0;
  }

  .empty p {
    margin: 0;
  }

  .death {
    display: block;
    font-weight: 600;
  }

  .table {
    inline-size: 100%;
    border-collapse: collapse;
  }

  .table th,
  .table td {
    padding: 0.25rem 0.5rem;
    text-align: start;
    vertical-align: top;
    border-block-end: 1px solid var(--cw-color-border-quiet, #d0d0d0);
    overflow-wrap: anywhere;
  }

  .table thead th {
    border-block-end: 2px solid var(--cw-color-border, #8a8a8a);
  }

  .row {
    cursor: pointer;
  }

  .row:hover {
    background: var(--cw-patient-list-row-hover, var(--cw-color-surface, #f0f4f8));
  }

  .select {
    padding: 0;
    border: none;
    background: none;
    color: inherit;
    font: inherit;
    font-weight: 600;
    text-align: start;
    text-decoration: underline;
    cursor: pointer;
  }

  .select:focus-visible {
    outline: 2px solid currentColor;
    outline-offset: 2px;
  }

  .flag {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    margin-inline-start: 0.5em;
    padding-inline: 0.375em;
    border: 1px solid currentColor;
    border-radius: 0.25em;
    font-size: 0.875em;
    font-weight: 700;
  }

  .flag.deceased {
    color: var(--cw-patient-list-flag-color, var(--cw-color-danger-text, #8c1d18));
  }

  @media (forced-colors: active) {
    .panel-frame {
      border-color: CanvasText;
    }

    .flag.deceased {
      color: CanvasText;
    }
  }
`;
