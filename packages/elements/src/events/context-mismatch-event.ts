/** What a `cw-context-mismatch` event carries. */
export interface CwContextMismatchDetail {
  /** The patient the widget is bound to (`patient-id`). */
  readonly patientId: string;
  /** The subjects the data named instead (`Patient/<id>`). */
  readonly found: readonly string[];
}

/**
 * Fired by a data widget when the data it loaded belongs to a patient other than the bound one.
 * The widget then shows none of that data, only an error. Bubbles and is composed.
 */
export class CwContextMismatchEvent extends Event {
  /** The bound patient and the subjects found (frozen). */
  readonly detail: CwContextMismatchDetail;

  constructor(detail: CwContextMismatchDetail) {
    super('cw-context-mismatch', { bubbles: true, composed: true });
    this.detail = Object.freeze({ patientId: detail.patientId, found: Object.freeze([...detail.found]) });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cw-context-mismatch': CwContextMismatchEvent;
  }
}
