/** What a `cw-invoice-select` event carries. */
export interface CwInvoiceSelectDetail {
  /** The invoice chosen: `Invoice/<id>`. */
  readonly reference: string;
  /** The patient the widget is bound to. */
  readonly patientId: string;
  /** The account the invoice is billed to (`Account/<id>`), when recorded. */
  readonly account?: string;
}

/**
 * Fired by `<cw-billing-summary>` when the user chooses an invoice (click, or Enter on its
 * button). Bubbles and is composed, so a host can listen once on the page. Not cancelable: the
 * widget does nothing more with the choice.
 */
export class CwInvoiceSelectEvent extends CustomEvent<CwInvoiceSelectDetail> {
  constructor(detail: CwInvoiceSelectDetail) {
    super('cw-invoice-select', { bubbles: true, composed: true, detail: Object.freeze({ ...detail }) });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cw-invoice-select': CwInvoiceSelectEvent;
  }
}
