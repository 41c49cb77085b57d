import { css } from 'lit';

/** Styles of `<cw-audit-log>`: a plain table; a denial and a break-the-glass access are words with an icon, never colour alone. */
export const auditLogStyles = css`
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    margin-block: 0.25rem;
  }

  table {
    inline-size: 100%;
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
    border-block-end: 1px solid var(--cw-color-border-quiet, #d0d0d0);
    text-align: start;
    vertical-align: top;
    overflow-wrap: anywhere;
  }

  thead th {
    font-weight: 600;
    border-block-end-color: var(--cw-color-border, #8a8a8a);
  }

  .role,
  .purposes,
  .reason {
    display: block;
  }

  .role,
  .quiet {
    color: var(--cw-color-text-quiet, inherit);
  }

  .outcome {
    white-space: nowrap;
  }

  .outcome-denied {
    font-weight: 700;
  }

  tr.denied .outcome {
    color: var(--cw-audit-log-denied-color, var(--cw-color-danger-text, #8c1d18));
  }

  .btg {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    padding: 0 0.375em;
    border: 1px solid currentColor;
    border-radius: 0.25em;
    color: var(--cw-audit-log-break-the-glass-color, var(--cw-color-warning-text, #6b4e00));
    background: var(--cw-audit-log-break-the-glass-background, var(--cw-color-warning-surface, #fff4ce));
    --cw-icon-contrast: var(--cw-audit-log-break-the-glass-background, var(--cw-color-warning-surface, #fff4ce));
  }

  .icon {
    flex: none;
    vertical-align: -0.25em;
    margin-inline-end: 0.25em;
  }

  .empty {
    margin: 0.25rem 0;
  }

  @media (forced-colors: active) {
    .panel-frame,
    .btg {
      border-color: CanvasText;
    }

    tr.denied .outcome,
    .btg {
      color: CanvasText;
      background: Canvas;
    }
  }
`;
