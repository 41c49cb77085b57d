// The leak test of issue #11: every data widget (the reconciliation and the audit log included) rendered over two real Synthea patients under a
// policy that denies their data (a role with no rule for it; a consent withholding the record; a
// restricted security label on every resource) shows none of the withheld values anywhere in the
// DOM (text, attributes, form values, every shadow root) nor in the detail of any cw-* event the
// widgets fire. The withheld values are read from the fixture JSON itself (names, identifiers,
// birth dates, addresses, telecoms, every code's display and text, quantities, notes), not from
// the code under test. A control run with a permitted clinician shows that the same collection and
// walk do find those values when they are shown.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { DEFAULT_ACCESS_POLICY } from '@chartwell/core';
import { parseAccessPolicy } from '@chartwell/core/access';
import type { AccessPolicy, AccessUser } from '@chartwell/core';
import type { Appointment, CareTeam, Consent, Resource } from '@chartwell/fhir';
import { CLEMENTE, TONY, fetchFixture, storeWith } from '../support/browser-fixtures.js';
import { bundleResources, type FixtureBundle } from '../support/bundle-resources.js';
import '@chartwell/elements/define/cw-chart-provider.js';
import '@chartwell/elements/define/cw-patient-banner.js';
import '@chartwell/elements/define/cw-allergy-banner.js';
import '@chartwell/elements/define/cw-med-list.js';
import '@chartwell/elements/define/cw-problem-list.js';
import '@chartwell/elements/define/cw-results.js';
import '@chartwell/elements/define/cw-notes.js';
import '@chartwell/elements/define/cw-patient-chart.js';
import '@chartwell/elements/define/cw-scheduler.js';
import '@chartwell/elements/define/cw-billing-summary.js';
import '@chartwell/elements/define/cw-patient-list.js';
import '@chartwell/elements/define/cw-reconcile.js';
import '@chartwell/elements/define/cw-audit-log.js';

const PATIENTS = [TONY, CLEMENTE];
const DOCTOR = 'Practitioner/dr-leak-test';
const doctor: AccessUser = { id: 'u-doctor', role: 'clinician', reference: DOCTOR };

// ------------------------------------------------------------------ the withheld values

/** Keys whose string values are a person's or a record's content. */
const CONTENT_KEYS = new Set(['display', 'text', 'family', 'given', 'prefix', 'suffix', 'value', 'birthDate', 'line', 'city', 'postalCode', 'description', 'conclusion', 'comment', 'valueString', 'name']);

/** Every value of `value` under a content key, as the fixture JSON holds it (attachments decoded). */
function collect(value: unknown, key: string, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, key, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [childKey, child] of Object.entries(value)) {
      if (childKey === 'div' || childKey === 'reference' || childKey === 'system' || childKey === 'url' || childKey === 'fullUrl' || childKey === 'id') continue;
      if (childKey === 'data' && typeof child === 'string') {
        for (const line of atob(child).split(/\r?\n/)) into.add(line.trim());
      } else collect(child, childKey, into);
    }
  } else if (typeof value === 'string' && CONTENT_KEYS.has(key)) {
    into.add(value.trim());
  } else if (typeof value === 'number' && (key === 'value' || key.startsWith('value'))) {
    into.add(String(value));
  }
}

/**
 * The values a leak would show: at least 5 characters (shorter ones, "Mr." or "12", occur in any
 * page), and not only digits and separators of fewer than 6 characters (a year like "2024" is in
 * the scheduler's own date line).
 */
function withheldValues(bundles: readonly FixtureBundle[]): string[] {
  const found = new Set<string>();
  for (const bundle of bundles) collect(bundle, '', found);
  return [...found].filter((value) => value.length >= 5 && !/^[\d\s.,:/-]{0,5}$/.test(value));
}

// ------------------------------------------------------------------ where they could show

/** Every text, attribute and form value in `root` and the shadow roots below it. */
function everythingShown(root: Node, into: string[] = []): string[] {
  if (root instanceof Text) into.push(root.data);
  if (root instanceof Element) {
    for (const attribute of root.attributes) into.push(`${attribute.name}=${attribute.value}`);
    if (root instanceof HTMLInputElement || root instanceof HTMLTextAreaElement || root instanceof HTMLSelectElement) into.push(root.value);
    if (root.shadowRoot) everythingShown(root.shadowRoot, into);
  }
  for (const child of root.childNodes) everythingShown(child, into);
  return into;
}

