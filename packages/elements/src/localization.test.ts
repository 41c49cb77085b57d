import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { TONY, storeWith, syntheaResources } from '../../../test/support/browser-fixtures.js';
import { currentTextLocale as getLocale, textLocaleFor } from './localization.js';
import './define/cw-chart-provider.js';
import './define/cw-allergy-banner.js';
import './define/cw-med-list.js';
import type { CwChartProvider } from './components/chart-provider/chart-provider.js';
import type { CwMedList } from './components/med-list/med-list.js';

const squash = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();

describe('text language (@lit/localize) from <cw-chart-provider locale>', () => {
  it('maps a locale to the language Chartwell is written in: Spanish for es-*, English otherwise', () => {
    expect(textLocaleFor('es')).to.equal('es');
    expect(textLocaleFor('es-MX')).to.equal('es');
    expect(textLocaleFor('ES_es')).to.equal('es');
    expect(textLocaleFor('en-GB')).to.equal('en');
    expect(textLocaleFor('de-DE')).to.equal('en');
    expect(textLocaleFor('')).to.equal('en');
  });

  it('writes the widgets in Spanish under locale="es-ES", and back in English when the locale changes', async () => {
    const store = await storeWith(await syntheaResources(TONY.file));
    const provider = await fixture<CwChartProvider>(html`<cw-chart-provider locale="es-ES" time-zone="Europe/Madrid" .store=${store}>
      <cw-allergy-banner patient-id=${TONY.id}></cw-allergy-banner>
      <cw-med-list patient-id=${TONY.id}></cw-med-list>
    </cw-chart-provider>`);
    const [banner, list] = [...provider.children] as CwMedList[];
    await waitUntil(() => getLocale() === 'es' && !banner!.hasCustomState('loading') && !list!.hasCustomState('loading'), 'the Spanish text never loaded');
    await list!.updateComplete;
    // Tony Douglas has seven allergies and three current medications (see the allergy-banner and med-list tests)
    expect(squash(banner!.shadowRoot!.querySelector('.headline')?.textContent)).to.equal('Alergias conocidas (7)');
    expect(squash(list!.shadowRoot!.querySelector('h2')?.textContent)).to.equal('Medicación');
    expect(squash(list!.shadowRoot!.querySelector('#tab-current')?.textContent)).to.equal('Actual (3)');
    expect(squash(list!.shadowRoot!.querySelector('[part="as-of"]')?.textContent)).to.match(/^Datos a .+ · This page$/);
    expect(list!.shadowRoot!.querySelector('input[type="search"]')!.closest('label')!.textContent).to.contain('Filtrar medicación');
    await expect(list).to.be.accessible();

    provider.locale = 'en-GB';
    await waitUntil(() => getLocale() === 'en', 'the text never went back to English');
    await list!.updateComplete;
    expect(squash(list!.shadowRoot!.querySelector('h2')?.textContent)).to.equal('Medications');
    expect(squash(banner!.shadowRoot!.querySelector('.headline')?.textContent)).to.equal('Known allergies (7)');
  });

  it('lets a widget\'s own i18n strings win over the translation', async () => {
    const store = await storeWith(await syntheaResources(TONY.file));
    const provider = await fixture<CwChartProvider>(html`<cw-chart-provider locale="es" .store=${store}>
      <cw-med-list patient-id=${TONY.id} .i18n=${{ heading: 'Fármacos' }}></cw-med-list>
    </cw-chart-provider>`);
    const list = provider.querySelector('cw-med-list')!;
    await waitUntil(() => getLocale() === 'es' && !list.hasCustomState('loading'), 'the list never loaded in Spanish');
    await list.updateComplete;
    expect(squash(list.shadowRoot!.querySelector('h2')?.textContent)).to.equal('Fármacos');
    expect(squash(list.shadowRoot!.querySelector('#tab-current')?.textContent)).to.equal('Actual (3)');
    provider.locale = 'en';
    await waitUntil(() => getLocale() === 'en', 'the text never went back to English');
  });
});
