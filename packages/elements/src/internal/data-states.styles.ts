import { css } from 'lit';

/** Styles of the loading, error and restricted states every data widget shares. */
export const dataStateStyles = css`
  .loading {
    display: flex;
    align-items: center;
    gap: 0.5em;
    padding: var(--cw-space-s, 0.5rem);
    color: var(--cw-color-text-quiet, inherit);
  }

  .skeleton {
    display: inline-block;
    inline-size: 8em;
    block-size: 1em;
    border-radius: 0.25em;
    background: var(--cw-color-skeleton, color-mix(in srgb, currentColor 15%, transparent));
  }

  .failure {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    padding: var(--cw-space-s, 0.5rem);
    border: 1px solid var(--cw-color-danger-border, #b3261e);
    border-inline-start-width: 0.25rem;
    color: var(--cw-color-text, inherit);
  }

  .as-of {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em;
    margin: var(--cw-space-xs, 0.25rem) 0 0;
    font-size: 0.875em;
    color: var(--cw-color-text-quiet, inherit);
  }

  .as-of.stale {
    padding: var(--cw-space-xs, 0.25rem) var(--cw-space-s, 0.5rem);
    border: 1px dashed currentColor;
    color: var(--cw-color-stale-text, #6b4e00);
    background: var(--cw-color-stale-surface, #fff4ce);
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  button {
    font: inherit;
    cursor: pointer;
  }

  button:focus-visible {
    outline: 2px solid var(--cw-color-focus, #1a5fb4);
    outline-offset: 2px;
  }

  @media (forced-colors: active) {
    .skeleton {
      background: GrayText;
    }

    .failure,
    .as-of.stale {
      border-color: CanvasText;
    }
  }
`;
