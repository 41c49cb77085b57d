import { css } from 'lit';
import { darkThemeTokens, highContrastThemeTokens, lightThemeTokens } from '../../themes/theme-presets.styles.js';

/**
 * Styles of `<cw-chart-provider>`: a plain block around the host's own markup; with a `theme`, the
 * preset's design tokens (custom properties inherit into every widget's shadow root) and its
 * background and text colour. `auto` follows the user's colour-scheme and contrast preferences.
 */
export const chartProviderStyles = css`
  :host {
    display: block;
    /* the provider wraps the host's own markup, which keeps the page's text styles; each widget
       inside resets the ones that would re-case clinical text (host.styles.ts) */
    text-transform: inherit;
    font-variant-caps: inherit;
  }

  :host([theme]) {
    background: var(--cw-color-background);
    color: var(--cw-color-text);
  }

  :host([theme='light']),
  :host([theme='auto']) {
    ${lightThemeTokens}
  }

  :host([theme='dark']) {
    ${darkThemeTokens}
  }

  :host([theme='high-contrast']) {
    ${highContrastThemeTokens}
  }

  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkThemeTokens}
    }
  }

  @media (prefers-contrast: more) {
    :host([theme='auto']) {
      ${highContrastThemeTokens}
    }
  }

  .override-banner {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    margin-block-end: var(--cw-space-s, 0.5rem);
    padding: var(--cw-space-s, 0.5rem);
    border: 2px solid var(--cw-chart-provider-override-border, var(--cw-color-warning-text, #6b4e00));
    color: var(--cw-chart-provider-override-text, var(--cw-color-warning-text, #6b4e00));
    background: var(--cw-chart-provider-override-surface, var(--cw-color-warning-surface, #fff4ce));
  }

  .override-banner p {
    margin: 0;
    flex: 1 1 20em;
    font-weight: 600;
  }

  .break-glass {
    max-inline-size: min(36rem, 100vw - 2rem);
    padding: var(--cw-space-m, 1rem);
    border: 1px solid var(--cw-color-border, #767676);
    color: var(--cw-color-text, inherit);
    background: var(--cw-color-background, Canvas);
  }

  .break-glass h2 {
    margin-block-start: 0;
    font-size: 1.25em;
  }

  .break-glass label[for],
  .break-glass textarea {
    display: block;
    inline-size: 100%;
    box-sizing: border-box;
  }

  .break-glass textarea {
    font: inherit;
    color: inherit;
    background: var(--cw-color-surface, Field);
    border: 1px solid var(--cw-color-border, #767676);
  }

  .break-glass .hint {
    margin-block: 0.25em 0.75em;
    font-size: 0.875em;
    color: var(--cw-color-text-quiet, inherit);
  }

  .break-glass fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: 1em;
    border: 1px solid var(--cw-color-border-quiet, #c4c4c4);
  }

  .break-glass .error {
    color: var(--cw-color-danger-text, #b3261e);
    font-weight: 600;
  }

  .break-glass .actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.5em;
    margin-block-start: var(--cw-space-m, 1rem);
  }

  button {
    font: inherit;
    cursor: pointer;
  }

  button:focus-visible,
  textarea:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--cw-color-focus, #1a5fb4);
    outline-offset: 2px;
  }

  @media (forced-colors: active) {
    .override-banner,
    .break-glass {
      border-color: CanvasText;
    }
  }
`;
