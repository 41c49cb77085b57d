// Section 3 of the benchmark: a host build that validates Patients and Observations.
import { createValidator, Observation, Patient } from '@chartwell/fhir';

export const validatePatientOrObservation = createValidator({ Patient, Observation }).validate;
