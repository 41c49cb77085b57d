import { html, nothing } from 'lit';
import { AccessDeniedError, isChartStoreError } from '@chartwell/core';
import type { ChartStore } from '@chartwell/core';
import { accessGuardOf } from '../components/chart-provider/access-guard-registry.js';
import { CwBreakGlassRequestEvent } from '../events/break-glass-request-event.js';

/**
 * The patient (`Patient/<id>`) whose record breaking the glass would open, when `error` is a
 * denial that the glass can break (a consent or a security label): from the error itself, or,
 * for a view that rebuilt the error (the allergy summary), from the provider's store, which
 * remembers the overridable denials of the bound patient's record.
 */
export function overridablePatient(error: unknown, store: ChartStore | undefined, patientId: string | undefined): string | undefined {
  if (error instanceof AccessDeniedError) return error.overridable ? error.patient : undefined;
  const guard = accessGuardOf(store);
  if (guard && patientId && isChartStoreError(error, 'forbidden') && guard.hasOverridableDenial(patientId)) return `Patient/${patientId}`;
  return undefined;
}

/** The restricted state's "Emergency access…" button, which fires `cw-break-glass-request` for `patient`; nothing without one. */
export function renderEmergencyAccess(host: HTMLElement, patient: string | undefined, label: string): unknown {
  if (patient === undefined) return nothing;
  return html`<button type="button" part="emergency-access" class="emergency-access" @click=${() => host.dispatchEvent(new CwBreakGlassRequestEvent({ patient }))}>${label}</button>`;
}
