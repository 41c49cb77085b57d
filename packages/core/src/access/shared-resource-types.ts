/**
 * Resource types that belong to no patient's record: the directory (who and where), the
 * formulary and the schedule. A rule limited to a compartment (`own-record`, `care-team`) still
 * covers these, so that a chart can show who wrote a note or which drug was ordered; any other
 * resource that belongs to no patient is outside every compartment.
 */
export const SHARED_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Location',
  'HealthcareService',
  'Endpoint',
  'Medication',
  'Substance',
  'Device',
  'Schedule',
  'Slot',
]);
