import type { Patient } from '@chartwell/fhir';
import { CcdaError } from './ccda-error.js';
import { defined, toAddress, toContactPoint, toDate, toHumanName, toIdentifiers } from './data-types.js';
import type { XmlElement } from './xml-element.js';

const GENDER: Readonly<Record<string, Patient['gender']>> = { M: 'male', F: 'female', UN: 'other', U: 'unknown' };

/**
 * The Patient of `recordTarget/patientRole`: ids → identifiers, name, gender, birth date,
 * addresses and telecoms. A document without one is a {@link CcdaError} naming the missing node.
 */
export function convertPatient(document: XmlElement): Patient {
  const recordTarget = document.child('recordTarget');
  if (!recordTarget) throw new CcdaError(`${document.path}/recordTarget`, 'a C-CDA document needs a recordTarget (the patient)');
  const role = recordTarget.child('patientRole');
  if (!role) throw new CcdaError(`${recordTarget.path}/patientRole`, 'the recordTarget has no patientRole');
  const person = role.child('patient');
  const identifier = toIdentifiers(role);
  const name = defined((person?.children('name') ?? []).map(toHumanName));
  const gender = GENDER[person?.child('administrativeGenderCode')?.attr('code') ?? ''];
  const birthDate = toDate(person?.child('birthTime'));
  const address = defined(role.children('addr').map(toAddress));
  const telecom = defined(role.children('telecom').map(toContactPoint));
  const deceased = person?.child('deceasedInd')?.attr('value');
  return {
    resourceType: 'Patient',
    ...(identifier.length > 0 && { identifier }),
    ...(name.length > 0 && { name }),
    ...(telecom.length > 0 && { telecom }),
    ...(gender && { gender }),
    ...(birthDate && { birthDate }),
    ...(deceased === 'true' && { deceasedBoolean: true }),
    ...(address.length > 0 && { address }),
  };
}
