// What the React and Vue host examples' tests share: the widgets they render, the two Synthea
// patients they chart, a store that answers with the wrong patient's allergies, and the host's
// patient picker driven as a user drives it.
import { waitUntil } from '@open-wc/testing';
import type { ChartStore } from '@chartwell/core';
import { CLEMENTE, TONY, storeWith, syntheaResources } from './browser-fixtures.js';

/** Text with its runs of whitespace collapsed. */
export const squash = (value: string | null | undefined): string => (value ?? '').replace(/\s+/g, ' ').trim();

/** The text of an element's shadow root, whitespace collapsed. */
export const shadowText = (el: Element): string => squash(el.shadowRoot?.textContent);

/** The widgets the host examples render. */
export const HOST_WIDGETS = ['cw-patient-banner', 'cw-allergy-banner', 'cw-med-list', 'cw-problem-list'] as const;

/** The element for `tag` in `container`, once the host framework (`host`, for the message) has rendered it. */
export async function renderedIn<K extends keyof HTMLElementTagNameMap>(container: HTMLElement, tag: K, host: string): Promise<HTMLElementTagNameMap[K]> {
  await waitUntil(() => container.querySelector(tag), `${host} never rendered <${tag}>`);
  const el = container.querySelector(tag);
  if (!el) throw new Error(`<${tag}> left the page`);
  return el;
}

/** Waits until every widget in `container` has finished loading for `patientId`. */
export async function hostWidgetsLoaded(container: HTMLElement, patientId: string, host: string): Promise<void> {
  for (const tag of HOST_WIDGETS) {
    const el = await renderedIn(container, tag, host);
    await waitUntil(() => el.patientId === patientId && !el.hasCustomState('loading'), `<${tag}> never loaded patient ${patientId}`);
  }
}

/** Tony Douglas and Clemente Kreiger (Synthea), in one MemoryStore. */
export async function twoPatients(): Promise<ChartStore> {
  return storeWith([...(await syntheaResources(TONY.file)), ...(await syntheaResources(CLEMENTE.file))]);
}

/** A broken store: every allergy search answers with `patientId`'s allergies, whoever was asked for. */
export function wrongPatientAllergies(inner: ChartStore, patientId: string): ChartStore {
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'search') {
        return (type: string, query: object, ...rest: unknown[]) =>
          (target.search as (...args: unknown[]) => Promise<unknown>).call(target, type, type === 'AllergyIntolerance' ? { ...query, patient: patientId } : query, ...rest);
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Picks `patientId` in the host's patient picker (the first select in `container`), as a user's choice does (a change event). */
export function pickPatient(container: HTMLElement, patientId: string): void {
  const select = container.querySelector('select');
  if (!select) throw new Error('the host has no patient picker');
  select.value = patientId;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}
