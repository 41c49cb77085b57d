// The audit trail end to end over the embedded store, IndexedDbStore, in real Chromium: a widget
// (<cw-med-list>) reads Tony Douglas's chart through withAudit with storeAuditSink, the reads are
// recorded as AuditEvents in the same database, and <cw-audit-log> shows them.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { validate, type AuditEvent } from '@chartwell/fhir';
import { storeAuditSink } from '@chartwell/core';
import { withAudit } from '@chartwell/core/access';
import type { AuditContext, ChartStore } from '@chartwell/core';
import { IndexedDbStore } from '@chartwell/store-idb';
import '@chartwell/elements/define/cw-chart-provider.js';
import '@chartwell/elements/define/cw-med-list.js';
import '@chartwell/elements/define/cw-audit-log.js';
import { TONY, syntheaResources } from '../support/browser-fixtures.js';

const name = `chartwell-audit-test-${crypto.randomUUID()}`;
let store: IndexedDbStore;

const HART: AuditContext = {
  agent: { who: { reference: 'Practitioner/hart', display: 'Dr Alice Hart' }, role: [{ text: 'Clinician' }] },
  application: { display: 'Ward round app' },
};

const squash = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
const tonysEvents = () => store.search('AuditEvent', { patient: `Patient/${TONY.id}`, _count: 1000 });

async function widget<E extends HTMLElement & { hasCustomState(state: string): boolean }>(tag: 'cw-med-list' | 'cw-audit-log', over: ChartStore): Promise<E> {
  const provider = await fixture(
    tag === 'cw-med-list'
      ? html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${over}><cw-med-list patient-id=${TONY.id}></cw-med-list></cw-chart-provider>`
      : html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${over}><cw-audit-log patient-id=${TONY.id}></cw-audit-log></cw-chart-provider>`,
  );
  const el = provider.querySelector(tag) as unknown as E;
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  await waitUntil(() => !el.hasCustomState('loading'), `<${tag}> never finished loading`, { timeout: 4000 });
  return el;
}

describe('withAudit over IndexedDbStore, with <cw-med-list> and <cw-audit-log>', () => {
  before(async () => {
    store = new IndexedDbStore({ name });
    const resources = await syntheaResources(TONY.file);
    await store.transaction(resources.map((resource) => ({ op: 'update' as const, resource })));
  });

  after(async () => {
    store.close();
    await deleteDB(name);
  });

  it('records the medication list\'s reads as valid AuditEvents naming Tony, the user and the app, and no content', async () => {
    const audited = withAudit(store, storeAuditSink(store), HART, { now: () => new Date('2026-11-26T09:30:00Z') });
    const list = await widget('cw-med-list', audited);
    expect(list.shadowRoot!.textContent).to.contain('Naproxen sodium 220 MG Oral Tablet');
    const events: AuditEvent[] = await tonysEvents();
    const searched = events.filter((e) => e.subtype?.[0]?.code === 'search-type').map((e) => e.entity?.find((entity) => entity.role?.code === '24')?.type?.code);
    expect(searched).to.include.members(['MedicationRequest', 'MedicationStatement']);
    for (const event of events) {
      expect(event.agent[0]?.who).to.deep.equal({ reference: 'Practitioner/hart', display: 'Dr Alice Hart' });
      expect(event.source.observer.display).to.equal('Ward round app');
      expect(event.recorded).to.equal('2026-11-26T09:30:00.000Z');
      expect(event.outcome).to.equal('0');
      expect(validate(event).valid, JSON.stringify(validate(event).issues)).to.equal(true);
    }
    // the drug names and the prescriber of Tony's MedicationRequests stay out of the audit trail
    const text = JSON.stringify(events);
    for (const value of ['Naproxen', 'Hydrochlorothiazide', 'Schneider', 'Douglas']) expect(text).to.not.contain(value);
    // the sink's writes do not reload the list (which would record more reads, endlessly)
    const count = events.length;
    await settle();
    expect((await tonysEvents()).length).to.equal(count);
  });

  it('shows those reads in <cw-audit-log>, with the user, role, action and application', async () => {
    const events = await tonysEvents();
    const log = await widget('cw-audit-log', store);
    const rows = [...log.shadowRoot!.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].map((cell) => squash(cell.textContent)));
    expect(rows).to.have.length(events.length);
    expect(rows).to.deep.include(['26-Nov-2026 09:30', 'Dr Alice Hart Clinician', 'Searched: MedicationRequest', 'Allowed', 'Not recorded', 'Ward round app']);
    expect(rows).to.deep.include(['26-Nov-2026 09:30', 'Dr Alice Hart Clinician', 'Searched: MedicationStatement', 'Allowed', 'Not recorded', 'Ward round app']);
    await expect(log).to.be.accessible();
  });
});
