// The patient picker's choices, shared by the React and Vue host examples.
import { formatHumanName, preferredHumanName, type ChartStore } from '@chartwell/core';

/** One patient the picker offers: the id the widgets bind to, and the name shown for it. */
export interface PatientOption {
  readonly id: string;
  readonly name: string;
}

/** The store's patients (up to 100), named as the banner names them ("DOUGLAS, Tony (Mr.)"), sorted by that name. */
export async function patientOptions(store: ChartStore, locale: string): Promise<PatientOption[]> {
  const patients = await store.search('Patient', { _count: 100 });
  return patients
    .filter((patient) => patient.id !== undefined)
    .map((patient) => ({ id: patient.id ?? '', name: formatHumanName(preferredHumanName(patient.name), { locale, style: 'banner' }) || (patient.id ?? '') }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}
