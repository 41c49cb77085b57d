// The theming page: the banners and the medication list of a real Synthea patient (Tony Douglas)
// in the preset named by `?theme=light|dark|high-contrast|auto`, or with a host's own tokens and
// parts (`?theme=branded`). scripts/screenshots.ts photographs it for docs/theming.md.
import '@chartwell/elements/define/cw-chart-provider.js';
import '@chartwell/elements/define/cw-patient-banner.js';
import '@chartwell/elements/define/cw-allergy-banner.js';
import '@chartwell/elements/define/cw-med-list.js';
import type { ChartTheme } from '@chartwell/elements';
import { demoStore } from '../host-kit/demo-store.js';

const provider = document.querySelector('cw-chart-provider');
if (!provider) throw new Error('The theming page has no <cw-chart-provider>');
const theme = new URLSearchParams(location.search).get('theme') ?? 'light';
if (theme === 'branded') provider.classList.add('branded');
else provider.theme = theme as ChartTheme;
const store = await demoStore();
provider.store = store;
// the import gives the patients new ids: find Tony Douglas by name
const tony = (await store.search('Patient', { _count: 10 })).find((patient) => patient.name?.[0]?.family?.startsWith('Douglas'));
for (const widget of provider.querySelectorAll('cw-patient-banner, cw-allergy-banner, cw-med-list')) widget.setAttribute('patient-id', tony?.id ?? '');
document.body.dataset['ready'] = 'true';
