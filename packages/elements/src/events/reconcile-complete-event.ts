import type { ReconcileDecision } from '@chartwell/interop/reconcile';

/** What a `cw-reconcile-complete` event carries. */
export interface CwReconcileCompleteDetail {
  /** The patient whose chart was written (`Patient/<id>`). */
  readonly patient: string;
  /** The decisions written, by item key. */
  readonly decisions: Readonly<Record<string, ReconcileDecision>>;
  /** The records written (added, replaced or merged), as `Type/id`, in the plan's order. */
  readonly written: readonly string[];
  /** The Provenance of each, as `Provenance/id`, in the same order. */
  readonly provenance: readonly string[];
}

/**
 * Fired by `<cw-reconcile>` after the decisions were written (the store transaction committed).
 * Not cancelable: to stop a write, cancel `cw-reconcile-confirm`. Bubbles and is composed.
 */
export class CwReconcileCompleteEvent extends Event {
  /** What was written (frozen). */
  readonly detail: CwReconcileCompleteDetail;

  constructor(detail: CwReconcileCompleteDetail) {
    super('cw-reconcile-complete', { bubbles: true, composed: true });
    this.detail = Object.freeze({
      patient: detail.patient,
      decisions: Object.freeze({ ...detail.decisions }),
      written: Object.freeze([...detail.written]),
      provenance: Object.freeze([...detail.provenance]),
    });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cw-reconcile-complete': CwReconcileCompleteEvent;
  }
  interface HTMLElementEventMap {
    'cw-reconcile-complete': CwReconcileCompleteEvent;
  }
}
