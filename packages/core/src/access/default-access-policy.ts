import type { AccessPolicy } from './access-policy.js';

const DIRECTORY = ['Practitioner', 'PractitionerRole', 'Organization', 'Location', 'HealthcareService'];

/**
 * The policy Chartwell ships for its seven roles (deny by default; the guide shows it as a table):
 *
 * - clinician: every type, every action, for patients on their care team;
 * - nurse: every type, all but delete, for patients on their care team;
 * - front-desk: registration and scheduling (Patient, Appointment, AppointmentResponse, Schedule,
 *   Slot, Coverage) and the directory; no clinical data; no delete;
 * - billing: Claim, ClaimResponse, ExplanationOfBenefit, Invoice, ChargeItem, Account, Coverage,
 *   plus reading Patient demographics and the directory;
 * - lab: reading ServiceRequest and Patient; reading and writing Specimen, Observation, DiagnosticReport;
 * - pharmacy: reading Medication*, AllergyIntolerance and Patient; writing MedicationDispense;
 * - patient: reading their own record.
 *
 * No rule lists security labels, so R, V and sensitive-category resources are withheld from every
 * role unless the glass is broken; add `labels` to a rule to permit them.
 */
export const DEFAULT_ACCESS_POLICY: AccessPolicy = {
  rules: [
    { roles: ['clinician'], resourceTypes: ['*'], actions: ['read', 'search', 'create', 'update', 'delete'], compartment: 'care-team', description: "Clinicians: their care team's patients, in full" },
    { roles: ['nurse'], resourceTypes: ['*'], actions: ['read', 'search', 'create', 'update'], compartment: 'care-team', description: "Nurses: their care team's patients, no delete" },
    {
      roles: ['front-desk'],
      resourceTypes: ['Patient', 'Appointment', 'AppointmentResponse', 'Schedule', 'Slot', 'Coverage'],
      actions: ['read', 'search', 'create', 'update'],
      compartment: 'any',
      description: 'Front desk: registration and scheduling, no clinical data',
    },
    {
      roles: ['billing'],
      resourceTypes: ['Claim', 'ClaimResponse', 'ExplanationOfBenefit', 'Invoice', 'ChargeItem', 'Account', 'Coverage'],
      actions: ['read', 'search', 'create', 'update'],
      compartment: 'any',
      description: 'Billing: claims, invoices and accounts',
    },
    { roles: ['billing', 'lab', 'pharmacy'], resourceTypes: ['Patient'], actions: ['read', 'search'], compartment: 'any', description: 'Billing, lab and pharmacy: patient demographics, read-only' },
    { roles: ['front-desk', 'billing', 'lab', 'pharmacy'], resourceTypes: DIRECTORY, actions: ['read', 'search'], compartment: 'any', description: 'The directory: who and where' },
    { roles: ['lab'], resourceTypes: ['ServiceRequest'], actions: ['read', 'search'], compartment: 'any', description: 'Lab: the orders' },
    { roles: ['lab'], resourceTypes: ['Specimen', 'Observation', 'DiagnosticReport'], actions: ['read', 'search', 'create', 'update'], compartment: 'any', description: 'Lab: specimens and results' },
    {
      roles: ['pharmacy'],
      resourceTypes: ['Medication', 'MedicationRequest', 'MedicationDispense', 'MedicationAdministration', 'MedicationStatement', 'AllergyIntolerance'],
      actions: ['read', 'search'],
      compartment: 'any',
      description: 'Pharmacy: medications and allergies, read-only',
    },
    { roles: ['pharmacy'], resourceTypes: ['MedicationDispense'], actions: ['create', 'update'], compartment: 'any', description: 'Pharmacy: dispensing' },
    { roles: ['patient'], resourceTypes: ['*'], actions: ['read', 'search'], compartment: 'own-record', description: 'Patients: their own record, read-only' },
  ],
};
