// <cw-chart-provider .audit>: the widgets' calls recorded by withAudit outside the policy (denials
// too), each emergency access recorded as a break-the-glass AuditEvent, and <cw-audit-log> showing
// both; an emergency access whose record cannot be written is ended.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { spy } from 'sinon';
import { DEFAULT_ACCESS_POLICY, MemoryStore, callbackAuditSink, searchAllPages, storeAuditSink } from '@chartwell/core';
import type { AccessUser } from '@chartwell/core';
import type { AuditEvent, CareTeam, Consent, Resource } from '@chartwell/fhir';
import { TONY, fetchFixture, storeWith, syntheaResources } from '../../../../../test/support/browser-fixtures.js';
import '../../define/cw-chart-provider.js';
import '../../define/cw-med-list.js';
import '../../define/cw-audit-log.js';
import type { CwChartProvider } from './chart-provider.js';
import type { CwElement } from '../../internal/cw-element.js';

const DOCTOR = 'Practitioner/dr-audit-test';
const clinician: AccessUser = { id: 'u-doctor', role: 'clinician', reference: DOCTOR, display: 'Dr Audit' };
const frontDesk: AccessUser = { id: 'u-desk', role: 'front-desk', display: 'Front Desk One' };
const careTeam: CareTeam = { resourceType: 'CareTeam', id: 'tony-team', status: 'active', subject: { reference: `Patient/${TONY.id}` }, participant: [{ member: { reference: DOCTOR } }] };
const application = { display: 'Audit test ward app' };
const NOW = new Date('2026-11-26T14:05:00Z');

let tony: Resource[] | undefined;
async function tonyStore(extra: Resource[] = []): Promise<MemoryStore> {
  tony ??= await syntheaResources(TONY.file);
  return storeWith([...tony, careTeam, ...extra]);
}

/** The official R4 "notThem" consent, withholding Tony's record from the test doctor. */
async function consentWithholdingFromDoctor(): Promise<Consent> {
  const consent = await fetchFixture<Consent>('fhir/Consent-consent-example-notThem.json');
  consent.id = 'tony-withholds-from-dr-audit';
  consent.patient = { reference: `Patient/${TONY.id}` };
  const [actor] = consent.provision?.actor ?? [];
  consent.provision = { ...consent.provision, actor: [{ ...actor!, reference: { reference: DOCTOR } }] };
  return consent;
}

const settled = (el: CwElement) => waitUntil(() => !el.hasCustomState('loading'), `<${el.localName}> never finished loading`, { timeout: 4000 });
const auditEvents = (store: MemoryStore) => searchAllPages(store, 'AuditEvent');

