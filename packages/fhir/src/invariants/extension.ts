import type { Extension } from '../generated/datatypes.js';
import type { Check } from '../schema/builders.js';
import { invariant } from '../schema/issue.js';
import { hasChoice } from './observation.js';

/** ext-1: an extension has either nested extensions or a value[x], not both. */
export const ext1: Check<Extension> = (extension, ctx) => {
  const nested = Array.isArray(extension.extension) && extension.extension.length > 0;
  if (nested === hasChoice(extension, 'value')) {
    invariant(ctx, [], 'ext-1', 'Must have either extensions or value[x], not both');
  }
};
