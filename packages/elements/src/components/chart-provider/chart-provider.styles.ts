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
`;