async function medListIn(store: MemoryStore, user: AccessUser, sinkStore: MemoryStore = store): Promise<{ provider: CwChartProvider; el: CwElement }> {
  const provider = await fixture<CwChartProvider>(html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${store} .policy=${DEFAULT_ACCESS_POLICY} .user=${user} .now=${() => NOW} .audit=${{ sink: storeAuditSink(sinkStore), application }}>
    <cw-med-list patient-id=${TONY.id}></cw-med-list>
  </cw-chart-provider>`);
  const el = provider.querySelector('cw-med-list') as CwElement;
  await settled(el);
  return { provider, el };
}

describe('<cw-chart-provider> audit trail', () => {
  it("records the widgets' reads as the provider's user, from its application", async () => {
    const store = await tonyStore();
    const { el } = await medListIn(store, clinician);
    expect(el.hasCustomState('restricted')).to.equal(false);
    const events = await auditEvents(store);
    expect(events.length).to.be.greaterThan(0);
    for (const event of events) {
      expect(event.agent[0]?.who).to.deep.equal({ reference: DOCTOR, display: 'Dr Audit' });
      expect(event.agent[0]?.role?.[0]?.text).to.equal('clinician');
      expect(event.source.observer.display).to.equal(application.display);
    }
    // the medication search names Tony and succeeded; no AuditEvent holds a drug name
    const searches = events.filter((event) => event.subtype?.[0]?.code === 'search-type' && event.entity?.some((entity) => entity.what?.reference === `Patient/${TONY.id}`));
    expect(searches.some((event) => event.outcome === '0')).to.equal(true);
    expect(JSON.stringify(events)).to.not.contain('Naproxen');
  });

  it('records a denial too: the front desk opening the medication list', async () => {
    const store = await tonyStore();
    const { el } = await medListIn(store, frontDesk);
    expect(el.hasCustomState('restricted')).to.equal(true);
    const denied = (await auditEvents(store)).filter((event) => event.outcome === '4');
    expect(denied.length).to.be.greaterThan(0);
    expect(denied[0]?.agent[0]?.who?.display).to.equal('Front Desk One');
  });

  it('records an emergency access as a break-the-glass AuditEvent with its reason, and <cw-audit-log> shows it', async () => {
    const store = await tonyStore([await consentWithholdingFromDoctor()]);
    const { provider, el } = await medListIn(store, clinician);
    expect(el.hasCustomState('restricted')).to.equal(true);
    provider.breakTheGlass({ patient: `Patient/${TONY.id}`, reason: 'Collapsed in clinic, on unknown medication', durationMinutes: 30 });
    await waitUntil(async () => (await auditEvents(store)).some((event) => event.purposeOfEvent?.[0]?.coding?.[0]?.code === 'BTG'), 'no break-the-glass AuditEvent', { timeout: 4000 });
    const btg = (await auditEvents(store)).find((event: AuditEvent) => event.purposeOfEvent?.[0]?.coding?.[0]?.code === 'BTG')!;
    expect(btg.purposeOfEvent?.[0]?.text).to.equal('Collapsed in clinic, on unknown medication');
    expect(btg.period).to.deep.equal({ start: '2026-11-26T14:05:00.000Z', end: '2026-11-26T14:35:00.000Z' });
    expect(btg.entity?.[0]?.what?.reference).to.equal(`Patient/${TONY.id}`);

    // a privacy officer's view of the trail: the audit log over the same store, no policy
    const log = await fixture<CwElement>(html`<cw-audit-log patient-id=${TONY.id} .store=${store} locale="en-GB" time-zone="UTC"></cw-audit-log>`);
    await settled(log);
    const text = (log.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');
    expect(text).to.contain('Break the glass (emergency access)');
    expect(text).to.contain('Reason: Collapsed in clinic, on unknown medication');
    expect(text).to.contain('Dr Audit');
  });

  it('ends an emergency access whose AuditEvent cannot be written, with a warning that names no patient data', async () => {
    const store = await tonyStore([await consentWithholdingFromDoctor()]);
    const warn = spy(console, 'warn');
    try {
      const failing = callbackAuditSink((event) => {
        if (event.purposeOfEvent?.[0]?.coding?.[0]?.code === 'BTG') throw new Error('audit store down');
      });
      const provider = await fixture<CwChartProvider>(html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${store} .policy=${DEFAULT_ACCESS_POLICY} .user=${clinician} .now=${() => NOW} .audit=${{ sink: failing, application }}>
        <cw-med-list patient-id=${TONY.id}></cw-med-list>
      </cw-chart-provider>`);
      await settled(provider.querySelector('cw-med-list') as CwElement);
      provider.breakTheGlass({ patient: `Patient/${TONY.id}`, reason: 'Collapsed in clinic, on unknown medication', durationMinutes: 30 });
      await waitUntil(() => provider.activeOverride(TONY.id) === undefined, 'the unrecorded emergency access stayed open', { timeout: 4000 });
      const warnings = warn.getCalls().map((call) => String(call.args[0]));
      expect(warnings.some((message) => message.includes('could not be recorded in the audit trail'))).to.equal(true);
      expect(warnings.join(' ')).to.not.match(/Douglas|Tony|Collapsed/i);
    } finally {
      warn.restore();
    }
  });
});
