import { css, html, type TemplateResult } from 'lit';

/**
 * The framed panel the list widgets draw around every state (loading, failure, empty, data): a
 * `<section>` labelled by its `<h2>` heading. Parts: `base` (the section), `heading`.
 */
export function renderPanelFrame(heading: string, body: unknown): TemplateResult {
  return html`<section part="base" class="panel-frame" aria-labelledby="heading">
    <h2 part="heading" class="heading" id="heading">${heading}</h2>
    ${body}
  </section>`;
}

/** The styles of {@link renderPanelFrame}'s panel, and of the host that shows it. */
export const panelFrameStyles = css`
  :host {
    display: block;
    color: var(--cw-color-text, inherit);
  }

  .panel-frame {
    padding: var(--cw-space-s, 0.5rem);
    border: 1px solid var(--cw-color-border, #8a8a8a);
  }

  .heading {
    margin: 0 0 0.25rem;
    font-size: 1.125em;
  }
`;
