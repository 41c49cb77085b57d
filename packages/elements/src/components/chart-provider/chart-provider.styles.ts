import { css } from 'lit';

/** Styles of `<cw-chart-provider>`: a plain block around the host's own markup. */
export const chartProviderStyles = css`
  :host {
    display: block;
  }
`;
