import { css } from 'lit';

/** Styles of `<cw-patient-banner>`: a deceased patient's banner differs by colour and by a hatched pattern. */
export const patientBannerStyles = css`
  :host {
    display: block;
    color: var(--cw-color-text, inherit);
  }

  .banner {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 1.5rem;
    padding-block: var(--cw-space-xs, 0.25rem);
    padding-inline: var(--cw-space-s, 0.5rem);
    background: var(--cw-patient-banner-bg, var(--cw-color-surface, #f0f4f8));
    border: 1px solid var(--cw-patient-banner-border, var(--cw-color-border, #5a6b7b));
  }

  .banner.full {
    padding-block: var(--cw-space-s, 0.5rem);
  }

  .banner.deceased {
    background-color: var(--cw-patient-banner-deceased-bg, var(--cw-color-deceased-surface, #e4e0ec));
    background-image: repeating-linear-gradient(
      135deg,
      var(--cw-patient-banner-deceased-stripe, var(--cw-color-deceased-stripe, rgb(60 40 90 / 0.14))) 0 6px,
      transparent 6px 14px
    );
    border-style: dashed;
    border-width: 2px;
  }

  .banner.narrow {
    flex-direction: column;
    align-items: stretch;
  }

  .name,
  .preferred,
  .allergies {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    margin: 0;
  }

  .name strong {
    font-size: 1.125em;
  }

  .compact .name strong,
  .micro .name strong {
    font-size: 1em;
  }

  .deceased-marker {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    padding-inline: 0.375em;
    border: 2px solid currentColor;
    font-weight: 700;
  }

  .details {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.25rem;
    margin: 0;
  }

  .narrow .details {
    flex-direction: column;
  }

  .field {
    display: flex;
    gap: 0.375em;
    align-items: baseline;
  }

  dt,
  .label {
    color: var(--cw-color-text-quiet, inherit);
  }

  dd {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375em;
    align-items: baseline;
    margin: 0;
    font-weight: 600;
  }

  .identifier {
    white-space: nowrap;
  }

  .copy {
    padding-inline: 0.375em;
    font-size: 0.875em;
  }

  .copy-status {
    font-weight: 400;
  }

  .allergies {
    padding-inline: 0.375em;
    border: 1px solid currentColor;
    border-radius: 0.25em;
  }

  .allergies.known-allergies {
    font-weight: 700;
    border-width: 2px;
  }

  .allergies.not-recorded {
    border-style: dashed;
  }

  .allergies.unavailable {
    border-style: double;
    border-width: 3px;
  }

  @media (forced-colors: active) {
    .banner,
    .banner.deceased {
      border-color: CanvasText;
    }
  }
`;
