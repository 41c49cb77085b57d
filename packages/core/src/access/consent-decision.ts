import type { Coding, Consent, ConsentProvision, Resource } from '@chartwell/fhir';
import { periodCovers } from './period-covers.js';

/** What a consent is asked: may these actors, for this purpose, see this resource now? */
export interface ConsentRequest {
  /** The resource to be seen. */
  readonly resource: Resource;
  /** References that stand for the user: `Practitioner/1`, `Organization/2`. */
  readonly actors: readonly string[];
  /** The purpose of use, a v3-ActReason code (`TREAT`). */
  readonly purpose: string;
  readonly now: Date;
}

/** What a consent (or one of its provisions) decides: deny or permit. */
export type ConsentVerdict = 'deny' | 'permit';

const OPT_OUT_CODES = new Set(['OPTOUT', 'OPTOUTE']);
const READING_ACTIONS = new Set(['access', 'use', 'disclose']);

const codingsOf = (value: unknown): Coding[] => {
  const codings = (value as { coding?: unknown } | undefined)?.coding;
  return Array.isArray(codings) ? (codings as Coding[]) : [];
};

const opposite = (type: ConsentVerdict): ConsentVerdict => (type === 'deny' ? 'permit' : 'deny');

/** Whether the provision says anything about who, why or what (beyond its period). */
function hasCriteria(provision: ConsentProvision): boolean {
  return Boolean(provision.actor?.length || provision.purpose?.length || provision.securityLabel?.length || provision.class?.length || provision.code?.length || provision.data?.length || provision.action?.length);
}

/** Whether every criterion the provision gives matches the request (criteria it leaves out match everything). */
function provisionMatches(provision: ConsentProvision, request: ConsentRequest): boolean {
  const { resource } = request;
  if (!periodCovers(provision.period, request.now)) return false;
  if (provision.actor?.length && !provision.actor.some((actor) => typeof actor.reference?.reference === 'string' && request.actors.includes(actor.reference.reference))) return false;
  if (provision.purpose?.length && !provision.purpose.some((purpose) => purpose.code === request.purpose)) return false;
  if (provision.securityLabel?.length) {
    const labels = (resource.meta?.security ?? []).map((label) => label.code);
    if (!provision.securityLabel.some((label) => label.code !== undefined && labels.includes(label.code))) return false;
  }
  if (provision.class?.length && !provision.class.some((kind) => kind.code === resource.resourceType)) return false;
  if (provision.code?.length) {
    const own = codingsOf((resource as { code?: unknown }).code);
    const matches = provision.code.some((concept) => codingsOf(concept).some((wanted) => own.some((coding) => coding.code === wanted.code && (wanted.system === undefined || coding.system === wanted.system))));
    if (!matches) return false;
  }
  if (provision.data?.length && !provision.data.some((data) => data.reference.reference === `${resource.resourceType}/${resource.id ?? ''}`)) return false;
  if (provision.action?.length && !provision.action.some((action) => codingsOf(action).some((coding) => coding.code !== undefined && READING_ACTIONS.has(coding.code)))) return false;
  return true;
}

/** The decision of the deepest matching provision under `provision` (itself included), or undefined if it does not match. */
function evaluate(provision: ConsentProvision, fallbackType: ConsentVerdict, request: ConsentRequest): ConsentVerdict | undefined {
  if (!provisionMatches(provision, request)) return undefined;
  const type = provision.type ?? fallbackType;
  const nested = (provision.provision ?? []).map((exception) => evaluate(exception, opposite(type), request)).filter((decision) => decision !== undefined);
  if (nested.length === 0) return type;
  return nested.includes('deny') ? 'deny' : 'permit';
}

/** Whether `consent` is an active patient-privacy consent in force at `now`. */
export function consentInForce(consent: Consent, now: Date): boolean {
  if (consent.status !== 'active') return false;
  if (!codingsOf(consent.scope).some((coding) => coding.code === 'patient-privacy')) return false;
  return periodCovers(consent.provision?.period, now);
}

/**
 * What one consent decides for `request`: `deny`, `permit`, or undefined when it does not apply
 * (not active, not patient-privacy, outside its period).
 *
 * - The base comes from `policyRule`: OPTOUT denies everything the provisions do not permit;
 *   anything else (OPTIN, none) permits.
 * - The root provision is an exception to the base: its `type` when given; when absent, the
 *   opposite of the base if it names criteria (actor, purpose, label, class, code, data, action)
 *   and the base itself if it only sets a period (as the R4 examples are written).
 * - A nested provision is an exception to its parent (its `type`, or the parent's opposite); the
 *   deepest matching provision decides, deny winning among siblings.
 * - `provision.action` other than access, use or disclose does not apply to reading.
 */
export function consentDecision(consent: Consent, request: ConsentRequest): ConsentVerdict | undefined {
  if (!consentInForce(consent, request.now)) return undefined;
  const base: ConsentVerdict = codingsOf(consent.policyRule).some((coding) => coding.code !== undefined && OPT_OUT_CODES.has(coding.code)) ? 'deny' : 'permit';
  const root = consent.provision;
  if (root === undefined) return base;
  return evaluate(root, hasCriteria(root) ? opposite(base) : base, request) ?? base;
}

/** Whether any of `consents` denies `request` (a consent only narrows: a permit never overrides another consent's deny). */
export function consentsDeny(consents: readonly Consent[], request: ConsentRequest): boolean {
  return consents.some((consent) => consentDecision(consent, request) === 'deny');
}
