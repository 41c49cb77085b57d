import { css, html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import type { AccessOverride } from '@chartwell/core';

/** The strings of the provider's emergency access (break the glass) prompt and banner, for translation. */
export interface BreakGlassI18n {
  /** The prompt's title. */
  title: string;
  /** What is being overridden, in general terms (it names nothing withheld). */
  explanation: string;
  /** The reason field's label. */
  reason: string;
  /** Under the reason field: what to write. */
  reasonHint: (minimum: number) => string;
  /** The error when the reason is missing or too short. */
  reasonTooShort: (minimum: number) => string;
  /** The legend of the duration choices. */
  duration: string;
  /** One duration choice. */
  minutes: (minutes: number) => string;
  cancel: string;
  confirm: string;
  /** The error when the store refused to start the override. */
  failed: string;
  /** The banner while an override is in force; the reason is the user's own words. */
  active: (until: string, reason: string) => string;
  /** The banner's button that ends the override. */
  end: string;
}

/** The defaults of {@link BreakGlassI18n} in the current text locale. */
export const defaultBreakGlassI18n = (): BreakGlassI18n => ({
  title: msg('Emergency access'),
  explanation: msg(
    "This patient's record is restricted by the patient's consent or by a security label. Open it only in an emergency: the access is time-limited and recorded with your name and your reason.",
  ),
  reason: msg('Reason for emergency access'),
  reasonHint: (minimum) => msg(str`The emergency, in your own words (at least ${minimum} characters).`),
  reasonTooShort: (minimum) => msg(str`Give a reason of at least ${minimum} characters.`),
  duration: msg('Duration'),
  minutes: (minutes) => msg(str`${minutes} minutes`),
  cancel: msg('Cancel'),
  confirm: msg('Open the record'),
  failed: msg('Emergency access could not be started.'),
  active: (until, reason) => msg(str`Emergency access to this record until ${until} — reason: ${reason}`),
  end: msg('End emergency access'),
});

/** The shortest reason the prompt accepts, in characters (trimmed). */
export const MIN_BREAK_GLASS_REASON = 10;

/** The durations offered, in minutes (those above the store's maximum are left out). */
export const BREAK_GLASS_DURATIONS = [15, 30, 60] as const;

/** The durations to offer under a maximum: the standard ones that fit, else the maximum alone. */
export function breakGlassDurations(maxMinutes: number): number[] {
  const fitting = BREAK_GLASS_DURATIONS.filter((minutes) => minutes <= maxMinutes);
  return fitting.length > 0 ? fitting : [maxMinutes];
}

/** What the prompt shows. */
export interface BreakGlassPromptState {
  readonly open: boolean;
  readonly durations: readonly number[];
  readonly error?: string;
  readonly strings: BreakGlassI18n;
  readonly onSubmit: (event: SubmitEvent) => void;
  readonly onCancel: () => void;
}

/** The break-the-glass prompt: a native modal dialog with the reason, the duration, Cancel and Open. */
export function renderBreakGlassDialog(state: BreakGlassPromptState): unknown {
  const s = state.strings;
  return html`<dialog part="break-glass-dialog" class="break-glass" aria-labelledby="break-glass-title" aria-describedby="break-glass-explanation" @close=${state.onCancel}>
    ${state.open
      ? html`<form method="dialog" novalidate @submit=${state.onSubmit}>
          <h2 id="break-glass-title">${s.title}</h2>
          <p id="break-glass-explanation">${s.explanation}</p>
          <label for="break-glass-reason">${s.reason}</label>
          <textarea
            id="break-glass-reason"
            name="reason"
            rows="3"
            aria-describedby="break-glass-hint ${state.error ? 'break-glass-error' : ''}"
            aria-invalid=${state.error ? 'true' : 'false'}
          ></textarea>
          <p id="break-glass-hint" class="hint">${s.reasonHint(MIN_BREAK_GLASS_REASON)}</p>
          <fieldset>
            <legend>${s.duration}</legend>
            ${state.durations.map(
              (minutes, index) =>
                html`<label class="duration"><input type="radio" name="duration" value=${String(minutes)} ?checked=${index === 0} />${s.minutes(minutes)}</label>`,
            )}
          </fieldset>
          ${state.error ? html`<p id="break-glass-error" part="break-glass-error" class="error" role="alert">${state.error}</p>` : nothing}
          <div class="actions">
            <button type="button" class="cancel" @click=${state.onCancel}>${s.cancel}</button>
            <button type="submit" class="confirm">${s.confirm}</button>
          </div>
        </form>`
      : nothing}
  </dialog>`;
}

/** The banners of the overrides in force: until when, the user's reason, and a button that ends each. */
export function renderOverrideBanners(overrides: readonly AccessOverride[], strings: BreakGlassI18n, until: (override: AccessOverride) => string, onEnd: (patient: string) => void): unknown {
  if (overrides.length === 0) return nothing;
  return overrides.map(
    (override) =>
      html`<div part="override-banner" class="override-banner">
        <p role="status">${strings.active(until(override), override.reason)}</p>
        <button type="button" class="end-override" @click=${() => onEnd(override.patient)}>${strings.end}</button>
      </div>`,
  );
}

/**
 * The emergency access banner's and prompt's styles, adopted by the provider when it loads its
 * access wiring (a provider without a policy never loads them).
 */
export const breakGlassStyles = css`
  .override-banner {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    margin-block-end: var(--cw-space-s, 0.5rem);
    padding: var(--cw-space-s, 0.5rem);
    border: 2px solid var(--cw-chart-provider-override-border, var(--cw-color-warning-text, #6b4e00));
    color: var(--cw-chart-provider-override-text, var(--cw-color-warning-text, #6b4e00));
    background: var(--cw-chart-provider-override-surface, var(--cw-color-warning-surface, #fff4ce));
  }

  .override-banner p {
    margin: 0;
    flex: 1 1 20em;
    font-weight: 600;
  }

  .break-glass {
    max-inline-size: min(36rem, 100vw - 2rem);
    padding: var(--cw-space-m, 1rem);
    border: 1px solid var(--cw-color-border, #767676);
    color: var(--cw-color-text, inherit);
    background: var(--cw-color-background, Canvas);
  }

  .break-glass h2 {
    margin-block-start: 0;
    font-size: 1.25em;
  }

  .break-glass label[for],
  .break-glass textarea {
    display: block;
    inline-size: 100%;
    box-sizing: border-box;
  }

  .break-glass textarea {
    font: inherit;
    color: inherit;
    background: var(--cw-color-surface, Field);
    border: 1px solid var(--cw-color-border, #767676);
  }

  .break-glass .hint {
    margin-block: 0.25em 0.75em;
    font-size: 0.875em;
    color: var(--cw-color-text-quiet, inherit);
  }

  .break-glass fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: 1em;
    border: 1px solid var(--cw-color-border-quiet, #c4c4c4);
  }

  .break-glass .error {
    color: var(--cw-color-danger-text, #b3261e);
    font-weight: 600;
  }

  .break-glass .actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.5em;
    margin-block-start: var(--cw-space-m, 1rem);
  }

  button {
    font: inherit;
    cursor: pointer;
  }

  button:focus-visible,
  textarea:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--cw-color-focus, #1a5fb4);
    outline-offset: 2px;
  }

  @media (forced-colors: active) {
    .override-banner,
    .break-glass {
      border-color: CanvasText;
    }
  }
`;
