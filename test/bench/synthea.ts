// The Synthea Bundles in test/fixtures/synthea/, read from the repository (never from outside it).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Just enough of a FHIR resource for the harness: everything else is opaque to it. */
export interface AnyResource {
  resourceType: string;
  id?: string;
  [key: string]: unknown;
}

export const SYNTHEA_DIR = fileURLToPath(new URL('../fixtures/synthea/', import.meta.url));

/** The .json Bundle files under `dir` (recursively), sorted so every run sees the same resources in the same order. */
export function syntheaFiles(dir = SYNTHEA_DIR): string[] {
  if (!existsSync(dir)) {
    throw new Error(`${dir} does not exist: the benchmarks need the Synthea Bundles in test/fixtures/synthea/.`);
  }
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.json')) files.push(full);
    }
  };
  walk(dir);
  files.sort();
  if (files.length === 0) throw new Error(`${dir} has no .json Bundles.`);
  return files;
}

/** Every `entry[].resource` of the Bundle at `file`, in Bundle order. */
export function bundleResources(file: string): AnyResource[] {
  const bundle = JSON.parse(readFileSync(file, 'utf8')) as { resourceType?: string; entry?: { resource?: AnyResource }[] };
  if (bundle.resourceType !== 'Bundle') throw new Error(`${file} is not a FHIR Bundle.`);
  return (bundle.entry ?? []).flatMap((entry) => (entry.resource ? [entry.resource] : []));
}

/** Every `entry[].resource` of every Bundle, files in name order, entries in Bundle order. */
export function loadSyntheaResources(dir = SYNTHEA_DIR): { files: string[]; resources: AnyResource[] } {
  const files = syntheaFiles(dir);
  return { files, resources: files.flatMap(bundleResources) };
}

/** The file of the first Bundle (in name order) that holds a Patient. */
export function firstPatientBundle(dir = SYNTHEA_DIR): string {
  const file = syntheaFiles(dir).find((name) => bundleResources(name).some((resource) => resource.resourceType === 'Patient'));
  if (!file) throw new Error(`No Synthea Bundle in ${dir} holds a Patient.`);
  return file;
}

/** `Patient/1234` for messages: resource type and id only, never other patient data. */
export function label(resource: AnyResource): string {
  return `${resource.resourceType}/${resource.id ?? '(no id)'}`;
}
