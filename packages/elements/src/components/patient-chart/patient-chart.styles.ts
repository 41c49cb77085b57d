import { css } from 'lit';

/** Styles of `<cw-patient-chart>`: banners on top, a wrapping section navigation, sections stacked. */
export const patientChartStyles = css`
  :host {
    display: block;
    color: var(--cw-color-text, inherit);
  }

  .chart {
    display: flex;
    flex-direction: column;
    gap: var(--cw-patient-chart-gap, var(--cw-space-m, 1rem));
  }

  .banners {
    display: flex;
    flex-direction: column;
    gap: var(--cw-space-s, 0.5rem);
  }

  .nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cw-space-s, 0.5rem) var(--cw-space-m, 1rem);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .nav a {
    color: var(--cw-color-link, #1a5fb4);
  }

  .section {
    padding-block-start: var(--cw-space-s, 0.5rem);
    border-block-start: 1px solid var(--cw-patient-chart-section-border, var(--cw-color-border, #8a8a8a));
  }

  .section-heading {
    margin: 0 0 var(--cw-space-s, 0.5rem);
    font-size: 1.25em;
  }

  .widget {
    display: block;
  }

  .setup {
    margin: 0;
    padding: var(--cw-space-s, 0.5rem);
    border: 1px dashed var(--cw-color-border, #8a8a8a);
  }

  a:focus-visible,
  .section-heading:focus-visible {
    outline: 2px solid var(--cw-color-focus, #1a5fb4);
    outline-offset: 2px;
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  @media (forced-colors: active) {
    .section,
    .setup {
      border-color: CanvasText;
    }

    a:focus-visible,
    .section-heading:focus-visible {
      outline-color: Highlight;
    }
  }
`;
