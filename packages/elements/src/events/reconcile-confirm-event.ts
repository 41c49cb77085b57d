import type { ReconcileDecision } from '@chartwell/interop/reconcile';

/** What a `cw-reconcile-confirm` event carries. */
export interface CwReconcileConfirmDetail {
  /** The patient whose chart is about to be written (`Patient/<id>`). */
  readonly patient: string;
  /** The decisions about to be written, by item key (frozen). */
  readonly decisions: Readonly<Record<string, ReconcileDecision>>;
}

/**
 * Fired by `<cw-reconcile>` when the user confirms the review, before anything is written.
 * Cancelable: `preventDefault()` stops the write (the review stays on screen, decisions kept).
 * Bubbles and is composed.
 */
export class CwReconcileConfirmEvent extends Event {
  /** The patient and the decisions (frozen). */
  readonly detail: CwReconcileConfirmDetail;

  constructor(detail: CwReconcileConfirmDetail) {
    super('cw-reconcile-confirm', { bubbles: true, composed: true, cancelable: true });
    this.detail = Object.freeze({ patient: detail.patient, decisions: Object.freeze({ ...detail.decisions }) });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cw-reconcile-confirm': CwReconcileConfirmEvent;
  }
  interface HTMLElementEventMap {
    'cw-reconcile-confirm': CwReconcileConfirmEvent;
  }
}
