import { expect, fixture, html } from '@open-wc/testing';
import { stub } from 'sinon';
import '../../define/cw-chart-provider.js';
import '../../define/cw-clinic-date.js';
import type { CwChartProvider } from '../chart-provider/chart-provider.js';
import type { CwClinicDate } from './clinic-date.js';

// 12:00 UTC on Wednesday 25 November 2026: already Thursday the 26th east of UTC+12,
// still Wednesday the 25th everywhere west of it.
const noonUtc = new Date(Date.UTC(2026, 10, 25, 12, 0, 0));

const shadow = (el: HTMLElement) => el.shadowRoot!;
// CLDR punctuation changes between ICU releases ("Thursday 26 November" / "Thursday, 26 November"),
// so the words are checked, not the exact string.
const words = (text: string | null | undefined) => (text ?? '').split(/[\s,]+/).filter(Boolean);
const part = (el: HTMLElement, name: string) => shadow(el).querySelector<HTMLElement>(`[part="${name}"]`);

async function inProvider(settings: { locale: string; timeZone: string }) {
  const provider = await fixture<CwChartProvider>(html`
    <cw-chart-provider locale=${settings.locale} time-zone=${settings.timeZone}>
      <cw-clinic-date .date=${noonUtc}></cw-clinic-date>
    </cw-chart-provider>
  `);
  const el = provider.querySelector('cw-clinic-date')!;
  await el.updateComplete;
  return { provider, el };
}

describe('<cw-clinic-date>', () => {
  it('is not displayed while the host sets the hidden attribute (its :host display does not override it)', async () => {
    const el = await fixture<CwClinicDate>(html`<cw-clinic-date hidden time-zone="Europe/London"></cw-clinic-date>`);
    expect(getComputedStyle(el).display).to.equal('none');
    el.hidden = false;
    await el.updateComplete;
    expect(getComputedStyle(el).display).to.not.equal('none');
  });

  it('shows the date in the provider\'s time zone, not the browser\'s', async () => {
    const { el } = await inProvider({ locale: 'en-GB', timeZone: 'Pacific/Kiritimati' }); // UTC+14
    expect(words(part(el, 'date')!.textContent)).to.have.ordered.members(['Thursday', '26', 'November', '2026']);
    expect(part(el, 'date')!.getAttribute('datetime')).to.equal('2026-11-26');
    expect(part(el, 'time-zone')!.textContent).to.contain('Pacific/Kiritimati');
    await expect(el).to.be.accessible();
  });

  it('formats in the provider\'s locale, and the day follows the zone west of UTC', async () => {
    const { el } = await inProvider({ locale: 'fr-FR', timeZone: 'Pacific/Pago_Pago' }); // UTC-11
    expect(words(part(el, 'date')!.textContent)).to.have.ordered.members(['mercredi', '25', 'novembre', '2026']);
    expect(part(el, 'date')!.getAttribute('datetime')).to.equal('2026-11-25');
  });

  it('follows the provider when its settings change', async () => {
    const { provider, el } = await inProvider({ locale: 'en-GB', timeZone: 'Pacific/Pago_Pago' });
    provider.timeZone = 'Asia/Tokyo';
    await provider.updateComplete;
    await el.updateComplete;
    expect(part(el, 'date')!.getAttribute('datetime')).to.equal('2026-11-25');
    expect(part(el, 'time-zone')!.textContent).to.contain('Asia/Tokyo');
    provider.timeZone = 'Pacific/Kiritimati';
    await provider.updateComplete;
    await el.updateComplete;
    expect(part(el, 'date')!.getAttribute('datetime')).to.equal('2026-11-26');
  });

  it('lets its own attributes override the provider, and works with no provider at all', async () => {
    const el = await fixture<CwClinicDate>(html`<cw-clinic-date locale="en-US" time-zone="America/Los_Angeles" .date=${noonUtc}></cw-clinic-date>`);
    expect(el.locale).to.equal('en-US');
    expect(el.timeZone).to.equal('America/Los_Angeles');
    expect(words(part(el, 'date')!.textContent)).to.have.ordered.members(['Wednesday', 'November', '25', '2026']);
    el.setAttribute('time-zone', 'Pacific/Kiritimati');
    await el.updateComplete;
    expect(el.effectiveTimeZone).to.equal('Pacific/Kiritimati');
    expect(part(el, 'date')!.getAttribute('datetime')).to.equal('2026-11-26');
  });

  it('shows an error naming the setting, warns, and never a date, when the time zone is not valid', async () => {
    const warn = stub(console, 'warn');
    try {
      const { el } = await inProvider({ locale: 'en-GB', timeZone: 'Mars/Olympus_Mons' });
      expect(part(el, 'date')).to.equal(null);
      expect(part(el, 'error')!.textContent).to.contain('"Mars/Olympus_Mons"');
      expect(el.hasCustomState('error')).to.equal(true);
      expect(warn.calledOnce).to.equal(true);
      expect(String(warn.firstCall.args[0])).to.contain('Mars/Olympus_Mons');
      await expect(el).to.be.accessible();
    } finally {
      warn.restore();
    }
  });

  it('recovers from the error state when the setting is corrected', async () => {
    const warn = stub(console, 'warn');
    try {
      const { provider, el } = await inProvider({ locale: 'en-GB', timeZone: 'Not/AZone' });
      provider.timeZone = 'Europe/London';
      await provider.updateComplete;
      await el.updateComplete;
      expect(el.hasCustomState('error')).to.equal(false);
      expect(words(part(el, 'date')!.textContent)).to.have.ordered.members(['Wednesday', '25', 'November', '2026']);
    } finally {
      warn.restore();
    }
  });

  it('takes translated strings through i18n', async () => {
    const el = await fixture<CwClinicDate>(html`<cw-clinic-date time-zone="Europe/Paris" .date=${noonUtc}
      .i18n=${{ timeZone: 'Fuseau horaire', invalidSettings: () => 'Date indisponible' }}></cw-clinic-date>`);
    expect(part(el, 'time-zone')!.textContent).to.contain('Fuseau horaire');
  });
});
