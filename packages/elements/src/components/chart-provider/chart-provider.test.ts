import { expect, fixture, html } from '@open-wc/testing';
import { ContextConsumer } from '@lit/context';
import { LitElement } from 'lit';
import { localeContext } from '../../context/locale-context.js';
import { timeZoneContext } from '../../context/time-zone-context.js';
import { storeContext } from '../../context/store-context.js';
import { MemoryStore } from '@chartwell/core';
import '../../define/cw-chart-provider.js';
import type { CwChartProvider } from './chart-provider.js';

/** A bare consumer, to see exactly what the provider hands down. */
class SettingsProbe extends LitElement {
  readonly locale = new ContextConsumer(this, { context: localeContext, subscribe: true });
  readonly timeZone = new ContextConsumer(this, { context: timeZoneContext, subscribe: true });
  readonly store = new ContextConsumer(this, { context: storeContext, subscribe: true });
}
customElements.define('test-settings-probe', SettingsProbe);

describe('<cw-chart-provider>', () => {
  it('hands its locale and time zone to widgets inside it', async () => {
    const provider = await fixture<CwChartProvider>(html`
      <cw-chart-provider locale="fr-CA" time-zone="America/Toronto"><test-settings-probe></test-settings-probe></cw-chart-provider>
    `);
    const probe = provider.querySelector<SettingsProbe>('test-settings-probe')!;
    expect(probe.locale.value).to.equal('fr-CA');
    expect(probe.timeZone.value).to.equal('America/Toronto');
  });

  it('tells subscribed widgets when a setting changes', async () => {
    const provider = await fixture<CwChartProvider>(html`
      <cw-chart-provider locale="en-GB"><test-settings-probe></test-settings-probe></cw-chart-provider>
    `);
    const probe = provider.querySelector<SettingsProbe>('test-settings-probe')!;
    provider.timeZone = 'Asia/Kolkata';
    await provider.updateComplete;
    expect(probe.timeZone.value).to.equal('Asia/Kolkata');
    expect(provider.getAttribute('time-zone')).to.equal(null); // properties do not reflect
  });

  it('falls back to the page language and the browser time zone', async () => {
    document.documentElement.lang = 'de-AT';
    try {
      const provider = await fixture<CwChartProvider>(html`<cw-chart-provider><test-settings-probe></test-settings-probe></cw-chart-provider>`);
      const probe = provider.querySelector<SettingsProbe>('test-settings-probe')!;
      expect(probe.locale.value).to.equal('de-AT');
      expect(probe.timeZone.value).to.equal(Intl.DateTimeFormat().resolvedOptions().timeZone);
    } finally {
      document.documentElement.lang = '';
    }
  });

  it('reads its attributes into properties', async () => {
    const provider = await fixture<CwChartProvider>(html`<cw-chart-provider locale="nl-NL" time-zone="Europe/Amsterdam"></cw-chart-provider>`);
    expect(provider.locale).to.equal('nl-NL');
    expect(provider.timeZone).to.equal('Europe/Amsterdam');
    await expect(provider).to.be.accessible();
  });

  it('hands its store to widgets inside it under the shared chartwell/store@0 key, and tells them when it changes', async () => {
    const first = new MemoryStore();
    const provider = await fixture<CwChartProvider>(html`<cw-chart-provider .store=${first}><test-settings-probe></test-settings-probe></cw-chart-provider>`);
    const probe = provider.querySelector<SettingsProbe>('test-settings-probe')!;
    expect(probe.store.value).to.equal(first);
    expect(storeContext).to.equal(Symbol.for('chartwell/store@0'));
    const second = new MemoryStore();
    provider.store = second;
    await provider.updateComplete;
    expect(probe.store.value).to.equal(second);
  });
});
