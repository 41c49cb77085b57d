import { validate, type Bundle, type BundleEntry, type CodeableConcept, type Composition, type CompositionSection, type Identifier, type Organization, type Provenance, type Reference } from '@chartwell/fhir';
import { CcdaError } from './ccda-error.js';
import { ConversionContext } from './conversion-context.js';
import { toCodeableConcept, toDateTime, toIdentifier, toPeriod } from './data-types.js';
import { narrativeDiv, narrativeIndex } from './narrative.js';
import { convertEncounter } from './encounters.js';
import { convertOrganization, convertPractitioner } from './organization.js';
import { addOnce, entryPerformers } from './participants.js';
import { convertPatient } from './patient.js';
import { convertSectionEntries } from './section-entries.js';
import { DOCUMENT_TYPES } from './templates.js';
import { HL7_V3, parseXml, type XmlElement } from './xml-element.js';

/** Options of {@link ccdaToFhir}. */
export interface CcdaToFhirOptions {
  /** The time of the conversion (the Bundle's `timestamp`, the Provenance's `recorded`); now by default. */
  readonly now?: Date;
  /** Makes the UUID of each resource; `crypto.randomUUID` by default. */
  readonly newId?: () => string;
}

const CONFIDENTIALITY = new Set(['U', 'L', 'M', 'N', 'R', 'V']);

function randomUuid(): string {
  return (globalThis as unknown as { crypto: { randomUUID(): string } }).crypto.randomUUID();
}

/** The document's own id as a URI (`urn:oid:root#extension`, `urn:uuid:…`), for `meta.source`. */
function documentUri(id: Identifier | undefined): string | undefined {
  if (!id?.value) return undefined;
  if (id.system === 'urn:ietf:rfc:3986') return id.value;
  if (id.system && !/\s/.test(id.value)) return `${id.system}#${encodeURIComponent(id.value)}`;
  return undefined;
}

function documentType(document: XmlElement): { code: CodeableConcept; name: string } {
  const known = document.templateIds.map((root) => DOCUMENT_TYPES.get(root)).find((name) => name !== undefined);
  const code = toCodeableConcept(document.child('code'), () => undefined);
  const name = known ?? code?.coding?.[0]?.display ?? code?.text ?? 'Clinical document';
  return { code: code ?? { text: name }, name };
}

/** Adds an organization once, however many times the header names it. */
function organizationAdder(context: ConversionContext): (organization: Organization | undefined) => Reference | undefined {
  const seen = new Map<string, Reference>();
  return (organization) => {
    if (!organization) return undefined;
    const key = JSON.stringify([organization.identifier ?? [], organization.name ?? '']);
    const known = seen.get(key);
    if (known) return known;
    const reference = context.add(organization);
    seen.set(key, reference);
    return reference;
  };
}

