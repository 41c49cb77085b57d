import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { TONY, storeWith, syntheaResources } from '../../../../test/support/browser-fixtures.js';
import { ignoreResizeObserverLoopErrors } from '../../../../test/support/benign-errors.js';
import '../define/cw-chart-provider.js';
import '../define/cw-patient-banner.js';
import '../define/cw-allergy-banner.js';
import '../define/cw-med-list.js';
import '../define/cw-problem-list.js';
import '../define/cw-notes.js';
import '../define/cw-results.js';
import type { CwChartProvider } from '../components/chart-provider/chart-provider.js';

type Widget = HTMLElement & { hasCustomState(state: string): boolean };

/** The relative luminance of a computed `rgb(…)` colour (WCAG 2). */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((channel) => {
    const value = Number(channel) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

async function chartIn(theme: string) {
  const store = await storeWith(await syntheaResources(TONY.file));
  // a high-criticality allergy, so the danger colours are on screen too
  await store.create({ resourceType: 'AllergyIntolerance', criticality: 'high', clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] }, patient: { reference: `Patient/${TONY.id}` }, code: { text: 'Penicillin' } });
  const provider = await fixture<CwChartProvider>(html`<cw-chart-provider theme=${theme} locale="en-GB" time-zone="UTC" .store=${store}>
    <cw-patient-banner patient-id=${TONY.id}></cw-patient-banner>
    <cw-allergy-banner patient-id=${TONY.id}></cw-allergy-banner>
    <cw-med-list patient-id=${TONY.id}></cw-med-list>
    <cw-problem-list patient-id=${TONY.id}></cw-problem-list>
    <cw-notes patient-id=${TONY.id}></cw-notes>
    <cw-results patient-id=${TONY.id}></cw-results>
  </cw-chart-provider>`);
  const widgets = [...provider.children] as Widget[];
  for (const el of widgets) await waitUntil(() => !el.hasCustomState('loading'), `<${el.localName}> never finished loading`);
  return { provider, widgets };
}

describe('theme presets on <cw-chart-provider theme>', function () {
  // seven widgets loaded and checked by axe per theme: slower than one widget's tests on a busy machine
  this.timeout(20000);
  ignoreResizeObserverLoopErrors();
  for (const theme of ['light', 'dark', 'high-contrast']) {
    it(`passes axe (colour contrast included) with every widget in the ${theme} theme`, async () => {
      const { provider, widgets } = await chartIn(theme);
      // the reactions and details hold text too: open them so axe checks their contrast
      for (const el of widgets) for (const toggle of el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[aria-expanded="false"]')) toggle.click();
      // one axe run over the provider: it walks every widget's shadow root
      await expect(provider).to.be.accessible();
      expect(getComputedStyle(provider).colorScheme).to.equal(theme === 'dark' ? 'dark' : 'light');
    });
  }

  it('turns text light on a dark background in the dark theme, and dark on light otherwise', async () => {
    for (const theme of ['light', 'dark', 'high-contrast']) {
      const { provider, widgets } = await chartIn(theme);
      const background = luminance(getComputedStyle(provider).backgroundColor);
      const heading = widgets[2]!.shadowRoot!.querySelector('h2')!;
      const text = luminance(getComputedStyle(heading).color);
      if (theme === 'dark') expect(text, theme).to.be.greaterThan(background);
      else expect(text, theme).to.be.lessThan(background);
      // WCAG AA for body text: a contrast ratio of at least 4.5
      const [light, dark] = text > background ? [text, background] : [background, text];
      expect((light + 0.05) / (dark + 0.05), theme).to.be.at.least(theme === 'high-contrast' ? 7 : 4.5);
    }
  });

  it('lets a host token override a preset value', async () => {
    const { provider, widgets } = await chartIn('dark');
    provider.style.setProperty('--cw-color-text', 'rgb(255, 0, 255)');
    const heading = widgets[2]!.shadowRoot!.querySelector('h2')!;
    expect(getComputedStyle(heading).color).to.equal('rgb(255, 0, 255)');
  });
});
