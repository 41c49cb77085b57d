// The React 19 host in Chromium: the Chartwell widgets render real Synthea data inside a React
// tree, follow React state, and report their cw-error to a typed handler.
import { expect, waitUntil } from '@open-wc/testing';
import { spy } from 'sinon';
import { createRoot, type Root } from 'react-dom/client';
import type { ReactElement } from 'react';
import { UnavailableError } from '@chartwell/core';
import { CwContextMismatchEvent, CwErrorEvent } from '@chartwell/elements';
import { CLEMENTE, TONY, failingStore } from '../../test/support/browser-fixtures.js';
import { HOST_WIDGETS as WIDGETS, hostWidgetsLoaded, pickPatient, renderedIn, shadowText, squash, twoPatients, wrongPatientAllergies } from '../../test/support/host-example-fixtures.js';
import { ChartApp } from './chart-app.js';

let container: HTMLElement;
let root: Root;

/** Renders `app` with React into a fresh container on the page. */
function render(app: ReactElement): void {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  root.render(app);
}

/** The element for `tag` in the app, once React has rendered it. */
const rendered = <K extends keyof HTMLElementTagNameMap>(tag: K) => renderedIn(container, tag, 'React');

/** Waits until every widget has finished loading for `patientId`. */
const widgetsLoaded = (patientId: string) => hostWidgetsLoaded(container, patientId, 'React');

/** Picks `patientId` in the app's patient picker. */
const pick = (patientId: string) => pickPatient(container, patientId);

afterEach(() => {
  root.unmount();
  container.remove();
});

