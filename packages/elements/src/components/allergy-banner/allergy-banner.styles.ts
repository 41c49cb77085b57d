import { css } from 'lit';

/** Styles of `<cw-allergy-banner>`: each state has its own border style, icon and words, never colour alone. */
export const allergyBannerStyles = css`
  :host {
    display: block;
    color: var(--cw-color-text, inherit);
  }

  .banner {
    padding-block: var(--cw-space-xs, 0.25rem);
    padding-inline: var(--cw-space-s, 0.5rem);
    border: 1px solid var(--cw-color-border, #8a8a8a);
    border-inline-start-width: 0.375rem;
  }

  .banner.known {
    background: var(--cw-allergy-banner-known-bg, var(--cw-color-danger-surface, #fdecea));
    border-color: var(--cw-allergy-banner-known-border, var(--cw-color-danger-border, #b3261e));
    border-width: 2px;
    border-inline-start-width: 0.5rem;
  }

  .banner.no-known,
  .banner.not-recorded {
    background: var(--cw-allergy-banner-quiet-bg, var(--cw-color-surface-quiet, #f4f4f4));
  }

  .banner.not-recorded {
    border-style: dashed;
  }

  .banner.unavailable {
    background: var(--cw-allergy-banner-unavailable-bg, var(--cw-color-warning-surface, #fff4ce));
    border-style: double;
    border-width: 3px;
    border-inline-start-width: 0.5rem;
  }

  .header,
  .detail {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    margin: 0;
  }

  .icon {
    flex: none;
  }

  .list {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0.25rem 0 0;
    padding: 0;
    list-style: none;
  }

  .item {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
  }

  .substance {
    font-weight: 600;
  }

  .emphasis-high .substance {
    font-weight: 800;
    text-decoration: underline;
    text-decoration-thickness: 2px;
  }

  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    padding-inline: 0.375em;
    border: 1px solid currentColor;
    border-radius: 0.25em;
    font-size: 0.875em;
  }

  .badge.high-risk {
    color: var(--cw-allergy-banner-high-risk-color, var(--cw-color-danger-text, #8c1d18));
    font-weight: 700;
    border-width: 2px;
  }

  .badge.unconfirmed {
    border-style: dashed;
  }

  .reactions {
    flex-basis: 100%;
    padding-inline-start: 1rem;
  }

  .reactions p,
  .reactions ul {
    margin: 0.125rem 0;
  }

  @media (forced-colors: active) {
    .banner {
      border-color: CanvasText;
    }

    .badge.high-risk {
      color: CanvasText;
    }
  }
`;
