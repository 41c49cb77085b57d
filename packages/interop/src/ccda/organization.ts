import type { Organization, Practitioner } from '@chartwell/fhir';
import { defined, toAddress, toContactPoint, toHumanName, toIdentifiers } from './data-types.js';
import type { XmlElement } from './xml-element.js';

/**
 * An Organization from a C-CDA organization element (`representedOrganization`,
 * `representedCustodianOrganization`, `serviceProviderOrganization`); undefined when it has
 * neither a name nor an identifier.
 */
export function convertOrganization(element: XmlElement | undefined): Organization | undefined {
  if (!element || element.isNull) return undefined;
  const identifier = toIdentifiers(element);
  const name = element.children('name').map((node) => node.text).find((text) => text !== undefined);
  if (identifier.length === 0 && !name) return undefined;
  const telecom = defined(element.children('telecom').map(toContactPoint));
  const address = defined(element.children('addr').map(toAddress));
  return {
    resourceType: 'Organization',
    ...(identifier.length > 0 && { identifier }),
    ...(name && { name }),
    ...(telecom.length > 0 && { telecom }),
    ...(address.length > 0 && { address }),
  };
}

/** A Practitioner from an `assignedAuthor` (or `assignedEntity`) with an `assignedPerson`. */
export function convertPractitioner(assigned: XmlElement | undefined): Practitioner | undefined {
  const person = assigned?.child('assignedPerson');
  if (!assigned || !person) return undefined;
  const identifier = toIdentifiers(assigned);
  const name = defined(person.children('name').map(toHumanName));
  if (identifier.length === 0 && name.length === 0) return undefined;
  const telecom = defined(assigned.children('telecom').map(toContactPoint));
  const address = defined(assigned.children('addr').map(toAddress));
  return {
    resourceType: 'Practitioner',
    ...(identifier.length > 0 && { identifier }),
    ...(name.length > 0 && { name }),
    ...(telecom.length > 0 && { telecom }),
    ...(address.length > 0 && { address }),
  };
}
