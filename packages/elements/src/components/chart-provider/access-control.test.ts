import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { spy } from 'sinon';
import { DEFAULT_ACCESS_POLICY } from '@chartwell/core';
import type { AccessUser, MemoryStore } from '@chartwell/core';
import type { CareTeam, Consent, Resource } from '@chartwell/fhir';
import { TONY, fetchFixture, storeWith, syntheaResources } from '../../../../../test/support/browser-fixtures.js';
import '../../define/cw-chart-provider.js';
import '../../define/cw-patient-banner.js';
import '../../define/cw-allergy-banner.js';
import '../../define/cw-med-list.js';
import '../../define/cw-problem-list.js';
import '../../define/cw-results.js';
import '../../define/cw-notes.js';
import '../../define/cw-billing-summary.js';
import '../../define/cw-scheduler.js';
import '../../define/cw-patient-list.js';
import '../../define/cw-patient-chart.js';
import type { CwChartProvider } from './chart-provider.js';
import type { CwBreakGlassEvent } from '../../events/break-glass-event.js';
import type { CwElement } from '../../internal/cw-element.js';

const DOCTOR = 'Practitioner/dr-access-test';
const clinician: AccessUser = { id: 'u-doctor', role: 'clinician', reference: DOCTOR, display: 'Dr Test' };
const frontDesk: AccessUser = { id: 'u-desk', role: 'front-desk' };
const lab: AccessUser = { id: 'u-lab', role: 'lab' };
const otherClinician: AccessUser = { id: 'u-other', role: 'clinician', reference: 'Practitioner/not-on-the-team' };

/** Tony Douglas's care team: the test doctor. */
const careTeam: CareTeam = { resourceType: 'CareTeam', id: 'tony-team', status: 'active', subject: { reference: `Patient/${TONY.id}` }, participant: [{ member: { reference: DOCTOR } }] };

/** HL7's official example "notThem" (withhold everything from one practitioner), for Tony and the test doctor. */
async function consentWithholdingFromDoctor(): Promise<Consent> {
  const consent = await fetchFixture<Consent>('fhir/Consent-consent-example-notThem.json');
  consent.id = 'tony-withholds-from-dr-test';
  consent.patient = { reference: `Patient/${TONY.id}` };
  const [actor] = consent.provision?.actor ?? [];
  consent.provision = { ...consent.provision, actor: [{ ...actor!, reference: { reference: DOCTOR } }] };
  return consent;
}

let tony: Resource[] | undefined;
async function tonyStore(extra: Resource[] = []): Promise<MemoryStore> {
  tony ??= await syntheaResources(TONY.file);
  return storeWith([...tony, careTeam, ...extra]);
}

const shadow = (el: Element) => el.shadowRoot!;
const settled = (el: CwElement) => waitUntil(() => !el.hasCustomState('loading'), `<${el.localName}> never finished loading`, { timeout: 4000 });
const emergencyButton = (el: Element) => shadow(el).querySelector<HTMLButtonElement>('[part="emergency-access"]');
const dialogOf = (provider: CwChartProvider) => shadow(provider).querySelector<HTMLDialogElement>('dialog.break-glass')!;
const banner = (provider: CwChartProvider) => shadow(provider).querySelector('[part="override-banner"]');

