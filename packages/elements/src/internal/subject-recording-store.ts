import type { Resource } from '@chartwell/fhir';
import { patientOf } from '@chartwell/core';
import type { ChartStore } from '@chartwell/core';

/**
 * A view of `store` that notes, in `subjects`, the patient (`Patient/<id>`) of every resource its
 * reads and searches return, included resources too. The data widgets check these against the
 * bound patient, whatever view they run. Writes, history and watch pass through untouched.
 */
export function subjectRecordingStore(store: ChartStore, subjects: Set<string>): ChartStore {
  const note = (resource: unknown) => {
    if (typeof resource !== 'object' || resource === null || !('resourceType' in resource)) return;
    const subject = patientOf(resource as Resource);
    if (subject !== undefined) subjects.add(subject);
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'read') {
        return async (...args: Parameters<ChartStore['read']>) => {
          const resource = await target.read(...args);
          note(resource);
          return resource;
        };
      }
      if (property === 'search') {
        return async (...args: Parameters<ChartStore['search']>) => {
          const page = await target.search(...args);
          for (const resource of page) note(resource);
          for (const resource of page.included ?? []) note(resource);
          return page;
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
