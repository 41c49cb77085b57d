/** What a `cw-slot-select` event carries: the free slot chosen, and whose schedule it is in. */
export interface CwSlotSelectDetail {
  /** The Slot's id. */
  readonly slotId: string;
  /** The id of the Schedule the slot belongs to. */
  readonly scheduleId: string;
  /** The slot's start and end instants, ISO 8601 in UTC. */
  readonly start: string;
  readonly end: string;
  /** The practitioners and locations the schedule is for (`Type/id`): who a booking would be with. */
  readonly actors: readonly string[];
}

/**
 * Fired by `<cw-scheduler>` when the user chooses a free slot (click, or Enter on the grid).
 * Cancelable: a host that books in its own way calls `preventDefault()`, and the scheduler's
 * booking dialog stays closed. Bubbles and is composed.
 */
export class CwSlotSelectEvent extends CustomEvent<CwSlotSelectDetail> {
  constructor(detail: CwSlotSelectDetail) {
    super('cw-slot-select', { bubbles: true, composed: true, cancelable: true, detail: Object.freeze({ ...detail, actors: Object.freeze([...detail.actors]) }) });
  }
}

declare global {
  interface HTMLElementEventMap {
    'cw-slot-select': CwSlotSelectEvent;
  }
}
