import type { Bundle, BundleEntry } from '../generated/resources/Bundle.js';
import type { Check } from '../schema/builders.js';
import { invariant, report } from '../schema/issue.js';

const entries = (bundle: Bundle) => (Array.isArray(bundle.entry) ? bundle.entry : []);

/** bdl-1: total only when a search or history. */
export const bdl1: Check<Bundle> = (bundle, ctx) => {
  if (bundle.total !== undefined && bundle.type !== 'searchset' && bundle.type !== 'history') {
    invariant(ctx, ['total'], 'bdl-1', 'total only when a search or history');
  }
};

/** bdl-2: entry.search only when a search. */
export const bdl2: Check<Bundle> = (bundle, ctx) => {
  if (bundle.type === 'searchset') return;
  entries(bundle).forEach((entry, i) => {
    if (entry?.search) invariant(ctx, ['entry', i, 'search'], 'bdl-2', 'entry.search only when a search');
  });
};

/** bdl-3: entry.request mandatory for batch/transaction/history, otherwise prohibited. */
export const bdl3: Check<Bundle> = (bundle, ctx) => {
  const wanted = bundle.type === 'batch' || bundle.type === 'transaction' || bundle.type === 'history';
  entries(bundle).forEach((entry, i) => {
    if (Boolean(entry?.request) !== wanted) {
      invariant(ctx, ['entry', i], 'bdl-3', 'entry.request mandatory for batch/transaction/history, otherwise prohibited');
    }
  });
};

/** bdl-4: entry.response mandatory for batch-response/transaction-response/history, otherwise prohibited. */
export const bdl4: Check<Bundle> = (bundle, ctx) => {
  const wanted = bundle.type === 'batch-response' || bundle.type === 'transaction-response' || bundle.type === 'history';
  entries(bundle).forEach((entry, i) => {
    if (Boolean(entry?.response) !== wanted) {
      invariant(ctx, ['entry', i], 'bdl-4', 'entry.response mandatory for batch-response/transaction-response/history, otherwise prohibited');
    }
  });
};

/** bdl-7: fullUrl must be unique in a bundle, or else entries with the same fullUrl must have different meta.versionId (except in history bundles). */
export const bdl7: Check<Bundle> = (bundle, ctx) => {
  if (bundle.type === 'history') return;
  const seen = new Set<string>();
  entries(bundle).forEach((entry, i) => {
    if (typeof entry?.fullUrl !== 'string') return;
    const recorded = (entry.resource as { meta?: { versionId?: unknown } } | undefined)?.meta?.versionId;
    // a versionId that is not a string is reported by the schema; here it is no version
    const versionId = typeof recorded === 'string' ? recorded : '';
    const key = `${entry.fullUrl}\u0000${versionId}`;
    if (seen.has(key)) {
      invariant(ctx, ['entry', i, 'fullUrl'], 'bdl-7', 'FullUrl must be unique in a bundle, or else entries with the same fullUrl must have different meta.versionId (except in history bundles)');
    }
    seen.add(key);
  });
};

/** bdl-9: a document must have an identifier with a system and a value. */
export const bdl9: Check<Bundle> = (bundle, ctx) => {
  if (bundle.type === 'document' && !(bundle.identifier?.system && bundle.identifier.value)) {
    invariant(ctx, [], 'bdl-9', 'A document must have an identifier with a system and a value');
  }
};

/** bdl-10: a document must have a date. */
export const bdl10: Check<Bundle> = (bundle, ctx) => {
  if (bundle.type === 'document' && !bundle.timestamp) invariant(ctx, [], 'bdl-10', 'A document must have a date');
};

const firstResourceType = (bundle: Bundle) => (entries(bundle)[0]?.resource as { resourceType?: string } | undefined)?.resourceType;

/** bdl-11: a document must have a Composition as the first resource. */
export const bdl11: Check<Bundle> = (bundle, ctx) => {
  if (bundle.type === 'document' && firstResourceType(bundle) !== 'Composition') {
    invariant(ctx, [], 'bdl-11', 'A document must have a Composition as the first resource');
  }
};

/** bdl-12: a message must have a MessageHeader as the first resource. */
export const bdl12: Check<Bundle> = (bundle, ctx) => {
  if (bundle.type === 'message' && firstResourceType(bundle) !== 'MessageHeader') {
    invariant(ctx, [], 'bdl-12', 'A message must have a MessageHeader as the first resource');
  }
};

/** bdl-5: an entry must be a resource unless there's a request or response. */
export const bdl5: Check<BundleEntry> = (entry, ctx) => {
  if (!entry.resource && !entry.request && !entry.response) {
    invariant(ctx, [], 'bdl-5', "must be a resource unless there's a request or response");
  }
};

/** bdl-8: fullUrl cannot be a version specific reference. */
export const bdl8: Check<BundleEntry> = (entry, ctx) => {
  if (typeof entry.fullUrl === 'string' && entry.fullUrl.includes('/_history/')) {
    invariant(ctx, ['fullUrl'], 'bdl-8', 'fullUrl cannot be a version specific reference');
  }
};

const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * Bundle.entry.fullUrl (R4 §2.36.0.1 and the element's definition): an absolute URL, and for a
 * RESTful one (not `urn:uuid:`/`urn:oid:`) consistent with the resource's type and id.
 */
export const fullUrl: Check<BundleEntry> = (entry, ctx) => {
  if (typeof entry.fullUrl !== 'string') return;
  if (!ABSOLUTE.test(entry.fullUrl)) {
    report(ctx, ['fullUrl'], `The fullUrl must be an absolute URL (not "${entry.fullUrl}")`, { fhirCode: 'invalid' });
    return;
  }
  const resource = entry.resource as { resourceType?: unknown; id?: unknown } | undefined;
  if (entry.fullUrl.startsWith('urn:') || typeof resource?.id !== 'string' || typeof resource.resourceType !== 'string' || !resource.id || !resource.resourceType) return;
  if (!entry.fullUrl.endsWith(`/${resource.resourceType}/${resource.id}`)) {
    // a warning: one of the official R4 examples (Bundle 10bb101f, Patient/pat12 holding pat2) has this
    report(ctx, ['fullUrl'], `The fullUrl "${entry.fullUrl}" does not match the resource's type and id (${resource.resourceType}/${resource.id})`, { fhirCode: 'invalid', severity: 'warning' });
  }
};
