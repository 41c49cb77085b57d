import type { Coding } from '../generated/datatypes.js';
import type { Observation } from '../generated/resources/Observation.js';
import type { Check } from '../schema/builders.js';
import { invariant } from '../schema/issue.js';

/** Whether the object has any `value[x]` (or only its `_value[x]` extensions). */
export function hasChoice(value: object, name: string): boolean {
  for (const key of Object.keys(value)) {
    const bare = key.startsWith('_') ? key.slice(1) : key;
    if (bare.length > name.length && bare.startsWith(name) && /[A-Z]/.test(bare.charAt(name.length))) {
      if ((value as Record<string, unknown>)[key] !== undefined) return true;
    }
  }
  return false;
}

const codingKey = (coding: Coding) => `${coding.system ?? ''}|${coding.code ?? ''}|${coding.version ?? ''}|${coding.display ?? ''}`;

/** obs-6: dataAbsentReason SHALL only be present if Observation.value[x] is not present. */
export const obs6: Check<Observation> = (observation, ctx) => {
  if (observation.dataAbsentReason && hasChoice(observation, 'value')) {
    invariant(ctx, [], 'obs-6', 'dataAbsentReason SHALL only be present if Observation.value[x] is not present');
  }
};

/**
 * obs-7: if Observation.code is the same as an Observation.component.code, the value element
 * associated with the code SHALL NOT be present. (FHIRPath `intersect` compares whole Codings.)
 */
export const obs7: Check<Observation> = (observation, ctx) => {
  if (!hasChoice(observation, 'value') || !Array.isArray(observation.component)) return;
  const own = new Set((observation.code?.coding ?? []).map(codingKey));
  if (own.size === 0) return;
  observation.component.forEach((component, index) => {
    if ((component?.code?.coding ?? []).some((coding) => own.has(codingKey(coding)))) {
      invariant(ctx, ['component', index], 'obs-7', 'If Observation.code is the same as an Observation.component.code then the value element associated with the code SHALL NOT be present');
    }
  });
};
