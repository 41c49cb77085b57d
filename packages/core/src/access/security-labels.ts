import type { Resource } from '@chartwell/fhir';

/** The v3 Confidentiality code system (`meta.security` R, V ...). */
export const CONFIDENTIALITY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
/** The v3 ActCode code system, where the sensitive information categories (ETH, PSY, HIV ...) are. */
export const ACT_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

/** Confidentiality codes that withhold a resource: R (restricted) and V (very restricted). */
export const RESTRICTED_CONFIDENTIALITY: ReadonlySet<string> = new Set(['R', 'V']);

/**
 * Sensitive information categories (v3-ActCode InformationSensitivityPolicy) that withhold a
 * resource: ETH substance abuse, PSY psychiatry, HIV, SDV sexual and domestic violence, and the
 * other categories R4 names for special protection.
 */
export const SENSITIVE_CATEGORIES: ReadonlySet<string> = new Set(['ETH', 'PSY', 'PSYTHPN', 'HIV', 'SDV', 'SEX', 'STD', 'GDIS', 'MH', 'BH', 'SUD', 'OUD', 'SCA', 'SICKLE', 'TBOO', 'MST']);

/**
 * The codes of `resource`'s `meta.security` labels that withhold it by default: R and V of
 * v3-Confidentiality and the sensitive categories of v3-ActCode (a label with no system counts
 * too). Never throws on malformed meta.
 */
export function restrictedLabelsOf(resource: Resource): string[] {
  const labels = (resource as { meta?: { security?: unknown } }).meta?.security;
  if (!Array.isArray(labels)) return [];
  const found = new Set<string>();
  for (const label of labels as unknown[]) {
    const { system, code } = (label ?? {}) as { system?: unknown; code?: unknown };
    if (typeof code !== 'string') continue;
    if ((system === CONFIDENTIALITY_SYSTEM || system === undefined) && RESTRICTED_CONFIDENTIALITY.has(code)) found.add(code);
    if ((system === ACT_CODE_SYSTEM || system === undefined) && SENSITIVE_CATEGORIES.has(code)) found.add(code);
  }
  return [...found];
}
