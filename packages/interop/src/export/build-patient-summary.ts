import type { AllergyIntolerance, Bundle, CodeableConcept, Composition, CompositionSection, Device, Immunization, MedicationStatement, Observation, Patient, Reference, Resource, ResourceType } from '@chartwell/fhir';
import {
  allergySummary,
  formatCodeableConcept,
  formatInstant,
  isChartStoreError,
  medicationList,
  problemList,
  resultsView,
  searchAllPages,
  type ChartStore,
  type ResultItem,
  type ViewOptions,
} from '@chartwell/core';
import { narrativeTable } from './narrative.js';
import { literalTarget } from './references.js';

/** Options of {@link buildPatientSummary}: the views' options (locale, time zone, date style, `asOf`, signal) and who the summary is from. */
export interface PatientSummaryOptions extends ViewOptions {
  /**
   * The summary's author, a Practitioner, PractitionerRole, Organization or Device in the store
   * (`Practitioner/123`), included in the document. By default a Device named Chartwell: the
   * summary was generated, not written by a person.
   */
  readonly author?: string;
  /** The organisation that keeps the summary (`Organization/123`), included in the document. */
  readonly custodian?: string;
}

/** The LOINC codes of the IPS sections Chartwell fills, as the IPS Implementation Guide names them. */
export const IPS_SECTIONS = {
  problems: { code: '11450-4', display: 'Problem list - Reported', title: 'Active Problems' },
  medications: { code: '10160-0', display: 'History of Medication use Narrative', title: 'Medication Summary' },
  allergies: { code: '48765-2', display: 'Allergies and adverse reactions Document', title: 'Allergies and Intolerances' },
  immunizations: { code: '11369-6', display: 'History of Immunization Narrative', title: 'Immunizations' },
  results: { code: '30954-2', display: 'Relevant diagnostic tests/laboratory data Narrative', title: 'Results' },
} as const;

/** The IPS code system for "no information" and "none known" statements. */
export const IPS_ABSENT_UNKNOWN = 'http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips';

const LOINC = 'http://loinc.org';
const REFERENCED: readonly string[] = ['Practitioner', 'PractitionerRole', 'Organization', 'Location', 'Medication', 'Device'];
const RESULT_STATUSES = new Set(['final', 'amended', 'corrected']);

function newId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (typeof crypto?.randomUUID !== 'function') throw new Error('buildPatientSummary needs globalThis.crypto.randomUUID (Node 19 or later, or a current browser)');
  return crypto.randomUUID();
}

function absentUnknown(code: string, display: string): CodeableConcept {
  return { coding: [{ system: IPS_ABSENT_UNKNOWN, code, display }], text: display };
}

/**
 * An AllergyIntolerance that states `code` (no information, no known allergies). Its clinical
 * status is `active`, as in the IPS examples: FHIR (ait-1) requires one on every statement that
 * is not entered in error.
 */
function allergyStatement(subject: string, code: string, display: string): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    text: { status: 'generated', div: narrativeParagraph(display) },
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
    patient: { reference: subject },
    code: absentUnknown(code, display),
  };
}

function narrativeParagraph(text: string): string {
  return narrativeTable([], [], text);
}

function sectionCode(section: (typeof IPS_SECTIONS)[keyof typeof IPS_SECTIONS]): CodeableConcept {
  return { coding: [{ system: LOINC, code: section.code, display: section.display }] };
}

/** Collects the resources of the document, each once, keyed `Type/id`. */
class DocumentResources {
  readonly byKey = new Map<string, Resource>();
  add(resource: Resource): string {
    const id = resource.id ?? newId();
    const key = `${resource.resourceType}/${id}`;
    if (!this.byKey.has(key)) this.byKey.set(key, resource.id === undefined ? { ...resource, id } : resource);
    return key;
  }
}

/**
 * Copies a resource with every reference to a resource of the document turned into that
 * entry's `urn:uuid:` fullUrl, and every other reference (an Encounter, a claim) detached: its
 * `reference` removed, its type, identifier and display kept, so the document resolves within itself.
 */
