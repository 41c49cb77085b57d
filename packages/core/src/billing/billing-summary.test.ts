import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Resource } from '@chartwell/fhir';
import { fixtureJson } from '../../../../test/support/fixtures.js';
import { storeWith, syntheaResources } from '../../../../test/support/chart-fixtures.js';
import { InvalidError } from '../store/errors.js';
import { MemoryStore } from '../store/memory-store.js';
import { billingSummary } from './billing-summary.js';
import type { CurrencyAmount } from './money.js';

const text = (amounts: readonly CurrencyAmount[] | CurrencyAmount | undefined) =>
  amounts === undefined ? undefined : Array.isArray(amounts) ? amounts.map((a) => `${a.currency} ${a.value.toString()}`) : `${(amounts as CurrencyAmount).currency} ${(amounts as CurrencyAmount).value.toString()}`;

const CLEMENTE = 'd78af07c-9cb9-4f31-9b11-c45a28f2eec8';

describe('billingSummary on a Synthea patient (Clemente Kreiger: 3 claims, 3 EOBs)', () => {
  it('joins each claim with its EOB and sums exactly in USD', async () => {
    const store = await storeWith(syntheaResources('Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json'));
    const summary = await billingSummary(store, CLEMENTE, { asOf: '2019-01-01T00:00:00Z' });
    assert.equal(summary.asOf, '2019-01-01T00:00:00.000Z');
    assert.deepEqual(summary.claims.map((c) => [c.claimId, c.explanationOfBenefitIds, c.state, c.stateLabel, c.estimate]), [
      ['9006a35a-ea75-4666-bbfc-ca48a7ddb5fe', ['e9729d25-e5f3-40d4-b3a5-87b795189ece'], 'adjudicated', 'Adjudicated', false],
      ['991b73e3-6ba9-4ba7-9c39-a526351fc9cf', ['ad544db1-f947-492e-b25e-d17a7d753ba1'], 'adjudicated', 'Adjudicated', false],
      ['a93b70f2-c9a6-4dbd-9ed6-8f7c350f85af', ['5ca5a87f-be11-41dd-9c36-2de39282f8ff'], 'adjudicated', 'Adjudicated', false],
    ]);
    const [usd, ...others] = summary.figures;
    assert.equal(others.length, 0);
    // Claim totals 265.52 + 406.04 + 930.67; EOB payments 112.41600000000001 + 224.83200000000002 + 644.5360000000001;
    // patient share: line coinsurance (28.104000000000003 ×3, 133.03) + Part B deductible (0 each).
    assert.equal(text(usd?.charged), 'USD 1602.23');
    assert.equal(text(usd?.payerPaid), 'USD 981.78400000000013');
    assert.equal(text(usd?.patientResponsibility), 'USD 245.446000000000012');
    assert.equal(text(usd?.balance), 'USD 245.446000000000012');
    assert.equal(text(usd?.pending), 'USD 0');
    assert.deepEqual(summary.notices, []);
  });

  it('ages the balance from each adjudication date to the as-of time', async () => {
    const store = await storeWith(syntheaResources('Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json'));
    const summary = await billingSummary(store, `Patient/${CLEMENTE}`, { asOf: '2018-10-01T00:00:00Z' });
    // EOB of 2018-09-17 is 13 days old (161.134000000000003); those of 2012 and 2015 are over 90 days (28.104000000000003 + 56.208000000000006).
    assert.deepEqual(summary.figures[0]?.aging.map((a) => [a.bucket, a.amount.value.toString()]), [
      ['0-30', '161.134000000000003'],
      ['31-60', '0'],
      ['61-90', '0'],
      ['90+', '84.312000000000009'],
    ]);
  });

  it('leaves out what was created after the as-of time', async () => {
    const store = await storeWith(syntheaResources('Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json'));
    const summary = await billingSummary(store, CLEMENTE, { asOf: '2016-01-01T00:00:00Z' });
    assert.equal(summary.claims.length, 2);
    assert.equal(text(summary.figures[0]?.charged), 'USD 671.56');
  });

  it('breaks the bill down per visit, with line items and their adjudications', async () => {
    const store = await storeWith(syntheaResources('Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json'));
    const summary = await billingSummary(store, CLEMENTE, { asOf: '2019-01-01T00:00:00Z' });
    assert.deepEqual(summary.visits.map((v) => v.encounterId), ['2e0cc97b-c879-4762-bb5c-7127e44d7daa', 'f9c14be1-c91b-4dbd-b835-cd3fcd49afe8', 'afcee359-ffbb-4ae0-b54f-547eb3c58e68']);
    const first = summary.visits[2];
    assert.deepEqual(first?.lines.map((l) => [l.sequence, l.service.text, text(l.net)]), [
      [1, 'Encounter for check up (procedure)', undefined],
      [2, 'Influenza, seasonal, injectable, preservative free', 'USD 140.52'],
    ]);
    const flu = first?.lines[1];
    assert.deepEqual(flu?.adjudications.filter((a) => a.amount !== undefined).map((a) => [a.kind, a.label]), [
      ['patient-responsibility', 'Line Beneficiary Coinsurance Amount'],
      ['payer-paid', 'Line Provider Payment Amount'],
      ['submitted', 'Line Submitted Charge Amount'],
      ['eligible', 'Line Allowed Charge Amount'],
      ['patient-responsibility', 'Line Beneficiary Part B Deductible Amount'],
    ]);
    assert.equal(text(first?.patientResponsibility)?.[0], 'USD 28.104000000000003');
  });
});