/** A widget inside a provider with a policy and a user, once loaded. */
async function widgetIn(widget: ReturnType<typeof html>, store: MemoryStore, user: AccessUser | undefined, now?: () => Date): Promise<{ provider: CwChartProvider; el: CwElement }> {
  const provider = await fixture<CwChartProvider>(html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${store} .policy=${DEFAULT_ACCESS_POLICY} .user=${user} .now=${now}>${widget}</cw-chart-provider>`);
  const el = provider.firstElementChild as CwElement;
  await settled(el);
  return { provider, el };
}

const CLINICAL_WIDGETS = {
  'cw-allergy-banner': html`<cw-allergy-banner patient-id=${TONY.id}></cw-allergy-banner>`,
  'cw-med-list': html`<cw-med-list patient-id=${TONY.id}></cw-med-list>`,
  'cw-problem-list': html`<cw-problem-list patient-id=${TONY.id}></cw-problem-list>`,
  'cw-results': html`<cw-results patient-id=${TONY.id}></cw-results>`,
  'cw-notes': html`<cw-notes patient-id=${TONY.id}></cw-notes>`,
  'cw-billing-summary': html`<cw-billing-summary patient-id=${TONY.id}></cw-billing-summary>`,
};

describe('<cw-chart-provider> access control', () => {
  describe('a role that may not see the data: restricted, naming nothing', () => {
    for (const [tag, widget] of Object.entries(CLINICAL_WIDGETS)) {
      it(`<${tag}> for the front desk`, async () => {
        const { el } = await widgetIn(widget, await tonyStore(), frontDesk);
        expect(el.hasCustomState('restricted')).to.equal(true);
        expect(shadow(el).textContent).to.contain('You do not have permission to see this information.');
        expect(shadow(el).textContent).to.not.match(/Douglas|Tony/i);
        expect(emergencyButton(el)).to.equal(null); // a role denial: the glass cannot break it
        await expect(el).to.be.accessible();
      });
    }

    it('<cw-patient-banner> for a clinician not on the care team', async () => {
      const { el } = await widgetIn(html`<cw-patient-banner patient-id=${TONY.id}></cw-patient-banner>`, await tonyStore(), otherClinician);
      expect(el.hasCustomState('restricted')).to.equal(true);
      expect(shadow(el).textContent).to.not.match(/Douglas|Tony|1972/i);
      await expect(el).to.be.accessible();
    });

    it('<cw-med-list> for a clinician not on the care team: restricted, not an empty list', async () => {
      const { el } = await widgetIn(CLINICAL_WIDGETS['cw-med-list'], await tonyStore(), otherClinician);
      expect(el.hasCustomState('restricted')).to.equal(true);
      expect(el.hasCustomState('empty')).to.equal(false);
      expect(shadow(el).textContent).to.not.contain('Naproxen');
    });

    it('<cw-scheduler> for the lab', async () => {
      const { el } = await widgetIn(html`<cw-scheduler actors=${DOCTOR} date="2024-03-10"></cw-scheduler>`, await tonyStore(), lab);
      expect(el.hasCustomState('restricted')).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it("<cw-patient-list> for a clinician lists only the care team's patients", async () => {
      const clemente = (await syntheaResources('Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json')).filter((r) => r.resourceType === 'Patient');
      const { el } = await widgetIn(html`<cw-patient-list></cw-patient-list>`, await tonyStore(clemente), clinician);
      const text = shadow(el).textContent ?? '';
      expect(text).to.contain('DOUGLAS, Tony');
      expect(text).to.not.match(/Kreiger|Clemente/i);
      await expect(el).to.be.accessible();
    });

    it('<cw-patient-chart> for the front desk: the demographics, every clinical section restricted', async () => {
      const provider = await fixture<CwChartProvider>(
        html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${await tonyStore()} .policy=${DEFAULT_ACCESS_POLICY} .user=${frontDesk}
          ><cw-patient-chart patient-id=${TONY.id} sections="medications problems results notes"></cw-patient-chart
        ></cw-chart-provider>`,
      );
      const chart = provider.querySelector('cw-patient-chart')!;
      await waitUntil(() => shadow(chart).querySelectorAll('cw-med-list, cw-problem-list, cw-results, cw-notes, cw-allergy-banner').length === 5, 'the chart never rendered its widgets');
      const widgets = [...shadow(chart).querySelectorAll<CwElement>('cw-med-list, cw-problem-list, cw-results, cw-notes, cw-allergy-banner')];
      for (const widget of widgets) await settled(widget);
      expect(widgets.map((widget) => [widget.localName, widget.hasCustomState('restricted')])).to.deep.equal([
        ['cw-allergy-banner', true],
        ['cw-med-list', true],
        ['cw-problem-list', true],
        ['cw-results', true],
        ['cw-notes', true],
      ]);
      const patientBanner = shadow(chart).querySelector<CwElement>('cw-patient-banner')!;
      await settled(patientBanner);
      expect(patientBanner.hasCustomState('restricted')).to.equal(false); // the front desk registers patients
      await expect(chart).to.be.accessible();
    });
  });

  describe('a clinician on the care team sees the data', () => {
    for (const [tag, widget] of Object.entries(CLINICAL_WIDGETS)) {
      it(`<${tag}>`, async () => {
        const { el } = await widgetIn(widget, await tonyStore(), clinician);
        expect(el.hasCustomState('restricted')).to.equal(false);
        expect(el.hasCustomState('error')).to.equal(false);
      });
    }

    it('<cw-med-list> lists Tony Douglas\'s medications, <cw-patient-banner> his name', async () => {
      const { el } = await widgetIn(CLINICAL_WIDGETS['cw-med-list'], await tonyStore(), clinician);
      expect(shadow(el).textContent).to.contain('Naproxen sodium 220 MG Oral Tablet');
      const banner = await widgetIn(html`<cw-patient-banner patient-id=${TONY.id}></cw-patient-banner>`, await tonyStore(), clinician);
      expect(shadow(banner.el).textContent).to.contain('DOUGLAS, Tony');
    });

    it('one medication labelled restricted (R): the list is restricted with emergency access, never shown without it', async () => {
      const naproxen = tony!.find((r) => r.resourceType === 'MedicationRequest' && r.id === '8c91b025-28fb-4bc1-9b93-36ebf0d81408')!;
      const labelled = { ...naproxen, meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] } } as Resource;
      const { provider, el } = await widgetIn(CLINICAL_WIDGETS['cw-med-list'], await tonyStore([labelled]), clinician);
      expect(el.hasCustomState('restricted')).to.equal(true);
      expect(shadow(el).textContent).to.not.match(/Hydrochlorothiazide|Naproxen/);
      expect(emergencyButton(el)).to.not.equal(null);
      // the problem list reads no medication: it shows
      const problems = await widgetIn(CLINICAL_WIDGETS['cw-problem-list'], await tonyStore([labelled]), clinician);
      expect(problems.el.hasCustomState('restricted')).to.equal(false);
      expect(provider.accessStore?.permits('read', 'MedicationRequest')).to.equal(true);
    });

    it('a change of user wraps the store again and every widget reloads', async () => {
      const { provider, el } = await widgetIn(CLINICAL_WIDGETS['cw-med-list'], await tonyStore(), clinician);
      expect(el.hasCustomState('restricted')).to.equal(false);
      const wrapped = provider.accessStore;
      provider.locale = 'en-US'; // not an access input: the same wrapper
      await provider.updateComplete;
      expect(provider.accessStore).to.equal(wrapped);
      provider.user = frontDesk;
      await waitUntil(() => el.hasCustomState('restricted'), 'the list never became restricted');
      expect(provider.accessStore?.user).to.equal(frontDesk);
      expect(provider.accessStore).to.not.equal(wrapped);
    });
  });

  describe('a policy without a user', () => {
    it('denies everything and warns once, naming the mistake', async () => {
      const warn = spy(console, 'warn');
      try {
        const provider = await fixture<CwChartProvider>(
          html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${await tonyStore()} .policy=${DEFAULT_ACCESS_POLICY}
            ><cw-med-list patient-id=${TONY.id}></cw-med-list><cw-patient-banner patient-id=${TONY.id}></cw-patient-banner
          ></cw-chart-provider>`,
        );
        const widgets = [...provider.children] as CwElement[];
        for (const widget of widgets) await settled(widget);
        expect(widgets.map((widget) => widget.hasCustomState('restricted'))).to.deep.equal([true, true]);
        provider.locale = 'en-US'; // another update of the provider: no second warning
        await provider.updateComplete;
        const warnings = warn.args.map((args) => String(args[0])).filter((message) => message.includes('no user'));
        expect(warnings).to.deep.equal(['<cw-chart-provider>: an access policy is set but no user, so every widget is restricted. Set .user to the signed-in user.']);
        await expect(widgets[0]!).to.be.accessible();
      } finally {
        warn.restore();
      }
    });

    it('a malformed user denies everything too, and the warning names the field (no patient data)', async () => {
      const warn = spy(console, 'warn');
      try {
        const { el } = await widgetIn(CLINICAL_WIDGETS['cw-med-list'], await tonyStore(), { id: 'u-1', role: 'doctor' } as unknown as AccessUser);
        expect(el.hasCustomState('restricted')).to.equal(true);
        const warnings = warn.args.map((args) => String(args[0])).filter((message) => message.startsWith('<cw-chart-provider>'));
        expect(warnings).to.deep.equal(['<cw-chart-provider>: the access policy or user is not valid (user.role: "doctor" is not one of clinician, nurse, front-desk, billing, lab, pharmacy, patient), so every widget is restricted.']);
      } finally {
        warn.restore();
      }
    });

    it('without a policy, the store is handed down as it is', async () => {
      const store = await tonyStore();
      const provider = await fixture<CwChartProvider>(html`<cw-chart-provider locale="en-GB" time-zone="UTC" .store=${store}><cw-med-list patient-id=${TONY.id}></cw-med-list></cw-chart-provider>`);
      const el = provider.querySelector('cw-med-list')!;
      await settled(el);
      expect(el.effectiveStore).to.equal(store);
      expect(provider.accessStore).to.equal(undefined);
    });
  });

  describe('consent: emergency access (break the glass)', () => {
    const start = new Date('2026-11-26T14:05:00Z');

    async function consentDenied(now: () => Date = () => start) {
      const setup = await widgetIn(CLINICAL_WIDGETS['cw-med-list'], await tonyStore([await consentWithholdingFromDoctor()]), clinician, now);
      const events: CwBreakGlassEvent[] = [];
      setup.provider.addEventListener('cw-break-glass', (event) => events.push(event));
      return { ...setup, events };
    }

    /** Opens the prompt from the widget's button, types the reason, picks the duration and confirms: all by keyboard. */
    async function breakTheGlassByKeyboard(provider: CwChartProvider, el: Element, reason: string, durationArrows: number) {
      emergencyButton(el)!.focus();
      await sendKeys({ press: 'Enter' });
      await provider.updateComplete;
      expect(dialogOf(provider).open).to.equal(true);
      expect(shadow(provider).activeElement?.id).to.equal('break-glass-reason');
      await sendKeys({ type: reason });
      await sendKeys({ press: 'Tab' }); // the durations (15 minutes checked)
      for (let i = 0; i < durationArrows; i++) await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'Tab' }); // Cancel
      await sendKeys({ press: 'Tab' }); // Open the record
      expect(shadow(provider).activeElement?.textContent).to.equal('Open the record');
      await sendKeys({ press: 'Enter' });
      await provider.updateComplete;
    }

    it('a consent-denied record: the restricted state offers emergency access, and names nothing withheld', async () => {
      const { el } = await consentDenied();
      expect(el.hasCustomState('restricted')).to.equal(true);
      expect(el.hasCustomState('empty')).to.equal(false);
      expect(emergencyButton(el)!.textContent).to.equal('Emergency access…');
      expect(shadow(el).textContent).to.not.contain('Naproxen');
      await expect(el).to.be.accessible();
    });

    it('the allergy banner (its view rebuilds the error) offers emergency access too; a withheld record with no medications is restricted, not "none recorded"', async () => {
      const consent = await consentWithholdingFromDoctor();
      const store = await tonyStore([consent]);
      for (const resource of await store.search('MedicationRequest', { patient: TONY.id, _count: 1000 })) await store.delete('MedicationRequest', resource.id!);
      const allergies = await widgetIn(CLINICAL_WIDGETS['cw-allergy-banner'], store, clinician);
      expect(allergies.el.hasCustomState('restricted')).to.equal(true);
      expect(emergencyButton(allergies.el)!.textContent).to.equal('Emergency access…');
      const meds = await widgetIn(CLINICAL_WIDGETS['cw-med-list'], store, clinician);
      expect(meds.el.hasCustomState('restricted')).to.equal(true);
      expect(shadow(meds.el).textContent).to.not.contain('No medications recorded');
      await expect(allergies.el).to.be.accessible();
    });

    it('the button fires a composed cw-break-glass-request naming the patient, and the provider opens its prompt', async () => {
      const { provider, el } = await consentDenied();
      const requests: string[] = [];
      document.addEventListener('cw-break-glass-request', (event) => requests.push(event.detail.patient), { once: true, capture: true });
      emergencyButton(el)!.click();
      await provider.updateComplete;
      expect(requests).to.deep.equal([`Patient/${TONY.id}`]);
      expect(dialogOf(provider).open).to.equal(true);
      expect(dialogOf(provider).textContent).to.contain("restricted by the patient's consent or by a security label");
      expect(dialogOf(provider).textContent).to.not.match(/Douglas|Tony/i);
      expect([...dialogOf(provider).querySelectorAll<HTMLInputElement>('input[name="duration"]')].map((input) => input.value)).to.deep.equal(['15', '30', '60']);
      await expect(provider).to.be.accessible();
    });

    it('by keyboard only: reason, 30 minutes, confirm → the medications show, with a banner until 14:35 and the reason', async () => {
      const { provider, el, events } = await consentDenied();
      await breakTheGlassByKeyboard(provider, el, 'Unconscious in the emergency department', 1);
      expect(dialogOf(provider).open).to.equal(false);
      await waitUntil(() => !el.hasCustomState('restricted') && !el.hasCustomState('loading'), 'the list never loaded after breaking the glass');
      expect(shadow(el).textContent).to.contain('Naproxen sodium 220 MG Oral Tablet');
      expect(banner(provider)!.querySelector('[role="status"]')!.textContent).to.equal('Emergency access to this record until 14:35 — reason: Unconscious in the emergency department');
      expect(shadow(provider).activeElement?.textContent).to.equal('End emergency access');
      expect(events.map((event) => [event.detail.change, event.detail.override.patient, event.detail.override.reason, event.detail.override.end])).to.deep.equal([
        ['started', `Patient/${TONY.id}`, 'Unconscious in the emergency department', '2026-11-26T14:35:00.000Z'],
      ]);
      expect(provider.activeOverride(TONY.id)?.user).to.equal('u-doctor');
      await expect(provider).to.be.accessible();
    });

    it('a reason too short is refused with a clear error, and the dialog stays open', async () => {
      const { provider, el } = await consentDenied();
      emergencyButton(el)!.click();
      await provider.updateComplete;
      await sendKeys({ type: '  help   ' });
      dialogOf(provider).querySelector<HTMLButtonElement>('.confirm')!.click();
      await provider.updateComplete;
      expect(dialogOf(provider).open).to.equal(true);
      expect(dialogOf(provider).querySelector('[role="alert"]')!.textContent).to.equal('Give a reason of at least 10 characters.');
      expect(dialogOf(provider).querySelector('textarea')!.getAttribute('aria-invalid')).to.equal('true');
      expect(provider.activeOverride(TONY.id)).to.equal(undefined);
      expect(el.hasCustomState('restricted')).to.equal(true);
    });

    it('Escape cancels: no override, focus back on the button', async () => {
      const { provider, el, events } = await consentDenied();
      emergencyButton(el)!.focus();
      await sendKeys({ press: 'Enter' });
      await provider.updateComplete;
      await sendKeys({ press: 'Escape' });
      await provider.updateComplete;
      expect(dialogOf(provider).open).to.equal(false);
      expect(shadow(el).activeElement).to.equal(emergencyButton(el));
      expect(provider.activeOverride(TONY.id)).to.equal(undefined);
      expect(events).to.have.length(0);
    });

    it('"End emergency access" ends it: restricted again, no banner, cw-break-glass ended', async () => {
      const { provider, el, events } = await consentDenied();
      await breakTheGlassByKeyboard(provider, el, 'Cardiac arrest on the ward', 0);
      await waitUntil(() => !el.hasCustomState('restricted') && !el.hasCustomState('loading'), 'the list never loaded');
      await sendKeys({ press: 'Enter' }); // focus is on the banner's button
      await waitUntil(() => el.hasCustomState('restricted'), 'the list never became restricted again');
      expect(banner(provider)).to.equal(null);
      expect(events.map((event) => event.detail.change)).to.deep.equal(['started', 'ended']);
      expect(provider.activeOverride(TONY.id)).to.equal(undefined);
    });

    it('runs out on the clock: restricted again, the banner gone, cw-break-glass expired', async () => {
      let now = start;
      const { provider, el, events } = await consentDenied(() => now);
      await breakTheGlassByKeyboard(provider, el, 'Anaphylaxis, needs allergy history', 0);
      await waitUntil(() => !el.hasCustomState('restricted') && !el.hasCustomState('loading'), 'the list never loaded');
      expect(banner(provider)!.textContent).to.contain('until 14:20');
      now = new Date(start.getTime() + 14 * 60_000);
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(el.hasCustomState('restricted')).to.equal(false); // a minute to go
      now = new Date(start.getTime() + 15 * 60_000);
      await waitUntil(() => el.hasCustomState('restricted'), 'the override never ran out', { timeout: 3000 });
      expect(banner(provider)).to.equal(null);
      expect(events.map((event) => event.detail.change)).to.deep.equal(['started', 'expired']);
      await expect(el).to.be.accessible();
    });

    it('a new user ends the overrides of the last one (cw-break-glass ended) and the record is restricted again', async () => {
      const { provider, el, events } = await consentDenied();
      provider.breakTheGlass({ patient: TONY.id, reason: 'Collapsed in the waiting room', durationMinutes: 15 });
      await waitUntil(() => !el.hasCustomState('restricted') && !el.hasCustomState('loading'), 'the list never loaded');
      provider.user = { ...clinician, id: 'u-doctor-again' };
      await waitUntil(() => el.hasCustomState('restricted'), 'the list never became restricted again');
      expect(events.map((event) => event.detail.change)).to.deep.equal(['started', 'ended']);
      expect(banner(provider)).to.equal(null);
    });

    it('the durations offered stay within the store\'s maximum', async () => {
      const provider = await fixture<CwChartProvider>(
        html`<cw-chart-provider .store=${await tonyStore([await consentWithholdingFromDoctor()])} .policy=${DEFAULT_ACCESS_POLICY} .user=${clinician} .accessOptions=${{ maxOverrideMinutes: 30 }}
          ><cw-med-list patient-id=${TONY.id}></cw-med-list
        ></cw-chart-provider>`,
      );
      const el = provider.querySelector('cw-med-list')!;
      await settled(el);
      emergencyButton(el)!.click();
      await provider.updateComplete;
      expect([...dialogOf(provider).querySelectorAll<HTMLInputElement>('input[name="duration"]')].map((input) => input.value)).to.deep.equal(['15', '30']);
    });

    it('the dark and high-contrast presets keep the banner and prompt accessible', async () => {
      for (const theme of ['dark', 'high-contrast']) {
        const { provider, el } = await consentDenied();
        provider.theme = theme as 'dark';
        emergencyButton(el)!.click();
        await provider.updateComplete;
        await expect(provider).to.be.accessible();
        dialogOf(provider).querySelector('textarea')!.value = 'Respiratory arrest in clinic';
        dialogOf(provider).querySelector<HTMLButtonElement>('.confirm')!.click();
        await waitUntil(() => banner(provider) !== null, 'no banner');
        await expect(provider).to.be.accessible();
      }
    });
  });
});
