/** The FHIR release every Chartwell type, schema and validator follows: R4 (4.0.1). */
export const FHIR_VERSION = '4.0.1';
