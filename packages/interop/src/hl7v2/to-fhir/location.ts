import type { Location } from '@chartwell/fhir';
import type { Hl7v2Repetition } from '../field.js';
import type { Hl7v2Segment } from '../message.js';
import { origin, type ConversionContext } from './context.js';
import { text } from './datatypes.js';

/**
 * PL (PV1-3 assigned location, PV1-6 prior location) as a Location: its name joins facility
 * (PL-4), building (PL-7), floor (PL-8), point of care (PL-1), room (PL-2) and bed (PL-3);
 * the physical type is the most precise of bed, room and ward given. `undefined` when empty.
 */
export function locationFromPl(repetition: Hl7v2Repetition, segment: Hl7v2Segment, context: ConversionContext): string | undefined {
  const part = (n: number) => text(repetition.component(n).subcomponent(1));
  const parts = [part(4), part(7), part(8), part(1), part(2), part(3)].filter((p): p is string => p !== undefined);
  if (parts.length === 0) return undefined;
  const location: Location = { resourceType: 'Location', meta: context.meta, status: 'active', mode: 'instance', name: parts.join(', ') };
  const description = text(repetition.component(9).value);
  if (description !== undefined) location.description = description;
  const physical = part(3) !== undefined ? ['bd', 'Bed'] : part(2) !== undefined ? ['ro', 'Room'] : part(1) !== undefined ? ['wa', 'Ward'] : undefined;
  if (physical) location.physicalType = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/location-physical-type', code: physical[0] ?? '', display: physical[1] ?? '' }] };
  return context.builder.add(location, origin(segment));
}
