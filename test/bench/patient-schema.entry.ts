// Section 3 of the benchmark: the floor for a Patient-only build. The generated `Patient` schema
// parsed with zod directly, without createValidator, to show what the validator wrapper adds.
import * as z from 'zod/mini';
import { Patient } from '@chartwell/fhir';

export const isPatient = (input: unknown): boolean => z.safeParse(Patient, input).success;
