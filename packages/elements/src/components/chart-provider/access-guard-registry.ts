import type { ChartStore } from '@chartwell/core';

/** What a widget asks of its provider's access-guarded store: whether the glass can break a denial of a patient's record. */
export interface OverridableDenials {
  /** Whether the store denied something of `patient`'s record (`123` or `Patient/123`) that breaking the glass would show. */
  hasOverridableDenial(patient: string): boolean;
}

/** The guarded store behind each store a provider hands its widgets (itself, or the audited store around it). */
const guards = new WeakMap<ChartStore, OverridableDenials>();

/**
 * Records that the widgets' `store` is, or passes its calls to, `guard`. A tiny module of its own,
 * so that the widgets know about emergency access without loading the access code, which the
 * provider loads on demand.
 */
export function registerAccessGuard(store: ChartStore, guard: OverridableDenials): void {
  guards.set(store, guard);
}

/** The access guard of a widget's store; undefined when there is none (no policy). */
export function accessGuardOf(store: ChartStore | undefined): OverridableDenials | undefined {
  return store === undefined ? undefined : guards.get(store);
}