describe('examples/react: Chartwell widgets in a React 19 host', () => {
  it("renders Tony Douglas's chart inside the React tree, with the store as a property and patient-id as an attribute", async () => {
    const store = await twoPatients();
    render(<ChartApp store={store} locale="en-GB" timeZone="UTC" />);
    await widgetsLoaded(TONY.id);
    // the picker offers both patients, named as the banner names them, sorted; Tony is picked first
    const options = [...container.querySelectorAll('option')].map((option) => [option.value, option.textContent]);
    expect(options).to.deep.equal([
      [TONY.id, 'DOUGLAS, Tony (Mr.)'],
      [CLEMENTE.id, 'KREIGER, Clemente (Mr.)'],
    ]);
    const provider = await rendered('cw-chart-provider');
    expect(provider.store).to.equal(store);
    expect(provider.hasAttribute('store')).to.equal(false);
    expect(provider.getAttribute('time-zone')).to.equal('UTC');
    const banner = await rendered('cw-patient-banner');
    expect(banner.getAttribute('patient-id')).to.equal(TONY.id);
    expect(squash(banner.shadowRoot!.querySelector('[part="name"]')!.textContent)).to.equal('DOUGLAS, Tony (Mr.)');
    expect(shadowText(await rendered('cw-allergy-banner'))).to.contain('Known allergies (7)');
    expect(squash((await rendered('cw-med-list')).shadowRoot!.querySelector('#tab-current')!.textContent)).to.equal('Current (3)');
    expect(squash((await rendered('cw-problem-list')).shadowRoot!.querySelector('.section-active h3')!.textContent)).to.equal('Active problems (3)');
    expect(squash(container.querySelector('[role="status"]')!.textContent)).to.equal('No widget errors');
  });

  it('re-binds the same widget elements to the patient picked in React state', async () => {
    render(<ChartApp store={await twoPatients()} locale="en-GB" timeZone="UTC" />);
    await widgetsLoaded(TONY.id);
    const before = await Promise.all(WIDGETS.map((tag) => rendered(tag)));
    pick(CLEMENTE.id);
    await widgetsLoaded(CLEMENTE.id);
    const after = await Promise.all(WIDGETS.map((tag) => rendered(tag)));
    // React updated the attribute on the elements it had; it did not remount them
    after.forEach((el, i) => expect(el).to.equal(before[i]));
    for (const el of after) expect(el.getAttribute('patient-id')).to.equal(CLEMENTE.id);
    expect(squash(after[0]!.shadowRoot!.querySelector('[part="name"]')!.textContent)).to.equal('KREIGER, Clemente (Mr.)');
    // Clemente has no allergy record: "not recorded", never "none"; one active problem (obesity)
    expect(shadowText(after[1]!)).to.contain('Allergies not recorded');
    expect(shadowText(after[1]!)).to.not.contain('Known allergies');
    expect(squash(after[3]!.shadowRoot!.querySelector('.section-active h3')!.textContent)).to.equal('Active problems (1)');
    expect(shadowText(after[3]!)).to.contain('Body mass index 30+ - obesity (finding)');
    expect(shadowText(after[3]!)).to.not.contain('Hypertension');
    // and back: Tony's data again, nothing of Clemente's left
    pick(TONY.id);
    await widgetsLoaded(TONY.id);
    expect(shadowText(after[1]!)).to.contain('Known allergies (7)');
  });

  it('hands a cw-error to the typed oncw-error handler, and shows its widget and issue code', async () => {
    const inner = await twoPatients();
    const store = failingStore(inner, (method, type) => method === 'search' && type === 'MedicationRequest', new UnavailableError({ resourceType: 'MedicationRequest' }, 'The medication service is down'));
    const onWidgetError = spy((_event: CwErrorEvent) => undefined);
    render(<ChartApp store={store} locale="en-GB" timeZone="UTC" onWidgetError={onWidgetError} />);
    await widgetsLoaded(TONY.id);
    await waitUntil(() => onWidgetError.called, 'no cw-error reached the React handler');
    const event = onWidgetError.firstCall.args[0];
    expect(event).to.be.instanceOf(CwErrorEvent);
    expect(event.type).to.equal('cw-error');
    expect((event.target as Element).localName).to.equal('cw-med-list');
    expect(event.detail.patientId).to.equal(TONY.id);
    // UnavailableError is the OperationOutcome code "transient"
    expect(event.detail.outcome.issue[0]!.code).to.equal('transient');
    // only the med list failed
    expect(onWidgetError.getCalls().map((call) => (call.args[0].target as Element).localName)).to.deep.equal(['cw-med-list']);
    await waitUntil(() => squash(container.querySelector('[role="status"]')!.textContent) === 'Last widget error: cw-med-list (transient)', 'the app never showed the error');
    // the diagnostics are for the host's logs, not for the page
    expect(container.textContent).to.not.contain('The medication service is down');
  });

  it('passes i18n as a property: a widget outside the provider with its own store and strings', async () => {
    const store = await twoPatients();
    render(<cw-allergy-banner patient-id={CLEMENTE.id} store={store} locale="en-GB" time-zone="UTC" i18n={{ notRecorded: 'No allergy record in this chart' }} />);
    const el = await rendered('cw-allergy-banner');
    await waitUntil(() => !el.hasCustomState('loading'), 'the banner never loaded');
    expect(el.store).to.equal(store);
    expect(el.i18n).to.deep.equal({ notRecorded: 'No allergy record in this chart' });
    expect(el.hasAttribute('i18n')).to.equal(false);
    expect(shadowText(el)).to.contain('No allergy record in this chart');
  });

  it('hands a cw-context-mismatch to the typed oncw-context-mismatch handler when the store answers for another patient', async () => {
    const store = wrongPatientAllergies(await twoPatients(), TONY.id);
    const onMismatch = spy((_event: CwContextMismatchEvent) => undefined);
    render(<cw-allergy-banner patient-id={CLEMENTE.id} store={store} locale="en-GB" time-zone="UTC" oncw-context-mismatch={onMismatch} />);
    const el = await rendered('cw-allergy-banner');
    await waitUntil(() => onMismatch.called, 'no cw-context-mismatch reached the React handler');
    const event = onMismatch.firstCall.args[0];
    expect(event).to.be.instanceOf(CwContextMismatchEvent);
    expect(event.detail).to.deep.equal({ patientId: CLEMENTE.id, found: [`Patient/${TONY.id}`] });
    // none of Tony's allergies on Clemente's banner
    expect(shadowText(el)).to.not.contain('Allergy to eggs');
  });

  it('passes axe on the rendered app', async () => {
    render(<ChartApp store={await twoPatients()} locale="en-GB" timeZone="UTC" />);
    await widgetsLoaded(TONY.id);
    await expect(container).to.be.accessible();
  });
});
