import { expect } from '@open-wc/testing';
import { parseRoute, routeHash } from './portal-route.js';

describe('demo portal: routes in the URL hash', () => {
  it('reads each page, and the patient of the chart and billing pages', () => {
    expect(parseRoute('#patients')).to.deep.equal({ page: 'patients' });
    expect(parseRoute('#chart/79c96478-7878-4703-9e94-b999f2bc3295')).to.deep.equal({ page: 'chart', patientId: '79c96478-7878-4703-9e94-b999f2bc3295' });
    expect(parseRoute('#billing/a%2Fb')).to.deep.equal({ page: 'billing', patientId: 'a/b' });
    expect(parseRoute('#schedule')).to.deep.equal({ page: 'schedule' });
    expect(parseRoute('#settings')).to.deep.equal({ page: 'settings' });
    // the schedule and settings pages take no patient; the chart without one asks for one
    expect(parseRoute('#schedule/x')).to.deep.equal({ page: 'schedule' });
    expect(parseRoute('#chart/')).to.deep.equal({ page: 'chart' });
  });

  it('takes an empty or unknown hash as the patient list', () => {
    expect(parseRoute('')).to.deep.equal({ page: 'patients' });
    expect(parseRoute('#')).to.deep.equal({ page: 'patients' });
    expect(parseRoute('#nowhere/1')).to.deep.equal({ page: 'patients' });
  });

  it('writes the hash of a route, the patient id escaped, and reads it back', () => {
    expect(routeHash({ page: 'chart', patientId: 'a/b c' })).to.equal('#chart/a%2Fb%20c');
    expect(routeHash({ page: 'settings', patientId: 'ignored' })).to.equal('#settings');
    for (const route of [{ page: 'chart', patientId: 'a/b c' }, { page: 'billing', patientId: 'x' }, { page: 'schedule' }] as const) expect(parseRoute(routeHash(route))).to.deep.equal(route);
  });
});
