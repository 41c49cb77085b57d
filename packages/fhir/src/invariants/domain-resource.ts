import type { Resource } from '../generated/resource-types.js';
import { isInsideContained, isNested } from '../schema/any-resource.js';
import type { Check } from '../schema/builders.js';
import { invariant } from '../schema/issue.js';

interface ContainedLike {
  id?: unknown;
  contained?: unknown;
  meta?: { versionId?: unknown; lastUpdated?: unknown; security?: unknown };
}

/** Calls `visit` for every string in `value` that starts with `#`: a local reference. */
function eachLocalReference(value: unknown, visit: (text: string) => void): void {
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) {
      if (typeof item === 'string') {
        if (item.charCodeAt(0) === 35) visit(item);
      } else if (item && typeof item === 'object') {
        eachLocalReference(item, visit);
      }
    }
  } else if (value && typeof value === 'object') {
    for (const key in value) {
      const item: unknown = (value as Record<string, unknown>)[key];
      if (typeof item === 'string') {
        if (item.charCodeAt(0) === 35) visit(item);
      } else if (item && typeof item === 'object') {
        eachLocalReference(item, visit);
      }
    }
  }
}

/** dom-6, in the constraint's words. */
export const DOM_6 = 'A resource should have narrative for robust management';

/** dom-6 fails: the resource has no narrative (`text.div`). */
export function lacksNarrative(resource: object): boolean {
  return !(resource as { text?: { div?: unknown } }).text?.div;
}

/**
 * The invariants of every DomainResource: dom-2..dom-5 on contained resources, and dom-6 (a
 * warning: a resource should have narrative) for Bundle entries; validate() checks dom-6 of the
 * resource it is given, and ref-1 is checked on each Reference.
 */
export const domainResource: Check<Resource> = (resource, ctx) => {
  const contained: ContainedLike[] = Array.isArray((resource as { contained?: unknown }).contained)
    ? ((resource as { contained: ContainedLike[] }).contained)
    : [];
  const insideContained = isInsideContained();

  // dom-6 of the resource validate() was given is checked there, without a failed parse
  if (isNested() && !insideContained && lacksNarrative(resource)) {
    invariant(ctx, [], 'dom-6', DOM_6, 'warning');
  }
  if (insideContained || contained.length === 0) return; // the container checks its contained resources

  // every string anywhere in the resource (references, canonicals, uris) that points inside it
  const referenced = new Set<string>();
  eachLocalReference(resource, (text) => referenced.add(text.slice(1)));

  contained.forEach((item, index) => {
    if (!item || typeof item !== 'object') return;
    if (Array.isArray(item.contained) && item.contained.length > 0) {
      invariant(ctx, ['contained', index], 'dom-2', 'If the resource is contained in another resource, it SHALL NOT contain nested Resources');
    }
    const referredTo = typeof item.id === 'string' && referenced.has(item.id);
    let refersToContainer = false;
    eachLocalReference(item, (text) => {
      if (text === '#') refersToContainer = true;
    });
    if (!referredTo && !refersToContainer) {
      invariant(ctx, ['contained', index], 'dom-3', 'If the resource is contained in another resource, it SHALL be referred to from elsewhere in the resource or SHALL refer to the containing resource');
    }
    if (item.meta?.versionId !== undefined || item.meta?.lastUpdated !== undefined) {
      invariant(ctx, ['contained', index, 'meta'], 'dom-4', 'If a resource is contained in another resource, it SHALL NOT have a meta.versionId or a meta.lastUpdated');
    }
    if (item.meta?.security !== undefined) {
      invariant(ctx, ['contained', index, 'meta'], 'dom-5', 'If a resource is contained in another resource, it SHALL NOT have a security label');
    }
  });
};
