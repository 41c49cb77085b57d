/** What a `cw-select` event carries. */
export interface CwSelectDetail {
  /** The chosen record, as a relative reference (`DiagnosticReport/123`, `Observation/456`). */
  readonly reference: string;
}

/**
 * Fired by a widget when the user chooses a record in it (a report, a result, a line), by click or
 * with Enter or Space. Any widget may fire it; `detail.reference` names the record. Bubbles and is
 * composed, so a host can listen once on the page.
 */
export class CwSelectEvent extends Event {
  /** The reference of the chosen record (frozen). */
  readonly detail: CwSelectDetail;

  constructor(detail: CwSelectDetail) {
    super('cw-select', { bubbles: true, composed: true });
    this.detail = Object.freeze({ reference: detail.reference });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cw-select': CwSelectEvent;
  }
  interface HTMLElementEventMap {
    'cw-select': CwSelectEvent;
  }
}
