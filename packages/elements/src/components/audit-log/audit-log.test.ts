import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { spy } from 'sinon';
import { BREAK_THE_GLASS, ForbiddenError, MemoryStore, UnavailableError, storeAuditSink } from '@chartwell/core';
import { withAudit } from '@chartwell/core/access';
import type { AuditContext, ChartStore } from '@chartwell/core';
import { TONY, failingStore, storeWith, syntheaResources } from '../../../../../test/support/browser-fixtures.js';
import '../../define/cw-chart-provider.js';
import '../../define/cw-audit-log.js';
import type { CwAuditLog } from './audit-log.js';
import type { CwErrorEvent } from '../../events/error-event.js';

const shadow = (el: HTMLElement) => el.shadowRoot!;
const squash = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
const loaded = (el: CwAuditLog) => waitUntil(() => !el.hasCustomState('loading'), 'the log never finished loading');
const rows = (el: HTMLElement) => [...shadow(el).querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].map((cell) => squash(cell.textContent)));

// Tony Douglas (Synthea): his Patient, an AllergyIntolerance added here and his Observations, accessed by two users
const TONY_ALLERGY = 'f8b91b5e-2a46-4c56-8d3e-1b9d0c3f2a11';
const HART: AuditContext = {
  agent: { who: { reference: 'Practitioner/hart', display: 'Dr Alice Hart' }, role: [{ text: 'Clinician' }] },
  application: { display: 'Ward round app' },
};
const OKAFOR: AuditContext = {
  agent: { who: { reference: 'Practitioner/okafor', display: 'Nurse Chidi Okafor' }, role: [{ text: 'Nurse' }] },
  application: { display: 'Nursing tablet' },
};

/**
 * Tony's chart, with four recorded accesses, one minute apart from 09:00 UTC on 26 Nov 2026:
 * Hart reads the Patient; Okafor searches Observations; Hart, breaking the glass, reads an
 * AllergyIntolerance; Okafor is denied a read of the same AllergyIntolerance.
 */
async function accessedChart(): Promise<MemoryStore> {
  const store = await storeWith(await syntheaResources(TONY.file));
  await store.update({ resourceType: 'AllergyIntolerance', id: TONY_ALLERGY, clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] }, patient: { reference: `Patient/${TONY.id}` }, code: { text: 'Peanut' } });
  let minute = 0;
  const now = () => new Date(Date.UTC(2026, 10, 26, 9, minute++));
  let context = HART;
  const audited = withAudit(store, storeAuditSink(store), () => context, { now });
  await audited.read('Patient', TONY.id);
  context = OKAFOR;
  await audited.search('Observation', { patient: TONY.id, _count: 1 });
  context = { ...HART, purposeOfUse: [BREAK_THE_GLASS], purposeReason: 'Unconscious in the emergency department' };
  await audited.read('AllergyIntolerance', TONY_ALLERGY);
  // the denied read returns nothing that says whose the allergy is: the context names the open record
  context = { ...OKAFOR, patient: TONY.id };
  const denying = withAudit(failingStore(store, (method) => method === 'read', new ForbiddenError({ resourceType: 'AllergyIntolerance', id: TONY_ALLERGY })), storeAuditSink(store), () => context, { now });
  await denying.read('AllergyIntolerance', TONY_ALLERGY).catch(() => undefined);
  return store;
}

async function logIn(store: ChartStore, theme = '') {
  const provider = await fixture(html`<cw-chart-provider locale="en-GB" time-zone="UTC" theme=${theme} .store=${store}>
    <cw-audit-log patient-id=${TONY.id}></cw-audit-log>
  </cw-chart-provider>`);
  const el = provider.querySelector('cw-audit-log')!;
  await loaded(el);
  return el;
}

