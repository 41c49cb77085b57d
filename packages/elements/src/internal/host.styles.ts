import { css } from 'lit';

/** Host rules every Chartwell element starts from (after Web Awesome's `host.styles.ts`). */
export const hostStyles = css`
  :host {
    box-sizing: border-box;
  }

  :host *,
  :host *::before,
  :host *::after {
    box-sizing: inherit;
  }

  :host([hidden]),
  [hidden] {
    display: none !important;
  }
`;
