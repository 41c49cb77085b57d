import { css } from 'lit';

/** Host rules every Chartwell element starts from (after Web Awesome's `host.styles.ts`). */
export const hostStyles = css`
  :host {
    box-sizing: border-box;
    /* A host page's inherited text styles reach inside shadow roots; these two would re-case
       clinical text (drug names are shown as recorded: "hydrOXYzine" is not "HYDROXYZINE"). */
    text-transform: none;
    font-variant-caps: normal;
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