describe('<cw-audit-log>', () => {
  it('lists who accessed the record, newest first, in a captioned table', async () => {
    const el = await logIn(await accessedChart());
    expect(shadow(el).querySelector('h2')!.textContent).to.equal('Access log');
    expect(squash(shadow(el).querySelector('caption')!.textContent)).to.equal('Who accessed this record, newest first (4)');
    expect([...shadow(el).querySelectorAll('thead th')].map((th) => th.textContent)).to.deep.equal(['When', 'Who', 'What', 'Outcome', 'Purpose', 'Application']);
    expect(rows(el)).to.deep.equal([
      ['26-Nov-2026 09:03', 'Nurse Chidi Okafor Nurse', 'Viewed: AllergyIntolerance', 'Denied', 'Not recorded', 'Nursing tablet'],
      ['26-Nov-2026 09:02', 'Dr Alice Hart Clinician', 'Viewed: AllergyIntolerance', 'Allowed', 'Break the glass (emergency access) Reason: Unconscious in the emergency department', 'Ward round app'],
      ['26-Nov-2026 09:01', 'Nurse Chidi Okafor Nurse', 'Searched: Observation', 'Allowed', 'Not recorded', 'Nursing tablet'],
      ['26-Nov-2026 09:00', 'Dr Alice Hart Clinician', 'Viewed: Patient', 'Allowed', 'Not recorded', 'Ward round app'],
    ]);
    expect(shadow(el).querySelector('tbody time')!.getAttribute('datetime')).to.equal('2026-11-26T09:03:00.000Z');
    expect(el.hasCustomState('empty')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('marks a denial with an icon and the word "Denied", and break-the-glass prominently with its reason', async () => {
    const el = await logIn(await accessedChart());
    const [denied, btg] = [...shadow(el).querySelectorAll('tbody tr')];
    expect(denied!.classList.contains('denied')).to.equal(true);
    expect(denied!.querySelector('[part="outcome"] .icon-restricted')).to.not.equal(null);
    expect(squash(denied!.querySelector('[part="outcome"]')!.textContent)).to.equal('Denied');
    const marker = btg!.querySelector('[part="break-the-glass"]')!;
    expect(marker.localName).to.equal('strong');
    expect(squash(marker.textContent)).to.equal('Break the glass (emergency access)');
    expect(squash(btg!.querySelector('.reason')!.textContent)).to.equal('Reason: Unconscious in the emergency department');
  });

  it('filters by action and by user, the filters labelled and reachable with Tab', async () => {
    const el = await logIn(await accessedChart());
    const [actionSelect, userSelect] = [...shadow(el).querySelectorAll('select')];
    expect(squash(actionSelect!.closest('label')!.textContent)).to.match(/^Action All actions/);
    expect([...userSelect!.options].map((option) => [option.value, option.textContent])).to.deep.equal([
      ['', 'All users'],
      ['Practitioner/hart', 'Dr Alice Hart'],
      ['Practitioner/okafor', 'Nurse Chidi Okafor'],
    ]);
    actionSelect!.focus();
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement).to.equal(userSelect);
    actionSelect!.value = 'E';
    actionSelect!.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.action).to.equal('E');
    expect(rows(el).map((row) => row[2])).to.deep.equal(['Searched: Observation']);
    el.action = '';
    userSelect!.value = 'Practitioner/hart';
    userSelect!.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(rows(el).map((row) => row[0])).to.deep.equal(['26-Nov-2026 09:02', '26-Nov-2026 09:00']);
    el.action = 'D';
    await el.updateComplete;
    expect(squash(shadow(el).querySelector('.empty')!.textContent)).to.equal('No access matches these filters');
    await expect(el).to.be.accessible();
  });

  it('takes action and user filters as attributes', async () => {
    const store = await accessedChart();
    const el = await fixture<CwAuditLog>(html`<cw-audit-log patient-id=${TONY.id} locale="en-GB" time-zone="UTC" action="R" user="Practitioner/okafor" .store=${store}></cw-audit-log>`);
    await loaded(el);
    expect(rows(el).map((row) => row[0])).to.deep.equal(['26-Nov-2026 09:03']);
  });

  it('says "No one has accessed this record yet" when nothing is recorded', async () => {
    const el = await logIn(await storeWith(await syntheaResources(TONY.file)));
    expect(el.hasCustomState('empty')).to.equal(true);
    expect(squash(shadow(el).querySelector('[part="empty"]')!.textContent)).to.equal('No one has accessed this record yet');
    expect(shadow(el).querySelector('table')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows the loading state with its label', async () => {
    const inner = new MemoryStore();
    const stalled: ChartStore = new Proxy(inner, {
      get: (target, property) => (property === 'search' ? () => new Promise(() => undefined) : (Reflect.get(target, property) as unknown as (...args: unknown[]) => unknown)?.bind?.(target)),
    });
    const el = await fixture<CwAuditLog>(html`<cw-audit-log patient-id=${TONY.id} .store=${stalled}></cw-audit-log>`);
    expect(el.hasCustomState('loading')).to.equal(true);
    expect(squash(shadow(el).querySelector('[part="loading"]')!.textContent)).to.equal('Loading the access log…');
    await expect(el).to.be.accessible();
  });

  it('shows an error with a retry button and fires cw-error when the store fails', async () => {
    const store = failingStore(await accessedChart(), (method, type) => method === 'search' && type === 'AuditEvent', new UnavailableError({ resourceType: 'AuditEvent' }, 'IndexedDB is closed'));
    const onError = spy();
    document.addEventListener('cw-error', onError);
    try {
      const el = await logIn(store);
      expect(el.hasCustomState('error')).to.equal(true);
      expect(squash(shadow(el).textContent)).to.contain('This information could not be loaded.');
      expect(shadow(el).querySelector('[part="retry"]')).to.not.equal(null);
      expect((onError.firstCall.args[0] as CwErrorEvent).detail.patientId).to.equal(TONY.id);
      await expect(el).to.be.accessible();
    } finally {
      document.removeEventListener('cw-error', onError);
    }
  });

  it('shows the restricted state, naming no one, when access to the log is denied', async () => {
    const store = failingStore(await accessedChart(), (method, type) => method === 'search' && type === 'AuditEvent', new ForbiddenError({ resourceType: 'AuditEvent' }));
    const el = await logIn(store);
    expect(el.hasCustomState('restricted')).to.equal(true);
    expect(squash(shadow(el).textContent)).to.contain('You do not have permission to see this information.');
    expect(squash(shadow(el).textContent)).to.not.contain('Hart');
    await expect(el).to.be.accessible();
  });

  it('records its own reading through an audited store, shows it on the next load, and does not reload by itself', async () => {
    const store = await accessedChart();
    const audited = withAudit(store, storeAuditSink(store), HART, { now: () => new Date('2026-11-26T10:00:00Z') });
    const el = await logIn(audited);
    expect(rows(el)).to.have.length(4);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // one event for the log's own search, and no reload since (it would have recorded another)
    expect((await store.search('AuditEvent', { _count: 1000 })).length).to.equal(5);
    await el.retry();
    await loaded(el);
    expect(rows(el)[0]).to.deep.equal(['26-Nov-2026 10:00', 'Dr Alice Hart Clinician', 'Searched: AuditEvent', 'Allowed', 'Not recorded', 'Ward round app']);
  });

  it('takes translated strings through i18n', async () => {
    const el = await fixture<CwAuditLog>(html`<cw-audit-log patient-id=${TONY.id} .store=${await storeWith(await syntheaResources(TONY.file))} .i18n=${{ heading: 'Registro de accesos', empty: 'Nadie ha accedido' }}></cw-audit-log>`);
    await loaded(el);
    expect(shadow(el).querySelector('h2')!.textContent).to.equal('Registro de accesos');
    expect(squash(shadow(el).querySelector('[part="empty"]')!.textContent)).to.equal('Nadie ha accedido');
  });

  for (const theme of ['dark', 'high-contrast']) {
    it(`passes axe (colour contrast included) in the ${theme} theme`, async () => {
      const el = await logIn(await accessedChart(), theme);
      expect(rows(el)).to.have.length(4);
      await expect(el).to.be.accessible();
    });
  }
});