/** Records the detail of every cw-* event dispatched anywhere while `run` runs (composed or not, bubbling or not). */
async function recordingEvents(run: () => Promise<void>): Promise<string[]> {
  const details: string[] = [];
  const original = EventTarget.prototype.dispatchEvent;
  const onDocument = (event: Event) => details.push(`${event.type} ${JSON.stringify((event as Event & { detail?: unknown }).detail ?? null)}`);
  EventTarget.prototype.dispatchEvent = function (this: EventTarget, event: Event) {
    if (event.type.startsWith('cw-')) details.push(`${event.type} ${JSON.stringify((event as Event & { detail?: unknown }).detail ?? null)}`);
    return original.call(this, event);
  };
  const names = ['cw-error', 'cw-context-mismatch', 'cw-select', 'cw-claim-select', 'cw-invoice-select', 'cw-slot-select', 'cw-appointment-select', 'cw-appointment-change', 'cw-break-glass-request', 'cw-break-glass'] as const;
  for (const name of names) document.addEventListener(name, onDocument, { capture: true });
  try {
    await run();
  } finally {
    EventTarget.prototype.dispatchEvent = original;
    for (const name of names) document.removeEventListener(name, onDocument, { capture: true });
  }
  return details;
}

/** The values found in `haystack`, in any case (a family name is shown in capitals: DOUGLAS). */
const leaksIn = (haystack: readonly string[], values: readonly string[]) => {
  const text = haystack.join('\n').toLowerCase();
  return values.filter((value) => text.includes(value.toLowerCase()));
};

// ------------------------------------------------------------------ the chart

let bundles: FixtureBundle[] | undefined;
async function fixtureBundles(): Promise<FixtureBundle[]> {
  bundles ??= await Promise.all(PATIENTS.map((patient) => fetchFixture<FixtureBundle>(`synthea/smart-r4-2019/${patient.file}`)));
  return bundles;
}

/** An appointment of each patient with the doctor on 10 March 2024, for the scheduler. */
const appointments = (): Appointment[] =>
  PATIENTS.map((patient, index) => ({
    resourceType: 'Appointment',
    id: `leak-appointment-${index}`,
    status: 'booked',
    start: `2024-03-10T${String(14 + index)}:00:00Z`,
    end: `2024-03-10T${String(14 + index)}:30:00Z`,
    participant: [
      { actor: { reference: `Patient/${patient.id}` }, status: 'accepted' },
      { actor: { reference: DOCTOR }, status: 'accepted' },
    ],
  }));

const careTeams = (): CareTeam[] =>
  PATIENTS.map((patient) => ({ resourceType: 'CareTeam', id: `team-${patient.id}`, status: 'active', subject: { reference: `Patient/${patient.id}` }, participant: [{ member: { reference: DOCTOR } }] }));

/** HL7's "notThem" example for each patient: withhold the whole record from the doctor. */
async function consentsWithholdingFromDoctor(): Promise<Consent[]> {
  const notThem = await fetchFixture<Consent>('fhir/Consent-consent-example-notThem.json');
  return PATIENTS.map((patient) => {
    const consent = structuredClone(notThem);
    consent.id = `withhold-${patient.id}`;
    consent.patient = { reference: `Patient/${patient.id}` };
    const [actor] = consent.provision?.actor ?? [];
    consent.provision = { ...consent.provision, actor: [{ ...actor!, reference: { reference: DOCTOR } }] };
    return consent;
  });
}

/** What another hospital sends for a patient, for <cw-reconcile>: one order that is in neither fixture (the host's data, not withheld). */
const incomingFor = (patientId: string): Resource[] => [
  {
    resourceType: 'MedicationRequest',
    id: `incoming-${patientId}`,
    status: 'active',
    intent: 'order',
    subject: { reference: `Patient/${patientId}` },
    medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '314076', display: 'lisinopril 10 MG Oral Tablet' }] },
  } as Resource,
];

const restrictedLabel = <R extends Resource>(resource: R): R => ({ ...resource, meta: { ...resource.meta, security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] } });

