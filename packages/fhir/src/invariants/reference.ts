import type { Reference } from '../generated/datatypes.js';
import { currentScope } from '../schema/any-resource.js';
import type { Check } from '../schema/builders.js';
import { invariant } from '../schema/issue.js';

/**
 * ref-1: a local reference (`#id`) needs a contained resource with that id in the resource at the
 * root; a bare `#` (the container itself) is only meaningful inside a contained resource.
 */
export const ref1: Check<Reference> = (reference, ctx) => {
  const text = reference.reference;
  if (typeof text !== 'string' || text.charCodeAt(0) !== 35) return;
  const scope = currentScope();
  const id = text.slice(1);
  const resolves = id === '' ? scope?.contained === true : scope?.containedIds.has(id) === true;
  if (!resolves) {
    invariant(ctx, [], 'ref-1', `SHALL have a contained resource if a local reference is provided (no contained resource has id "${id}")`);
  }
};
