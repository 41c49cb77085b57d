import { css } from 'lit';

/**
 * The light preset: the design tokens every widget falls back to, written out so a host can see
 * and override them. Text and surfaces meet WCAG AA contrast (the theme tests run axe on each).
 */
export const lightThemeTokens = css`
  color-scheme: light;
  --cw-color-background: #ffffff;
  --cw-color-text: #1a1a1a;
  --cw-color-text-quiet: #4d4d4d;
  --cw-color-border: #6e6e6e;
  --cw-color-border-quiet: #d0d0d0;
  --cw-color-surface: #f0f4f8;
  --cw-color-surface-quiet: #f4f4f4;
  --cw-color-danger-text: #8c1d18;
  --cw-color-danger-border: #b3261e;
  --cw-color-danger-surface: #fdecea;
  --cw-color-warning-text: #6b4e00;
  --cw-color-warning-surface: #fff4ce;
  --cw-color-deceased-surface: #e4e0ec;
  --cw-color-deceased-stripe: rgb(60 40 90 / 0.14);
  --cw-color-stale-text: #6b4e00;
  --cw-color-stale-surface: #fff4ce;
  --cw-color-focus: #1a5fb4;
  --cw-color-link: #1a5fb4;
  --cw-icon-contrast: #ffffff;
`;

/** The dark preset: light text on dark surfaces, the danger and warning hues lightened to keep AA contrast. */
export const darkThemeTokens = css`
  color-scheme: dark;
  --cw-color-background: #15181c;
  --cw-color-text: #e8eaed;
  --cw-color-text-quiet: #bdc1c6;
  --cw-color-border: #9aa0a6;
  --cw-color-border-quiet: #3c4043;
  --cw-color-surface: #1f252c;
  --cw-color-surface-quiet: #1c1f23;
  --cw-color-danger-text: #ffb4ab;
  --cw-color-danger-border: #f28b82;
  --cw-color-danger-surface: #3c1414;
  --cw-color-warning-text: #fdd663;
  --cw-color-warning-surface: #3a2f05;
  --cw-color-deceased-surface: #2d2838;
  --cw-color-deceased-stripe: rgb(200 185 255 / 0.1);
  --cw-color-stale-text: #fdd663;
  --cw-color-stale-surface: #3a2f05;
  --cw-color-focus: #8ab4f8;
  --cw-color-link: #8ab4f8;
  --cw-icon-contrast: #15181c;
`;

/** The high-contrast preset: black on white, every border black, danger in a dark red that still reads at 7:1. */
export const highContrastThemeTokens = css`
  color-scheme: light;
  --cw-color-background: #ffffff;
  --cw-color-text: #000000;
  --cw-color-text-quiet: #000000;
  --cw-color-border: #000000;
  --cw-color-border-quiet: #000000;
  --cw-color-surface: #ffffff;
  --cw-color-surface-quiet: #ffffff;
  --cw-color-danger-text: #7a0000;
  --cw-color-danger-border: #7a0000;
  --cw-color-danger-surface: #ffffff;
  --cw-color-warning-text: #000000;
  --cw-color-warning-surface: #ffffff;
  --cw-color-deceased-surface: #ffffff;
  --cw-color-deceased-stripe: rgb(0 0 0 / 0.12);
  --cw-color-stale-text: #000000;
  --cw-color-stale-surface: #ffffff;
  --cw-color-focus: #000000;
  --cw-color-link: #0000c0;
  --cw-icon-contrast: #ffffff;
`;