/** Every data widget of both patients, inside a provider under `policy` for `user`; resolves once none is loading. */
async function renderEveryWidget(resources: readonly Resource[], policy: AccessPolicy, user: AccessUser): Promise<HTMLElement> {
  const store = await storeWith(resources);
  const provider = await fixture<HTMLElement>(html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${store} .policy=${policy} .user=${user}>
    <cw-patient-list></cw-patient-list>
    <cw-scheduler actors=${DOCTOR} date="2024-03-10"></cw-scheduler>
    ${PATIENTS.map(
      (patient) => html`<section>
        <cw-patient-banner patient-id=${patient.id}></cw-patient-banner>
        <cw-allergy-banner patient-id=${patient.id}></cw-allergy-banner>
        <cw-med-list patient-id=${patient.id}></cw-med-list>
        <cw-problem-list patient-id=${patient.id}></cw-problem-list>
        <cw-results patient-id=${patient.id}></cw-results>
        <cw-notes patient-id=${patient.id}></cw-notes>
        <cw-billing-summary patient-id=${patient.id}></cw-billing-summary>
        <cw-patient-chart patient-id=${patient.id}></cw-patient-chart>
        <cw-reconcile patient-id=${patient.id} .incoming=${incomingFor(patient.id)} incoming-source="Leak Test Hospital"></cw-reconcile>
        <cw-audit-log patient-id=${patient.id}></cw-audit-log>
      </section>`,
    )}
  </cw-chart-provider>`);
  await waitUntil(() => dataWidgets(provider).length === 2 + PATIENTS.length * 17 && dataWidgets(provider).every((el) => !el.hasCustomState('loading')), 'the widgets never finished loading', { timeout: 20000 });
  return provider;
}

/** The data widgets in `root` and the shadow roots below it (the patient chart's own widgets too). */
function dataWidgets(root: ParentNode, found: (Element & { hasCustomState(state: string): boolean })[] = []) {
  for (const el of root.querySelectorAll('*')) {
    if (el.localName.startsWith('cw-') && el.localName !== 'cw-chart-provider' && el.localName !== 'cw-patient-chart') found.push(el as Element & { hasCustomState(state: string): boolean });
    if (el.shadowRoot) dataWidgets(el.shadowRoot, found);
  }
  return found;
}

describe('access leak test: no withheld value in the DOM or in an event', function () {
  this.timeout(60000);

  it('reads a good number of withheld values from the fixtures', async () => {
    const values = withheldValues(await fixtureBundles());
    expect(values).to.include.members(['Douglas', 'Kreiger', '1972-04-18', 'Naproxen sodium 220 MG Oral Tablet', 'Hydrochlorothiazide 25 MG']);
    expect(values.length).to.be.greaterThan(200);
  });

  it('control: for a clinician on both care teams, the widgets do show withheld values (the walk finds them)', async () => {
    const resources = [...(await fixtureBundles()).flatMap(bundleResources), ...careTeams(), ...appointments()];
    const values = withheldValues(await fixtureBundles());
    const shown = leaksIn(everythingShown(await renderEveryWidget(resources, DEFAULT_ACCESS_POLICY, doctor)), values);
    expect(shown).to.include.members(['Douglas', 'Naproxen sodium 220 MG Oral Tablet']);
  });

  const scenarios: { name: string; resources: () => Promise<Resource[]>; policy: AccessPolicy; user: AccessUser }[] = [
    {
      name: 'a role with no rule for the data (a nurse, under a policy for the lab only)',
      resources: async () => [...(await fixtureBundles()).flatMap(bundleResources), ...careTeams(), ...appointments()],
      policy: parseAccessPolicy({ rules: [{ roles: ['lab'], resourceTypes: ['*'], actions: ['read', 'search'], compartment: 'any' }] }),
      user: { id: 'u-nurse', role: 'nurse', reference: DOCTOR },
    },
    {
      name: "a consent withholding each patient's record from the clinician on their care team",
      resources: async () => [...(await fixtureBundles()).flatMap(bundleResources), ...careTeams(), ...appointments(), ...(await consentsWithholdingFromDoctor())],
      policy: DEFAULT_ACCESS_POLICY,
      user: doctor,
    },
    {
      name: 'a restricted (R) security label on every resource, for the clinician on the care team',
      resources: async () => [...(await fixtureBundles()).flatMap(bundleResources).map(restrictedLabel), ...careTeams(), ...appointments().map(restrictedLabel)],
      policy: DEFAULT_ACCESS_POLICY,
      user: doctor,
    },
  ];

  for (const scenario of scenarios) {
    it(scenario.name, async () => {
      const values = withheldValues(await fixtureBundles());
      const resources = await scenario.resources();
      let provider: HTMLElement | undefined;
      const events = await recordingEvents(async () => {
        provider = await renderEveryWidget(resources, scenario.policy, scenario.user);
      });
      expect(leaksIn(everythingShown(provider!), values), 'withheld values in the DOM').to.deep.equal([]);
      expect(leaksIn(events, values), 'withheld values in event details').to.deep.equal([]);
      expect(events.some((event) => event.startsWith('cw-error ')), 'the widgets reported their denials').to.equal(true);
      // every widget of a patient's record is restricted (the patient list is the directory: it lists whom the user may see)
      const notRestricted = dataWidgets(provider!)
        .filter((el) => el.localName !== 'cw-patient-list' && !el.hasCustomState('restricted'))
        .map((el) => el.localName);
      expect(notRestricted).to.deep.equal([]);
    });
  }
});
