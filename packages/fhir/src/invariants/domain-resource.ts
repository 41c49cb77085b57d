import type { Resource } from '../generated/resource-types.js';
import { isInsideContained } from '../schema/any-resource.js';
import type { Check } from '../schema/builders.js';
import { invariant } from '../schema/issue.js';

interface ContainedLike {
  id?: unknown;
  contained?: unknown;
  meta?: { versionId?: unknown; lastUpdated?: unknown; security?: unknown };
}

/** Calls `visit` for every string in `value`, with its path and the key that holds it. */
function eachString(value: unknown, path: PropertyKey[], visit: (text: string, key: PropertyKey, path: PropertyKey[]) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (typeof item === 'string') visit(item, path[path.length - 1] ?? '', [...path, i]);
      else eachString(item, [...path, i], visit);
    });
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === 'string') visit(item, key, [...path, key]);
      else eachString(item, [...path, key], visit);
    }
  }
}

/**
 * The invariants of every DomainResource: dom-2..dom-5 on contained resources, dom-6 (a warning:
 * a resource should have narrative), and ref-1 (a local `#id` reference needs a contained
 * resource with that id), which needs the whole resource and so is checked here.
 */
export const domainResource: Check<Resource> = (resource, ctx) => {
  const contained: ContainedLike[] = Array.isArray((resource as { contained?: unknown }).contained)
    ? ((resource as { contained: ContainedLike[] }).contained)
    : [];
  const insideContained = isInsideContained();

  if (!insideContained && !(resource as { text?: { div?: unknown } }).text?.div) {
    invariant(ctx, [], 'dom-6', 'A resource should have narrative for robust management', 'warning');
  }
  if (insideContained) return; // the container checks references, and nesting, for its contained resources

  // every string anywhere in the resource (references, canonicals, uris) that points inside it
  const localReferences: { id: string; path: PropertyKey[]; key: PropertyKey }[] = [];
  eachString(resource, [], (text, key, path) => {
    if (text.startsWith('#')) localReferences.push({ id: text.slice(1), path, key });
  });
  const containedIds = new Set(contained.map((c) => c?.id).filter((id): id is string => typeof id === 'string'));

  contained.forEach((item, index) => {
    if (!item || typeof item !== 'object') return;
    if (Array.isArray(item.contained) && item.contained.length > 0) {
      invariant(ctx, ['contained', index], 'dom-2', 'If the resource is contained in another resource, it SHALL NOT contain nested Resources');
    }
    const referredTo = typeof item.id === 'string' && localReferences.some((r) => r.id === item.id);
    let refersToContainer = false;
    eachString(item, [], (text) => {
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

  for (const reference of localReferences) {
    if (reference.key !== 'reference') continue; // ref-1 is about Reference.reference
    const insideAContained = reference.path[0] === 'contained';
    const resolves = reference.id === '' ? insideAContained : containedIds.has(reference.id);
    if (!resolves) {
      invariant(ctx, reference.path.slice(0, -1), 'ref-1', `SHALL have a contained resource if a local reference is provided (no contained resource has id "${reference.id}")`);
    }
  }
};
