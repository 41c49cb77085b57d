import type { Location, Reference, Resource } from '@chartwell/fhir';
import type { ConversionContext } from './conversion-context.js';
import { defined, toAddress, toCodeableConcept, toContactPoint, toIdentifiers } from './data-types.js';
import { convertOrganization, convertPractitioner } from './organization.js';
import type { XmlElement } from './xml-element.js';

/** Adds a resource the first time the document names it (same identifiers, names and addresses), else gives the reference made then. */
export function addOnce(resource: Resource, context: ConversionContext): Reference {
  const key = JSON.stringify({ ...resource, id: undefined, meta: undefined });
  const known = context.once.get(key);
  if (known) return known;
  const reference = context.add(resource);
  context.once.set(key, reference);
  return reference;
}

/**
 * The performers of an entry (`performer/assignedEntity`): a Practitioner for one with an
 * `assignedPerson`, else, when `organizations` is set (a Procedure's performer may be one), the
 * `representedOrganization` as an Organization; each added once per document.
 */
export function entryPerformers(entry: XmlElement, context: ConversionContext, organizations = false): Reference[] {
  return entry.all('performer', 'assignedEntity').flatMap((assigned) => {
    const performer = convertPractitioner(assigned) ?? (organizations ? convertOrganization(assigned.child('representedOrganization')) : undefined);
    return performer ? [addOnce(performer, context)] : [];
  });
}

/**
 * The Locations of an entry's service delivery locations (`participant[@typeCode="LOC"]/
 * participantRole`, template 4.32): name from `playingEntity/name`, type from the role's code
 * (HL7 HealthcareServiceLocation), identifiers, address, telecom; each added once per document.
 */
export function entryLocations(entry: XmlElement, context: ConversionContext): Reference[] {
  return entry
    .children('participant')
    .filter((participant) => participant.attr('typeCode') === 'LOC')
    .flatMap((participant) => {
      const role = participant.child('participantRole');
      if (!role || role.isNull) return [];
      const location = instanceLocation(role, role.child('playingEntity'), role, context);
      return location ? [addOnce(location, context)] : [];
    });
}

/**
 * A Location (`mode: instance`) from the element that carries its ids and code (`identified`), the
 * one that carries its name (`named`) and the one that carries its addresses and telecoms
 * (`reached`); undefined when it has no name, id or address to tell it by.
 */
function instanceLocation(identified: XmlElement, named: XmlElement | undefined, reached: XmlElement | undefined, context: ConversionContext): Location | undefined {
  const name = named?.children('name').map((n) => n.text).find((t) => t !== undefined);
  const identifier = toIdentifiers(identified);
  const type = toCodeableConcept(identified.child('code'), context.narrative);
  const address = defined(reached?.children('addr').map(toAddress) ?? [])[0];
  const telecom = defined(reached?.children('telecom').map(toContactPoint) ?? []);
  if (!name && identifier.length === 0 && !address) return undefined;
  return {
    resourceType: 'Location',
    ...(identifier.length > 0 && { identifier }),
    ...(name && { name }),
    mode: 'instance',
    ...(type && { type: [type] }),
    ...(telecom.length > 0 && { telecom }),
    ...(address && { address }),
  };
}

/** The Practitioners of an encompassing encounter's `encounterParticipant/assignedEntity`, each added once per document. */
export function encounterParticipants(encounter: XmlElement, context: ConversionContext): Reference[] {
  return encounter.all('encounterParticipant', 'assignedEntity').flatMap((assigned) => {
    const practitioner = convertPractitioner(assigned);
    return practitioner ? [addOnce(practitioner, context)] : [];
  });
}

/** The Locations of an encompassing encounter's `location/healthCareFacility` (name and address of its `location`, its ids and code), each added once. */
export function facilityLocations(encounter: XmlElement, context: ConversionContext): Reference[] {
  return encounter.all('location', 'healthCareFacility').flatMap((facility) => {
    if (facility.isNull) return [];
    const place = facility.child('location');
    const location = instanceLocation(facility, place, place, context);
    return location ? [addOnce(location, context)] : [];
  });
}
