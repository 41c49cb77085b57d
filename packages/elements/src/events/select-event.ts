/**
 * Fired when the user opens a record in a widget (a note, a result): `detail.reference` is the
 * record's `Type/id`. Bubbles and is composed, so a host can listen once on the page.
 */
export class CwSelectEvent extends CustomEvent<{ reference: string }> {
  constructor(detail: { reference: string }) {
    super('cw-select', { bubbles: true, composed: true, detail: Object.freeze({ reference: detail.reference }) });
  }
}

declare global {
  interface HTMLElementEventMap {
    'cw-select': CwSelectEvent;
  }
}