function rewritten(resource: Resource, urls: ReadonlyMap<string, string>): Resource {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (!value || typeof value !== 'object') return value;
    const result = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item)])) as Record<string, unknown>;
    const reference = result.reference;
    if (typeof reference === 'string' && !reference.startsWith('#')) {
      const target = literalTarget(reference);
      const url = target ? urls.get(`${target.type}/${target.id}`) : undefined;
      if (url !== undefined) result.reference = url;
      else {
        delete result.reference;
        if (result.type === undefined && target) result.type = target.type;
      }
    }
    return result;
  };
  return walk(resource) as Resource;
}

async function readOptional(store: ChartStore, reference: string | undefined, signal: ViewOptions['signal']): Promise<Resource | undefined> {
  const target = reference === undefined ? undefined : literalTarget(reference);
  if (!target) return undefined;
  try {
    return await store.read(target.type as ResourceType, target.id, signal ? { signal } : {});
  } catch (error) {
    if (isChartStoreError(error) && error.code === 'not-found') return undefined;
    throw error;
  }
}

function latestLabResults(observations: readonly Observation[]): Observation[] {
  const latest = new Map<string, Observation>();
  const when = (observation: Observation) => observation.effectiveDateTime ?? observation.effectivePeriod?.start ?? observation.issued ?? '';
  for (const observation of observations) {
    if (!RESULT_STATUSES.has(observation.status ?? '')) continue;
    const laboratory = (observation.category ?? []).some((category) => (category.coding ?? []).some((coding) => coding.code === 'laboratory'));
    if (!laboratory) continue;
    const coding = (observation.code.coding ?? []).find((c) => c.system === LOINC) ?? observation.code.coding?.[0];
    const key = coding ? `${coding.system ?? ''}|${coding.code ?? ''}` : formatCodeableConcept(observation.code);
    const previous = latest.get(key);
    if (!previous || Date.parse(when(observation)) > Date.parse(when(previous))) latest.set(key, observation);
  }
  return [...latest.values()].sort((a, b) => Date.parse(when(b)) - Date.parse(when(a)));
}

/**
 * Builds an International Patient Summary: a `document` Bundle whose first entry is a
 * Composition (LOINC 60591-5, Patient summary Document) with five sections, each with a
 * generated narrative in which every recorded text is escaped:
 *
 * - Active Problems (11450-4): the active problems and encounter diagnoses of `problemList`;
 * - Medication Summary (10160-0): the current medications of `medicationList`;
 * - Allergies and Intolerances (48765-2): the active allergies of `allergySummary`, else its
 *   no-known-allergies assertions;
 * - Immunizations (11369-6): completed Immunizations, newest first;
 * - Results (30954-2): the latest final laboratory Observation of each code.
 *
 * An empty required section (problems, medications, allergies) gets an entry saying so in the IPS
 * absent-unknown code system (`no-problem-info`, `no-medication-info`, `no-allergy-info`):
 * nothing recorded is "no information", never "none". An empty optional section (immunizations,
 * results) gets `emptyReason` `unavailable`. Every resource is included once under a
 * `urn:uuid:` fullUrl; references to included resources (the Patient, Practitioners,
 * Organizations, Locations, Medications the records refer to) point at those, other references
 * are detached (type and display kept). The allergy list being unavailable (a store failure)
 * throws, rather than give a summary that says nothing about allergies.
 *
 * @example
 * const ips = await buildPatientSummary(store, '123', { custodian: 'Organization/clinic' });
 * validate(ips, { resourceType: 'Bundle' }).valid; // true
 */
