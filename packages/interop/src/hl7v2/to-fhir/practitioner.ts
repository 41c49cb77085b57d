import type { Practitioner } from '@chartwell/fhir';
import type { Hl7v2Repetition } from '../field.js';
import type { Hl7v2Segment } from '../message.js';
import { origin, type ConversionContext } from './context.js';
import { authoritySystem, humanName, text } from './datatypes.js';

/**
 * XCN (PV1-7 attending, OBX-16 responsible observer, …) as a Practitioner: identifier from
 * XCN-1 with the assigning authority XCN-9 and type XCN-13, name from XCN-2..7. Found by
 * identifier when the store has it. `undefined` when the XCN holds neither.
 */
export function practitionerFromXcn(repetition: Hl7v2Repetition, segment: Hl7v2Segment, context: ConversionContext): string | undefined {
  const id = text(repetition.component(1).value);
  const name = humanName(repetition, 2, context.options);
  if (id === undefined && name === undefined) return undefined;
  const practitioner: Practitioner = { resourceType: 'Practitioner', meta: context.meta };
  if (id !== undefined) {
    const authority = repetition.component(9);
    const system = authoritySystem(authority.subcomponent(1), authority.subcomponent(2), authority.subcomponent(3), context.options);
    const type = text(repetition.component(13).value);
    practitioner.identifier = [
      {
        ...(type === undefined ? {} : { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: type }] } }),
        ...(system === undefined ? {} : { system }),
        value: id,
        ...(text(authority.subcomponent(1)) === undefined ? {} : { assigner: { display: text(authority.subcomponent(1)) ?? '' } }),
      },
    ];
  }
  if (name !== undefined) practitioner.name = [name];
  return context.builder.add(practitioner, origin(segment), 'find-or-create');
}