describe('billingSummary on the official R4 examples', () => {
  it('reports a ClaimResponse with its payment, reason and copay, a pending claim, and a preauthorization as an estimate', async () => {
    const store = await storeWith(['Claim-100150', 'ClaimResponse-R3500', 'ClaimResponse-UR3503'].map((name) => fixtureJson<Resource>(`fhir/${name}.json`)));
    const summary = await billingSummary(store, 'Patient/1', { asOf: '2014-09-30T00:00:00Z' });
    assert.deepEqual(summary.claims.map((c) => [c.id, c.state, c.estimate]), [['100150', 'pending', false], ['R3500', 'adjudicated', false], ['UR3503', 'adjudicated', true]]);
    const r3500 = summary.claims[1];
    assert.equal(r3500?.disposition, 'Claim settled as per contract.');
    assert.deepEqual(r3500?.denialReasons.map((r) => r.coding?.[0]?.display), ['Plan Limit Reached']);
    assert.deepEqual(summary.payments.map((p) => [p.claimId, p.date, text(p.amount)]), [['R3500', '2014-08-31', 'USD 100.47']]);
    const usd = summary.figures[0];
    assert.equal(text(usd?.charged), 'USD 271.14'); // 135.57 pending on Claim 100150 + 135.57 submitted on R3500
    assert.equal(text(usd?.pending), 'USD 135.57');
    assert.equal(text(usd?.payerPaid), 'USD 100.47');
    assert.equal(text(usd?.balance), 'USD 10'); // R3500's copay
    assert.equal(text(usd?.estimatedPatientResponsibility), 'USD 10'); // UR3503's copay, kept apart
    assert.deepEqual(usd?.aging.map((a) => a.amount.value.toString()), ['0', '10', '0', '0']); // 45 days
  });

  it('counts an issued invoice to the patient at its gross total, in its own currency', async () => {
    const store = await storeWith(['Invoice-example', 'Account-ewg'].map((name) => fixtureJson<Resource>(`fhir/${name}.json`)));
    const summary = await billingSummary(store, 'example', { asOf: '2017-02-01T00:00:00Z' });
    assert.deepEqual(summary.invoices.map((i) => [i.id, i.status, text(i.totalNet), text(i.totalGross), text(i.outstanding)]), [['example', 'issued', 'EUR 40', 'EUR 48', 'EUR 48']]);
    assert.equal(text(summary.figures[0]?.balance), 'EUR 48');
    assert.deepEqual(summary.accounts.map((a) => [a.id, a.status, a.name, a.coverage.map((c) => c.reference)]), [['ewg', 'active', 'Inpatient: Peter James Chalmers', ['Coverage/9876B1', 'Coverage/7546D']]]);
  });

  it('tells active coverage from expired coverage at the as-of time', async () => {
    const store = await storeWith([fixtureJson<Resource>('fhir/Coverage-9876B1.json')]);
    const during = await billingSummary(store, 'Patient/4', { asOf: '2012-01-01T00:00:00Z' });
    assert.deepEqual(during.activeCoverage.map((c) => [c.id, c.classes.find((k) => k.type === 'plan')?.value]), [['9876B1', 'B37FC']]);
    const after = await billingSummary(store, 'Patient/4', { asOf: '2012-05-24T00:00:00Z' });
    assert.deepEqual(after.activeCoverage, []);
    assert.equal(after.coverage.length, 1);
  });

  it('lists HL7 v2 charge items (FHIR-Converter DFT^P03) under their visit', async () => {
    const bundle = fixtureJson<{ entry: { resource: Resource }[] }>('hl7v2-fhir/DFT-P03-01-expected.json');
    const store = await storeWith(bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'ChargeItem' || r.resourceType === 'Coverage' || r.resourceType === 'Account'));
    const summary = await billingSummary(store, '9e909e52-61a1-be50-1878-a12ef8c36346', { asOf: '2020-01-01T00:00:00Z' });
    assert.deepEqual(summary.chargeItems.map((c) => [c.id, c.status, c.code.coding?.[0]?.code, c.quantity, text(c.amount)]).sort(), [
      ['04416b40-122a-dff9-33f8-50643b805a97', 'unknown', '626.2', 1, 'USD 120'],
      ['efc256b2-6f47-d905-3279-bea236bf89bf', 'unknown', '71045', 2, 'USD 100'],
    ]);
    assert.deepEqual(summary.visits.map((v) => [v.encounterId, v.chargeItemIds.length]), [['4b192760-03d2-aec4-b0a6-fde323912e1e', 2]]);
    // status unknown is neither billable nor billed: they count in no figure
    assert.deepEqual(summary.figures, []);
    assert.deepEqual(summary.accounts.map((a) => a.coverage.map((c) => c.reference)), [['Coverage/dfab6985-a691-c4f5-d2b2-6481fdfd59e4']]);
  });
});