function convertSection(section: XmlElement, context: ConversionContext): CompositionSection {
  const textNode = section.child('text');
  context.narrative = ((index) => (id: string) => index.get(id))(narrativeIndex(textNode));
  const title = section.child('title')?.text;
  const code = toCodeableConcept(section.child('code'), context.narrative);
  const div = narrativeDiv(textNode);
  const entry = convertSectionEntries(section, title, context);
  const nested = section.all('component', 'section').map((child) => convertSection(child, context));
  const empty = !div && entry.length === 0 && nested.length === 0;
  return {
    ...(title && { title }),
    ...(code && { code }),
    ...(div && { text: { status: 'generated', div } }),
    ...(entry.length > 0 && { entry }),
    ...(empty && { emptyReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/list-empty-reason', code: 'unavailable' }] } }),
    ...(nested.length > 0 && { section: nested }),
  };
}

function checkValid(entries: readonly BundleEntry[]): void {
  for (const [index, entry] of entries.entries()) {
    const result = validate(entry.resource);
    if (result.valid) continue;
    const errors = result.issues.filter((issue) => issue.severity === 'error');
    const first = errors.slice(0, 3).map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw new CcdaError('/ClinicalDocument', `the converted ${entry.resource?.resourceType ?? 'resource'} (Bundle.entry[${index}]) is not valid FHIR: ${first}`);
  }
}

/**
 * Converts a C-CDA R2.1 (or R1.1) document — CCD, Referral Note, Discharge Summary, Progress
 * Note and the other US Realm Header documents — into a FHIR `document` Bundle: the Composition
 * first (one section per CDA section, with its narrative kept as inert XHTML, and the service
 * events of `documentationOf` with their performers as `event`), then the Patient, the author and
 * custodian Organizations and Practitioners (each once, however often the document names them), the document's encounter
 * (`componentOf/encompassingEncounter`, as `Composition.encounter`), the problems (Condition), allergies
 * (AllergyIntolerance, "no known allergies" included), medications (MedicationStatement or
 * MedicationRequest), results (DiagnosticReport + Observation), vital signs (Observation),
 * encounters, immunizations and procedures, and a Provenance naming the source organisation and
 * the document. Every resource has `meta.source` (the document's id) and a `urn:uuid:` fullUrl,
 * so `importBundle` from `@chartwell/core` can store the result as is.
 *
 * The XML is parsed without DTDs or external entities. Input that is not well-formed XML, not a
 * `ClinicalDocument` in the HL7 v3 namespace, or lacks what a document must have (patient,
 * effectiveTime), or holds a malformed value, throws a {@link CcdaError} whose `path` is the
 * XPath of the node concerned; nothing is returned in part. Every resource is validated with
 * `@chartwell/fhir` before the Bundle is returned.
 *
 * @example
 * import { ccdaToFhir } from '@chartwell/interop';
 * import { importBundle, MemoryStore } from '@chartwell/core';
 * const bundle = ccdaToFhir(xmlText);
 * await importBundle(new MemoryStore(), bundle);
 */
export function ccdaToFhir(xml: string, options: CcdaToFhirOptions = {}): Bundle {
  if (typeof xml !== 'string') throw new CcdaError('/', `expected the document as a string, got ${xml === null ? 'null' : typeof xml}`);
  const document = parseXml(xml);
  try {
    return convertDocument(document, options);
  } catch (error) {
    if (error instanceof CcdaError) throw error;
    throw new CcdaError(document.path, `could not be converted: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function convertDocument(document: XmlElement, options: CcdaToFhirOptions): Bundle {
  if (document.name !== 'ClinicalDocument' || document.node.namespaceURI !== HL7_V3) {
    throw new CcdaError(document.path, `not a C-CDA document: the root element is <${document.node.nodeName}> in namespace "${document.node.namespaceURI ?? ''}", not <ClinicalDocument> in "${HL7_V3}"`);
  }
  const effectiveTime = document.child('effectiveTime');
  const date = toDateTime(effectiveTime);
  if (!date) throw new CcdaError(effectiveTime?.path ?? `${document.path}/effectiveTime`, 'a C-CDA document needs an effectiveTime with a value');
  const now = options.now ?? new Date();
  const idNode = document.child('id');
  const documentId = idNode ? toIdentifier(idNode) : undefined;
  const context = new ConversionContext(options.newId ?? randomUuid, documentUri(documentId));

  context.patient = context.add(convertPatient(document));
  const addOrganization = organizationAdder(context);
  const authors: Reference[] = [];
  let authorOrganization: Reference | undefined;
  for (const assigned of document.all('author', 'assignedAuthor')) {
    const practitioner = convertPractitioner(assigned);
    if (practitioner) authors.push(addOnce(practitioner, context));
    const organization = addOrganization(convertOrganization(assigned.child('representedOrganization')));
    authorOrganization ??= organization;
    if (!practitioner && organization) authors.push(organization);
  }
  const custodian = addOrganization(convertOrganization(document.at('custodian', 'assignedCustodian', 'representedCustodianOrganization')));
  const sourceOrganization = custodian ?? authorOrganization;

  const encompassing = document.at('componentOf', 'encompassingEncounter');
  const encounter = encompassing ? convertEncounter(encompassing, context) : undefined;

  // documentationOf/serviceEvent: the care the document summarises, and who gave it
  const events = document.all('documentationOf', 'serviceEvent').flatMap((serviceEvent): NonNullable<Composition['event']> => {
    const code = toCodeableConcept(serviceEvent.child('code'), () => undefined);
    const period = toPeriod(serviceEvent.child('effectiveTime'));
    const detail = entryPerformers(serviceEvent, context);
    if (!code && !period && detail.length === 0) return [];
    return [{ ...(code && { code: [code] }), ...(period && { period }), ...(detail.length > 0 && { detail }) }];
  });
  const sections = document.all('component', 'structuredBody', 'component', 'section').map((section) => convertSection(section, context));
  const type = documentType(document);
  const title = document.child('title')?.text ?? type.name;
  const confidentiality = document.child('confidentialityCode')?.attr('code');
  const composition: Composition = {
    resourceType: 'Composition',
    ...(documentId && { identifier: documentId }),
    status: 'final',
    type: type.code,
    subject: context.patient,
    date,
    author: authors.length > 0 ? authors : [sourceOrganization ?? { display: 'Unknown author' }],
    title,
    ...(confidentiality && CONFIDENTIALITY.has(confidentiality) && { confidentiality: confidentiality as Composition['confidentiality'] }),
    ...(encounter && { encounter }),
    ...(custodian && { custodian }),
    ...(events.length > 0 && { event: events }),
    ...(sections.length > 0 && { section: sections }),
  };
  const compositionReference = context.add(composition);
  const converted = context.resources.map((item) => ({ reference: item.fullUrl }));
  const provenance: Provenance = {
    resourceType: 'Provenance',
    target: converted,
    occurredDateTime: date,
    recorded: now.toISOString(),
    activity: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: 'CREATE', display: 'create' }], text: 'Converted from a C-CDA document' },
    agent: [
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'author', display: 'Author' }] },
        who: sourceOrganization ?? { display: 'Unknown source organisation' },
      },
    ],
    entity: [{ role: 'source', what: { ...(documentId && { identifier: documentId }), display: title } }],
  };
  context.add(provenance);

  // the Composition goes first in a document Bundle
  const compositionEntry = context.resources.find((item) => item.fullUrl === compositionReference.reference);
  const ordered = [...(compositionEntry ? [compositionEntry] : []), ...context.resources.filter((item) => item !== compositionEntry)];
  const entry: BundleEntry[] = ordered.map((item) => ({ fullUrl: item.fullUrl, resource: item.resource }));
  checkValid(entry);
  return {
    resourceType: 'Bundle',
    ...(documentId && { identifier: documentId }),
    type: 'document',
    timestamp: now.toISOString(),
    entry,
  };
}
