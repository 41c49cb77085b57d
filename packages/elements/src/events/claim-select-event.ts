/** What a `cw-claim-select` event carries. */
export interface CwClaimSelectDetail {
  /** The record chosen: `Claim/<id>`, or, for an adjudication whose Claim is not in the store, `ExplanationOfBenefit/<id>` or `ClaimResponse/<id>`. */
  readonly reference: string;
  /** The patient the widget is bound to. */
  readonly patientId: string;
  /** The adjudications joined with the claim (`ExplanationOfBenefit/<id>`, `ClaimResponse/<id>`). */
  readonly adjudications: readonly string[];
  /** Whether it is a preauthorization or predetermination (its amounts are estimates). */
  readonly estimate: boolean;
}

/**
 * Fired by `<cw-billing-summary>` when the user chooses a claim (click, or Enter on its button).
 * Bubbles and is composed, so a host can listen once on the page. Not cancelable: the widget
 * does nothing more with the choice.
 */
export class CwClaimSelectEvent extends CustomEvent<CwClaimSelectDetail> {
  constructor(detail: CwClaimSelectDetail) {
    super('cw-claim-select', {
      bubbles: true,
      composed: true,
      detail: Object.freeze({ ...detail, adjudications: Object.freeze([...detail.adjudications]) }),
    });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cw-claim-select': CwClaimSelectEvent;
  }
}