describe('billingSummary edge cases', () => {
  const claim = (id: string, value: number, currency: string | undefined, extra: Record<string, unknown> = {}): Resource =>
    ({ resourceType: 'Claim', id, status: 'active', use: 'claim', type: { text: 'professional' }, patient: { reference: 'Patient/p' }, created: '2026-01-10', provider: { display: 'Clinic' }, priority: { text: 'normal' }, insurance: [{ sequence: 1, focal: true, coverage: { display: 'Plan' } }], total: { value, ...(currency !== undefined && { currency }) }, ...extra }) as Resource;
  const eob = (id: string, claimId: string, patientShare: number, currency: string, extra: Record<string, unknown> = {}): Resource =>
    ({
      resourceType: 'ExplanationOfBenefit', id, status: 'active', use: 'claim', type: { text: 'professional' }, patient: { reference: 'Patient/p' }, created: '2026-01-20', insurer: { display: 'Payer' }, provider: { display: 'Clinic' }, outcome: 'complete', insurance: [{ focal: true, coverage: { display: 'Plan' } }], claim: { reference: `Claim/${claimId}` },
      item: [{ sequence: 1, productOrService: { text: 'Visit' }, net: { value: 1, currency }, adjudication: [{ category: { coding: [{ code: 'copay' }] }, amount: { value: patientShare, currency } }] }],
      ...extra,
    }) as Resource;

  it('adds 0.1 and 0.2 of patient share to exactly 0.3', async () => {
    const store = await storeWith([claim('c1', 1, 'USD'), eob('e1', 'c1', 0.1, 'USD'), claim('c2', 1, 'USD'), eob('e2', 'c2', 0.2, 'USD')]);
    const summary = await billingSummary(store, 'p', { asOf: '2026-02-01T00:00:00Z' });
    assert.equal(text(summary.figures[0]?.balance), 'USD 0.3');
  });

  it('never adds across currencies: each gets its own figures, with a notice', async () => {
    const store = await storeWith([claim('c1', 100, 'USD'), eob('e1', 'c1', 10, 'USD'), claim('c2', 50, 'EUR'), eob('e2', 'c2', 5, 'EUR'), claim('c3', 7, undefined)]);
    const summary = await billingSummary(store, 'p', { asOf: '2026-02-01T00:00:00Z' });
    assert.deepEqual(summary.figures.map((f) => [f.currency, f.charged.value.toString(), f.balance.value.toString()]), [['EUR', '50', '5'], ['USD', '100', '10'], ['XXX', '7', '0']]);
    assert.deepEqual(summary.notices.map((n) => n.code), ['mixed-currencies', 'no-currency']);
  });

  it('subtracts what the patient paid, and leaves cancelled and entered-in-error claims out', async () => {
    const paid = { category: { coding: [{ code: 'paidbypatient' }] }, amount: { value: 4, currency: 'USD' } };
    const store = await storeWith([
      claim('c1', 100, 'USD'),
      eob('e1', 'c1', 10, 'USD', { item: [{ sequence: 1, productOrService: { text: 'Visit' }, net: { value: 100, currency: 'USD' }, adjudication: [{ category: { coding: [{ code: 'copay' }] }, amount: { value: 10, currency: 'USD' } }, paid] }] }),
      claim('c2', 999, 'USD', { status: 'cancelled' }),
      claim('c3', 555, 'USD', { status: 'entered-in-error' }),
    ]);
    const summary = await billingSummary(store, 'p', { asOf: '2026-02-01T00:00:00Z' });
    const usd = summary.figures[0];
    assert.deepEqual([text(usd?.charged), text(usd?.patientPaid), text(usd?.balance)], ['USD 100', 'USD 4', 'USD 6']);
    assert.deepEqual(summary.claims.map((c) => [c.id, c.stateLabel]).sort(), [['c1', 'Adjudicated'], ['c2', 'Cancelled'], ['c3', 'Entered in error']]);
  });

  it('writes each figure with Intl in its currency: a credit in parentheses in en-US, euros in de-DE', async () => {
    const paid = { category: { coding: [{ code: 'paidbypatient' }] }, amount: { value: 15, currency: 'USD' } };
    const store = await storeWith([
      claim('c1', 100, 'USD'),
      eob('e1', 'c1', 10, 'USD', { item: [{ sequence: 1, productOrService: { text: 'Visit' }, net: { value: 100, currency: 'USD' }, adjudication: [{ category: { coding: [{ code: 'copay' }] }, amount: { value: 10, currency: 'USD' } }, paid] }] }),
      fixtureJson<Resource>('fhir/Invoice-example.json'),
    ]);
    const us = await billingSummary(store, 'p', { asOf: '2026-02-01T00:00:00Z', locale: 'en-US' });
    assert.deepEqual([us.figures[0]?.balance.value.toString(), us.figures[0]?.text.balance, us.asOfText], ['-5', '($5.00)', '01-Feb-2026 00:00']);
    const de = await billingSummary(store, 'example', { asOf: '2017-02-01T00:00:00Z', locale: 'de-DE', timeZone: 'Europe/Berlin' });
    assert.equal(de.figures[0]?.text.balance, '48,00\u00a0€');
    assert.equal(de.asOfText, '01-Feb-2017 01:00');
  });

  it('marks a claim denied when nothing was paid and a reason was given, keeping the reason', async () => {
    const denied = { category: { coding: [{ code: 'denied' }] }, reason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adjudication-reason', code: 'ar001', display: 'Not covered' }] }, amount: { value: 80, currency: 'USD' } };
    const store = await storeWith([claim('c1', 80, 'USD'), eob('e1', 'c1', 0, 'USD', { item: [{ sequence: 1, productOrService: { text: 'Visit' }, net: { value: 80, currency: 'USD' }, adjudication: [denied] }], payment: { amount: { value: 0, currency: 'USD' } } })]);
    const summary = await billingSummary(store, 'p', { asOf: '2026-02-01T00:00:00Z' });
    assert.deepEqual([summary.claims[0]?.state, summary.claims[0]?.stateLabel, summary.claims[0]?.denialReasons[0]?.coding?.[0]?.display], ['denied', 'Denied', 'Not covered']);
  });

  it('reports billable charge items as unbilled, apart from the balance', async () => {
    const item = (id: string, status: string, value: number): Resource => ({ resourceType: 'ChargeItem', id, status, code: { text: 'X-ray' }, subject: { reference: 'Patient/p' }, occurrenceDateTime: '2026-01-05', priceOverride: { value, currency: 'GBP' } }) as Resource;
    const store = await storeWith([item('a', 'billable', 12.5), item('b', 'billable', 0.25), item('c', 'billed', 100), item('d', 'entered-in-error', 7)]);
    const summary = await billingSummary(store, 'p', { asOf: '2026-02-01T00:00:00Z' });
    assert.deepEqual([text(summary.figures[0]?.unbilled), text(summary.figures[0]?.balance)], ['GBP 12.75', 'GBP 0']);
  });

  it('has no figures for a patient with no financial records, and refuses a bad patient id or as-of time', async () => {
    const store = new MemoryStore();
    const summary = await billingSummary(store, 'nobody', { asOf: '2026-02-01T00:00:00Z' });
    assert.deepEqual([summary.figures, summary.claims, summary.activeCoverage], [[], [], []]);
    await assert.rejects(billingSummary(store, 'Patient/a b'), (e: unknown) => e instanceof InvalidError && e.path === 'patientId');
    await assert.rejects(billingSummary(store, 'p', { asOf: 'yesterday' }), (e: unknown) => e instanceof InvalidError && e.path === 'asOf');
  });
});

describe('billingSummary properties', () => {
  it('property: the balance in each currency is exactly the sum of the patient shares recorded in it, never mixed', async () => {
    const cents = fc.integer({ min: 0, max: 1_000_000 });
    const share = fc.record({ cents, currency: fc.constantFrom('USD', 'EUR', 'JPY') });
    await fc.assert(
      fc.asyncProperty(fc.array(share, { minLength: 1, maxLength: 8 }), async (shares) => {
        const resources: Resource[] = shares.flatMap((s, i) => [
          { resourceType: 'Claim', id: `c${i}`, status: 'active', use: 'claim', type: { text: 't' }, patient: { reference: 'Patient/p' }, created: '2026-01-10', provider: { display: 'Clinic' }, priority: { text: 'normal' }, insurance: [{ sequence: 1, focal: true, coverage: { display: 'Plan' } }] } as Resource,
          {
            resourceType: 'ExplanationOfBenefit', id: `e${i}`, status: 'active', use: 'claim', type: { text: 't' }, patient: { reference: 'Patient/p' }, created: '2026-01-20', insurer: { display: 'Payer' }, provider: { display: 'Clinic' }, outcome: 'complete', insurance: [{ focal: true, coverage: { display: 'Plan' } }], claim: { reference: `Claim/c${i}` },
            item: [{ sequence: 1, productOrService: { text: 'Visit' }, adjudication: [{ category: { coding: [{ code: 'copay' }] }, amount: { value: s.cents / 100, currency: s.currency } }] }],
          } as Resource,
        ]);
        const summary = await billingSummary(await storeWith(resources), 'p', { asOf: '2026-02-01T00:00:00Z' });
        const expected = new Map<string, number>();
        for (const s of shares) expected.set(s.currency, (expected.get(s.currency) ?? 0) + s.cents);
        return (
          summary.figures.length === expected.size &&
          summary.figures.every((f) => {
            const inCents = f.balance.value.coefficient * 10n ** BigInt(2 - f.balance.value.scale);
            return inCents === BigInt(expected.get(f.currency) ?? -1);
          })
        );
      }),
      { numRuns: 40 },
    );
  });
});
