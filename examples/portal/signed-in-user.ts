// Who is signed in to the demo portal, as the settings page chooses it: the administrator (no access
// policy: the portal as it was), a clinician (Dr. June Kassulke, whose care team is the patients of
// her appointments in the synthetic diary), the front desk or the billing office, each under
// DEFAULT_ACCESS_POLICY; and the audit trail that records what each of them reads.
import { DEFAULT_ACCESS_POLICY, storeAuditSink, type AccessPolicy, type AccessUser, type ChartStore } from '@chartwell/core';
import type { CwChartProvider } from '@chartwell/elements';
import type { PortalSettings } from './portal-settings.js';
import { clinicPractitioners } from './clinic-diary.js';

/** The family name of the clinic practitioner the "clinician" choice signs in as (a real directory entry of the sample data). */
export const DEMO_CLINICIAN_FAMILY = 'Kassulke';

/** The application the audit trail names. */
export const DEMO_APPLICATION = { display: 'Chartwell demo clinic' } as const;

/**
 * The `Practitioner/<id>` of the clinician the "clinician" choice signs in as, once the sample data
 * is imported (her id comes from the import): the clinic practitioner with a diary (the directory
 * has more than one Kassulke) whose family name is {@link DEMO_CLINICIAN_FAMILY}.
 */
export async function demoClinicianReference(store: ChartStore): Promise<string | undefined> {
  for (const reference of await clinicPractitioners(store)) {
    const practitioner = await store.read('Practitioner', reference.slice('Practitioner/'.length));
    if (practitioner.name?.some((name) => name.family?.replace(/\d+$/, '') === DEMO_CLINICIAN_FAMILY)) return reference;
  }
  return undefined;
}

/**
 * The user a choice signs in as, named in the portal's words. The clinician without her
 * reference (before the import, or if the demo data was changed) has no care team: every chart is
 * restricted for her.
 */
export function demoUser(who: PortalSettings['signedInAs'], names: Readonly<Record<PortalSettings['signedInAs'], string>>, clinicianReference?: string): AccessUser {
  if (who === 'clinician') return { id: 'demo-clinician', role: 'clinician', ...(clinicianReference !== undefined && { reference: clinicianReference }), display: names.clinician };
  if (who === 'front-desk') return { id: 'demo-front-desk', role: 'front-desk', display: names['front-desk'] };
  if (who === 'billing') return { id: 'demo-billing', role: 'billing', display: names.billing };
  // the administrator: no policy applies (the portal as it was)
  return { id: 'demo-administrator', role: 'clinician', display: names.administrator };
}

/** The access policy of a choice: none for the administrator (the host enforces access), else the default policy. */
export function policyFor(who: PortalSettings['signedInAs']): AccessPolicy | undefined {
  return who === 'administrator' ? undefined : DEFAULT_ACCESS_POLICY;
}

/** Signs `user` in on the provider: the policy of `who`, and the audit trail into `store` (every widget call and emergency access). */
export function signIn(provider: CwChartProvider, store: ChartStore, who: PortalSettings['signedInAs'], user: AccessUser): void {
  provider.policy = policyFor(who);
  provider.user = user;
  provider.audit = { sink: storeAuditSink(store), application: DEMO_APPLICATION };
}
