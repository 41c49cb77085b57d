import type { CodeableConcept } from '@chartwell/fhir';

/**
 * What an adjudication amount means for the patient's bill:
 * - `submitted`: what the provider charged;
 * - `eligible`: what the payer allows;
 * - `payer-paid`: what a payer pays (benefit);
 * - `patient-responsibility`: what the patient owes (copay, deductible, coinsurance);
 * - `patient-total`: the patient's whole share in one figure (CARIN `memberliability`), which
 *   replaces the parts when an item has it;
 * - `patient-paid`: what the patient has already paid;
 * - `denied`: an amount refused;
 * - `other`: anything else (percentages, tax, non-covered), shown but never summed into a balance.
 */
export type AdjudicationKind = 'submitted' | 'eligible' | 'payer-paid' | 'patient-responsibility' | 'patient-total' | 'patient-paid' | 'denied' | 'other';

// Codes of http://terminology.hl7.org/CodeSystem/adjudication (R4), the CARIN Blue Button
// adjudication codes, and the CMS Blue Button line variables Synthea writes (matched by the last
// path segment of their URL code).
const KINDS: Readonly<Record<string, AdjudicationKind>> = {
  submitted: 'submitted',
  line_sbmtd_chrg_amt: 'submitted',
  eligible: 'eligible',
  line_alowd_chrg_amt: 'eligible',
  benefit: 'payer-paid',
  paidtoprovider: 'payer-paid',
  priorpayerpaid: 'payer-paid',
  line_prvdr_pmt_amt: 'payer-paid',
  line_nch_pmt_amt: 'payer-paid',
  copay: 'patient-responsibility',
  deductible: 'patient-responsibility',
  coinsurance: 'patient-responsibility',
  line_coinsrnc_amt: 'patient-responsibility',
  line_bene_ptb_ddctbl_amt: 'patient-responsibility',
  memberliability: 'patient-total',
  paidbypatient: 'patient-paid',
  paidbypatientcash: 'patient-paid',
  paidbypatientother: 'patient-paid',
  denied: 'denied',
};

/** The code an adjudication category carries: its first coding's code, reduced to the last URL path segment for URL-style codes. */
export function adjudicationCode(category: CodeableConcept | undefined): string {
  const code = category?.coding?.find((c) => typeof c.code === 'string')?.code ?? '';
  return code.includes('/') ? (code.slice(code.lastIndexOf('/') + 1) || code) : code;
}

/** The kind of an adjudication category (see {@link AdjudicationKind}); unknown codes are `other`. */
export function adjudicationKind(category: CodeableConcept | undefined): AdjudicationKind {
  return KINDS[adjudicationCode(category).toLowerCase()] ?? 'other';
}
