// Section 3 of the benchmark: a host build that only validates Patients.
import { createValidator, Patient } from '@chartwell/fhir';

export const validatePatient = createValidator({ Patient }).validate;
