/**
 * Thrown by `ccdaToFhir` when the input is not well-formed XML, is not a C-CDA document, or holds
 * something that cannot be converted. `path` is the XPath of the offending node
 * (`/ClinicalDocument/recordTarget[1]/patientRole`), `/` for the document as a whole.
 */
export class CcdaError extends Error {
  /** Stable machine-readable code: `invalid` for bad input. */
  readonly code = 'invalid';
  /** The XPath of the node concerned. */
  readonly path: string;

  constructor(path: string, message: string, options?: { readonly cause?: unknown }) {
    super(`${path}: ${message}`, options);
    this.name = 'CcdaError';
    this.path = path;
  }
}