export async function buildPatientSummary(store: ChartStore, patientId: string, options: PatientSummaryOptions = {}): Promise<Bundle> {
  const { signal } = options;
  const call = signal ? { signal } : {};
  const now = options.asOf ?? new Date();
  const timestamp = now.toISOString();
  const patient: Patient = await store.read('Patient', patientId, call);
  const subject = `Patient/${patientId}`;
  const resources = new DocumentResources();
  resources.add(patient);
  const viewOptions: ViewOptions = { ...options, asOf: now };
  const [problems, medications, allergies, immunizations, observations, results] = await Promise.all([
    problemList(store, patientId, viewOptions),
    medicationList(store, patientId, viewOptions),
    allergySummary(store, patientId, viewOptions),
    searchAllPages(store, 'Immunization', { patient: subject }, call),
    searchAllPages(store, 'Observation', { patient: subject }, call),
    resultsView(store, patientId, viewOptions),
  ]);
  if (allergies.status === 'unavailable') throw new Error(`buildPatientSummary: the allergies of ${subject} could not be read (${allergies.error?.code ?? 'unknown'}): a summary needs them`);
  const dateText = (value: string | undefined) => formatInstant(value, { locale: options.locale ?? 'en-US', timeZone: options.timeZone ?? 'UTC', style: options.dateStyle ?? 'clinical' });
  const placeholder = <R extends Resource>(resource: R): string => resources.add({ ...resource, id: newId() });

  // problems
  const problemItems = [...problems.activeProblems, ...problems.activeEncounterDiagnoses];
  const problemKeys = [];
  for (const item of problemItems) {
    const condition = await readOptional(store, item.reference, signal);
    if (condition) problemKeys.push(resources.add(condition));
  }
  if (problemKeys.length === 0) {
    problemKeys.push(
      placeholder({
        resourceType: 'Condition',
        text: { status: 'generated', div: narrativeParagraph('No information about problems') },
        subject: { reference: subject },
        code: absentUnknown('no-problem-info', 'No information about problems'),
      }),
    );
  }
  const problemsSection: CompositionSection = {
    title: IPS_SECTIONS.problems.title,
    code: sectionCode(IPS_SECTIONS.problems),
    text: { status: 'generated', div: narrativeTable(['Problem', 'Status', 'Onset'], problemItems.map((p) => [p.name, p.statusText, p.onsetText]), 'No information about problems') },
    entry: problemKeys.map((reference) => ({ reference })),
  };

  // medications
  const medicationKeys = [];
  for (const item of medications.current) {
    const record = await readOptional(store, item.reference, signal);
    if (record) medicationKeys.push(resources.add(record));
  }
  if (medicationKeys.length === 0) {
    medicationKeys.push(
      placeholder<MedicationStatement>({
        resourceType: 'MedicationStatement',
        text: { status: 'generated', div: narrativeParagraph('No information about medications') },
        status: 'unknown',
        subject: { reference: subject },
        medicationCodeableConcept: absentUnknown('no-medication-info', 'No information about medications'),
        effectiveDateTime: timestamp,
      }),
    );
  }
  const medicationsSection: CompositionSection = {
    title: IPS_SECTIONS.medications.title,
    code: sectionCode(IPS_SECTIONS.medications),
    text: { status: 'generated', div: narrativeTable(['Medication', 'Dosage', 'Status'], medications.current.map((m) => [m.name, m.dosage, m.displayStatus]), 'No information about medications') },
    entry: medicationKeys.map((reference) => ({ reference })),
  };

  // allergies
  const allergyKeys = [];
  const allergyRows: string[][] = [];
  if (allergies.status === 'known-allergies') {
    for (const item of allergies.active) {
      const record = await readOptional(store, item.reference, signal);
      if (record) allergyKeys.push(resources.add(record));
      allergyRows.push([item.substance, item.reactionText, item.criticality ?? 'Not recorded', item.clinicalStatus]);
    }
  } else if (allergies.status === 'no-known-allergies') {
    for (const assertion of allergies.assertions) {
      const record = assertion.reference.startsWith('AllergyIntolerance/') ? await readOptional(store, assertion.reference, signal) : undefined;
      allergyKeys.push(
        record
          ? resources.add(record)
          : placeholder(allergyStatement(subject, 'no-known-allergies', 'No known allergies')),
      );
      allergyRows.push([assertion.label, '', '', '']);
    }
  }
  if (allergyKeys.length === 0) {
    allergyKeys.push(placeholder(allergyStatement(subject, 'no-allergy-info', 'No information about allergies')));
  }
  const allergiesSection: CompositionSection = {
    title: IPS_SECTIONS.allergies.title,
    code: sectionCode(IPS_SECTIONS.allergies),
    text: { status: 'generated', div: narrativeTable(['Substance', 'Reaction', 'Criticality', 'Status'], allergyRows, 'No information about allergies') },
    entry: allergyKeys.map((reference) => ({ reference })),
  };

  // immunizations
  const given = immunizations
    .filter((immunization: Immunization) => immunization.status === 'completed')
    .sort((a, b) => Date.parse(b.occurrenceDateTime ?? '') - Date.parse(a.occurrenceDateTime ?? ''));
  const immunizationsSection: CompositionSection = {
    title: IPS_SECTIONS.immunizations.title,
    code: sectionCode(IPS_SECTIONS.immunizations),
    text: {
      status: 'generated',
      div: narrativeTable(['Vaccine', 'Date'], given.map((i) => [formatCodeableConcept(i.vaccineCode) || 'Unnamed vaccine', dateText(i.occurrenceDateTime ?? i.occurrenceString)]), 'No information about immunizations'),
    },
    ...(given.length ? { entry: given.map((immunization) => ({ reference: resources.add(immunization) })) } : { emptyReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/list-empty-reason', code: 'unavailable', display: 'Unavailable' }] } }),
  };

  // results
  const labs = latestLabResults(observations);
  const items = new Map<string, ResultItem>();
  const collect = (item: ResultItem) => {
    items.set(item.id, item);
    item.members.forEach(collect);
  };
  results.results.forEach(collect);
  results.reports.forEach((report) => report.results.forEach(collect));
  const resultsSection: CompositionSection = {
    title: IPS_SECTIONS.results.title,
    code: sectionCode(IPS_SECTIONS.results),
    text: {
      status: 'generated',
      div: narrativeTable(
        ['Result', 'Value', 'Date'],
        labs.map((o) => {
          const item = items.get(o.id ?? '');
          return [item?.name ?? formatCodeableConcept(o.code), item?.valueText ?? '', item?.effectiveText ?? dateText(o.effectiveDateTime)];
        }),
        'No information about results',
      ),
    },
    ...(labs.length ? { entry: labs.map((observation) => ({ reference: resources.add(observation) })) } : { emptyReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/list-empty-reason', code: 'unavailable', display: 'Unavailable' }] } }),
  };

  // author and custodian
  let authorKey: string | undefined;
  const author = await readOptional(store, options.author, signal);
  if (options.author !== undefined && !author) throw new Error(`buildPatientSummary: the author ${options.author} is not in the store`);
  if (author) authorKey = resources.add(author);
  else authorKey = placeholder<Device>({ resourceType: 'Device', text: { status: 'generated', div: narrativeParagraph('Chartwell') }, deviceName: [{ name: 'Chartwell', type: 'manufacturer-name' }] });
  const custodian = await readOptional(store, options.custodian, signal);
  if (options.custodian !== undefined && !custodian) throw new Error(`buildPatientSummary: the custodian ${options.custodian} is not in the store`);
  const custodianKey = custodian ? resources.add(custodian) : undefined;

  // what the records refer to: practitioners, organisations, locations, medications (one level)
  for (const resource of [...resources.byKey.values()]) {
    const references = JSON.stringify(resource).match(/"reference":"[^"]+"/g) ?? [];
    for (const match of references) {
      const target = literalTarget(match.slice('"reference":"'.length, -1));
      if (!target || !REFERENCED.includes(target.type) || resources.byKey.has(`${target.type}/${target.id}`)) continue;
      const referenced = await readOptional(store, `${target.type}/${target.id}`, signal);
      if (referenced) resources.add(referenced);
    }
  }

  const urls = new Map([...resources.byKey.keys()].map((key) => [key, `urn:uuid:${newId()}`]));
  const url = (key: string) => urls.get(key) ?? '';
  const composition: Composition = {
    resourceType: 'Composition',
    id: newId(),
    text: { status: 'generated', div: narrativeParagraph(`Patient Summary as of ${dateText(timestamp)}`) },
    status: 'final',
    type: { coding: [{ system: LOINC, code: '60591-5', display: 'Patient summary Document' }] },
    subject: { reference: url(`Patient/${patientId}`) },
    date: timestamp,
    author: [{ reference: url(authorKey) }],
    title: `Patient Summary as of ${dateText(timestamp)}`,
    confidentiality: 'N',
    ...(custodianKey !== undefined && { custodian: { reference: url(custodianKey) } as Reference }),
    section: [problemsSection, medicationsSection, allergiesSection, immunizationsSection, resultsSection].map((section) => ({
      ...section,
      ...(section.entry && { entry: section.entry.map((entry) => ({ reference: url(entry.reference ?? '') })) }),
    })),
  };
  const compositionUrl = `urn:uuid:${composition.id ?? ''}`;
  const ordered = [...resources.byKey.entries()];
  return {
    resourceType: 'Bundle',
    identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${newId()}` },
    type: 'document',
    timestamp,
    entry: [{ fullUrl: compositionUrl, resource: composition }, ...ordered.map(([key, resource]) => ({ fullUrl: url(key), resource: rewritten(resource, urls) }))],
  };
}
