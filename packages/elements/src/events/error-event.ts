import type { StoreOperationOutcome } from '@chartwell/core';

/** What a `cw-error` event carries. */
export interface CwErrorDetail {
  /** The failure as a FHIR OperationOutcome (its diagnostics are for the host, never shown to users as is). */
  readonly outcome: StoreOperationOutcome;
  /** The patient the widget was bound to when it failed. */
  readonly patientId: string | undefined;
}

/**
 * Fired by a data widget when its data cannot be loaded (store failure, access denied, missing
 * store). Bubbles and is composed, so a host can listen once on the page.
 */
export class CwErrorEvent extends Event {
  /** The OperationOutcome and the patient concerned (frozen). */
  readonly detail: CwErrorDetail;

  constructor(detail: CwErrorDetail) {
    super('cw-error', { bubbles: true, composed: true });
    this.detail = Object.freeze({ ...detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cw-error': CwErrorEvent;
  }
}
