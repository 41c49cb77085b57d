// The portal's one script for the chart page (an external module: the page's Content Security
// Policy allows no inline script). It loads the single-file Chartwell bundle, keeps the chart in a
// MemoryStore filled from two real Synthea patients, and wires the widgets to the portal's own
// parts: its patient picker sets `patient-id`, its alert banner reports `cw-error` and
// `cw-context-mismatch` without any patient data.
import { MemoryStore, importBundle } from '../../packages/elements/dist/chartwell.bundle.js';

/** Real Synthea patients (Apache-2.0), shipped with the demo portal. */
const PATIENT_FILES = [
  '../portal/data/Tony_Douglas_f6d715f8-94c0-49ad-a46a-4f96dc7a67b4.json',
  '../portal/data/Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json',
];
const CHART_WIDGETS = 'cw-patient-banner, cw-allergy-banner, cw-med-list, cw-problem-list';

const provider = document.querySelector('cw-chart-provider');
const picker = document.querySelector('#patient-picker');
const status = document.querySelector('#portal-status');
const portalAlert = document.querySelector('#portal-alert');

/** Binds every chart widget on the page to one patient; the widgets never show the previous one's data meanwhile. */
function showPatient(patientId) {
  portalAlert.hidden = true;
  for (const widget of document.querySelectorAll(CHART_WIDGETS)) widget.setAttribute('patient-id', patientId);
}

/** The portal's own alert: the failure's code, never its diagnostics or any record content. */
function alertPortal(text) {
  portalAlert.textContent = text;
  portalAlert.hidden = false;
}

provider.addEventListener('cw-error', (event) => {
  const code = event.detail.outcome.issue?.[0]?.code ?? 'exception';
  alertPortal(`Part of this chart could not be shown (${code}). The rest of the page still works; try again or call the help desk.`);
});
provider.addEventListener('cw-context-mismatch', () => {
  alertPortal('A chart panel held a record of another patient and was blanked. Please report this to the help desk.');
});
picker.addEventListener('change', () => showPatient(picker.value));

try {
  const store = new MemoryStore();
  const patients = [];
  for (const file of PATIENT_FILES) {
    const response = await fetch(file);
    if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
    const { idMap } = await importBundle(store, await response.json());
    const reference = [...idMap.values()].find((value) => value.startsWith('Patient/'));
    const patient = await store.read('Patient', reference.slice('Patient/'.length));
    const name = patient.name?.find((n) => n.use === 'official') ?? patient.name?.[0];
    patients.push({ id: patient.id, label: `${name?.family ?? ''}, ${(name?.given ?? []).join(' ')}` });
  }
  provider.store = store;
  picker.replaceChildren(...patients.map(({ id, label }) => new Option(label, id)));
  picker.disabled = false;
  showPatient(patients[0].id);
  status.textContent = '';
} catch (error) {
  status.textContent = `The sample patients could not be loaded: ${error.message}`;
}
