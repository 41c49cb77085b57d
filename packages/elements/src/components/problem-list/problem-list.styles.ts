import { css } from 'lit';

/** Styles of `<cw-problem-list>`: sections with headings; status and category said in words, never colour alone. */
export const problemListStyles = css`
  :host {
    display: block;
    color: var(--cw-color-text, inherit);
  }

  .problems {
    display: flex;
    flex-direction: column;
    gap: var(--cw-space-s, 0.5rem);
  }

  .none-recorded {
    padding: var(--cw-space-s, 0.5rem);
    border: 1px dashed var(--cw-color-border, #8a8a8a);
    background: var(--cw-problem-list-quiet-bg, var(--cw-color-surface-quiet, #f4f4f4));
  }

  .headline {
    display: flex;
    align-items: center;
    gap: 0.5em;
    margin: 0;
  }

  .hint,
  .section-empty {
    margin: 0.25rem 0 0;
  }

  h3 {
    margin: 0 0 0.25rem;
    font-size: 1em;
  }

  .list {
    display: flex;
    flex-direction: column;
    gap: 0.375rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .item {
    padding-block: 0.25rem;
    border-block-end: 1px solid var(--cw-color-border-quiet, #d0d0d0);
  }

  .summary,
  .times {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
  }

  .name {
    font-weight: 600;
  }

  .section-resolved .name,
  .section-procedures .name {
    font-weight: 400;
  }

  .badge {
    display: inline-flex;
    align-items: center;
    padding-inline: 0.375em;
    border: 1px solid currentColor;
    border-radius: 0.25em;
    font-size: 0.875em;
  }

  .badge.unconfirmed,
  .badge.category-encounter-diagnosis {
    border-style: dashed;
  }

  .details {
    padding-inline-start: 1rem;
  }

  .details p {
    margin: 0.125rem 0;
  }

  @media (forced-colors: active) {
    .none-recorded,
    .badge {
      border-color: CanvasText;
    }
  }
`;
