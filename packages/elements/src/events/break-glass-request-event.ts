/** What a `cw-break-glass-request` event carries. */
export interface CwBreakGlassRequestDetail {
  /** The patient whose record the user asks to open in an emergency (`Patient/<id>`). */
  readonly patient: string;
}

/**
 * Fired by a data widget's restricted state when the user asks for emergency access ("Emergency
 * access…") to a record that a consent or a security label withholds. `<cw-chart-provider>`
 * handles it with its break-the-glass prompt; a host without a provider may handle it itself.
 * Bubbles and is composed; it names only the patient, nothing that was withheld.
 */
export class CwBreakGlassRequestEvent extends Event {
  /** The patient (frozen). */
  readonly detail: CwBreakGlassRequestDetail;

  constructor(detail: CwBreakGlassRequestDetail) {
    super('cw-break-glass-request', { bubbles: true, composed: true });
    this.detail = Object.freeze({ patient: detail.patient });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cw-break-glass-request': CwBreakGlassRequestEvent;
  }
}
