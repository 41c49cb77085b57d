import type { PatientContact } from '../generated/resources/Patient.js';
import type { Check } from '../schema/builders.js';
import { invariant } from '../schema/issue.js';

/** pat-1: a contact SHALL at least contain a contact's details or a reference to an organization. */
export const pat1: Check<PatientContact> = (contact, ctx) => {
  if (contact.name || contact.telecom || contact.address || contact.organization) return;
  invariant(ctx, [], 'pat-1', "SHALL at least contain a contact's details or a reference to an organization");
};
