import type { AllergyIntolerance } from '../generated/resources/AllergyIntolerance.js';
import type { Check } from '../schema/builders.js';
import { invariant } from '../schema/issue.js';

const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';

const enteredInError = (allergy: AllergyIntolerance) =>
  (allergy.verificationStatus?.coding ?? []).some((c) => c?.system === VERIFICATION && c.code === 'entered-in-error');

/** ait-1: clinicalStatus SHALL be present if verificationStatus is not entered-in-error. */
export const ait1: Check<AllergyIntolerance> = (allergy, ctx) => {
  if (!enteredInError(allergy) && !allergy.clinicalStatus) {
    invariant(ctx, [], 'ait-1', 'AllergyIntolerance.clinicalStatus SHALL be present if verificationStatus is not entered-in-error.');
  }
};

/** ait-2: clinicalStatus SHALL NOT be present if verificationStatus is entered-in-error. */
export const ait2: Check<AllergyIntolerance> = (allergy, ctx) => {
  if (enteredInError(allergy) && allergy.clinicalStatus) {
    invariant(ctx, ['clinicalStatus'], 'ait-2', 'AllergyIntolerance.clinicalStatus SHALL NOT be present if verification Status is entered-in-error');
  }
};
