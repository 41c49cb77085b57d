import { css } from 'lit';

/** Styles of `<cw-clinic-date>`. */
export const clinicDateStyles = css`
  :host {
    display: block;
    color: var(--cw-clinic-date-color, var(--cw-color-text, inherit));
  }

  [part='base'],
  [part='error'] {
    margin: 0;
  }

  [part='date'] {
    font-weight: var(--cw-clinic-date-font-weight, 600);
  }

  [part='time-zone'] {
    margin-inline-start: 0.5em;
    color: var(--cw-clinic-date-zone-color, var(--cw-color-text-quiet, inherit));
  }

  [part='error']::before {
    content: '⚠ ';
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
    [part='error'] {
      border: 1px solid CanvasText;
    }
  }
`;
