/** C-CDA R2.1 template OIDs (the roots are the same in R1.1). */
export const TEMPLATE = {
  usRealmHeader: '2.16.840.1.113883.10.20.22.1.1',
  // entries
  problemConcern: '2.16.840.1.113883.10.20.22.4.3',
  problemObservation: '2.16.840.1.113883.10.20.22.4.4',
  problemStatus: '2.16.840.1.113883.10.20.22.4.6',
  allergyConcern: '2.16.840.1.113883.10.20.22.4.30',
  allergyObservation: '2.16.840.1.113883.10.20.22.4.7',
  allergyStatus: '2.16.840.1.113883.10.20.22.4.28',
  reaction: '2.16.840.1.113883.10.20.22.4.9',
  severity: '2.16.840.1.113883.10.20.22.4.8',
  criticality: '2.16.840.1.113883.10.20.22.4.145',
  medicationActivity: '2.16.840.1.113883.10.20.22.4.16',
  /** Discharge Medication and Admission Medication: acts that wrap Medication Activities. */
  dischargeMedication: '2.16.840.1.113883.10.20.22.4.35',
  admissionMedication: '2.16.840.1.113883.10.20.22.4.36',
  immunizationActivity: '2.16.840.1.113883.10.20.22.4.52',
  resultOrganizer: '2.16.840.1.113883.10.20.22.4.1',
  resultObservation: '2.16.840.1.113883.10.20.22.4.2',
  vitalSignsOrganizer: '2.16.840.1.113883.10.20.22.4.26',
  vitalSignObservation: '2.16.840.1.113883.10.20.22.4.27',
  encounterActivity: '2.16.840.1.113883.10.20.22.4.49',
  encounterDiagnosis: '2.16.840.1.113883.10.20.22.4.80',
  procedureActivityProcedure: '2.16.840.1.113883.10.20.22.4.14',
  procedureActivityObservation: '2.16.840.1.113883.10.20.22.4.13',
  procedureActivityAct: '2.16.840.1.113883.10.20.22.4.12',
  // social history
  smokingStatus: '2.16.840.1.113883.10.20.22.4.78',
  tobaccoUse: '2.16.840.1.113883.10.20.22.4.85',
  socialHistoryObservation: '2.16.840.1.113883.10.20.22.4.38',
  // family history
  familyHistoryOrganizer: '2.16.840.1.113883.10.20.22.4.45',
  familyHistoryObservation: '2.16.840.1.113883.10.20.22.4.46',
  familyHistoryDeath: '2.16.840.1.113883.10.20.22.4.47',
  ageObservation: '2.16.840.1.113883.10.20.22.4.31',
  // plan of treatment: planned items
  plannedAct: '2.16.840.1.113883.10.20.22.4.39',
  plannedEncounter: '2.16.840.1.113883.10.20.22.4.40',
  plannedProcedure: '2.16.840.1.113883.10.20.22.4.41',
  plannedObservation: '2.16.840.1.113883.10.20.22.4.44',
  planOfTreatmentSection: '2.16.840.1.113883.10.20.22.2.10',
  // participants
  serviceDeliveryLocation: '2.16.840.1.113883.10.20.22.4.32',
} as const;

/** The document types named in C-CDA R2.1, by their templateId root. */
export const DOCUMENT_TYPES: ReadonlyMap<string, string> = new Map([
  ['2.16.840.1.113883.10.20.22.1.2', 'Continuity of Care Document'],
  ['2.16.840.1.113883.10.20.22.1.14', 'Referral Note'],
  ['2.16.840.1.113883.10.20.22.1.8', 'Discharge Summary'],
  ['2.16.840.1.113883.10.20.22.1.9', 'Progress Note'],
  ['2.16.840.1.113883.10.20.22.1.4', 'Consultation Note'],
  ['2.16.840.1.113883.10.20.22.1.6', 'Procedure Note'],
  ['2.16.840.1.113883.10.20.22.1.3', 'History and Physical'],
  ['2.16.840.1.113883.10.20.22.1.7', 'Operative Note'],
  ['2.16.840.1.113883.10.20.22.1.10', 'Unstructured Document'],
  ['2.16.840.1.113883.10.20.22.1.13', 'Transfer Summary'],
  ['2.16.840.1.113883.10.20.22.1.15', 'Care Plan'],
]);
