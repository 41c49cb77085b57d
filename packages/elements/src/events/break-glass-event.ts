import type { AccessOverride } from '@chartwell/core';

/** What happened to an emergency access override: begun, ended by the user, or run out. */
export type BreakGlassChange = 'started' | 'ended' | 'expired';

/** What a `cw-break-glass` event carries. */
export interface CwBreakGlassDetail {
  readonly change: BreakGlassChange;
  /** The override: who, for which patient, the reason they gave, from when until when. */
  readonly override: AccessOverride;
}

/**
 * Fired by `<cw-chart-provider>` when an emergency access override (break the glass) begins,
 * is ended by the user, or runs out, so the host can log it. Bubbles and is composed.
 */
export class CwBreakGlassEvent extends Event {
  /** The change and the override (frozen). */
  readonly detail: CwBreakGlassDetail;

  constructor(detail: CwBreakGlassDetail) {
    super('cw-break-glass', { bubbles: true, composed: true });
    this.detail = Object.freeze({ change: detail.change, override: Object.freeze({ ...detail.override }) });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cw-break-glass': CwBreakGlassEvent;
  }
}
