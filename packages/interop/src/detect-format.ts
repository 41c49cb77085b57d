/** The wire formats Chartwell takes in at the edge. */
export type InteropFormat = 'fhir-json' | 'hl7v2' | 'ccda';

/**
 * Says which format a message or document is in, from its first significant characters:
 * an HL7 v2 message starts with an `MSH` segment, a C-CDA document is XML whose root is
 * `ClinicalDocument` in the `urn:hl7-org:v3` namespace, and FHIR JSON is an object with a
 * `resourceType`. Anything else gives `undefined`.
 */
export function detectFormat(text: string): InteropFormat | undefined {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  // MSH, then the field separator and the four encoding characters (usually "|^~\&")
  if (/^MSH(.)[^\r\n]{4}\1/.test(start)) return 'hl7v2';
  if (start.startsWith('<')) return isClinicalDocument(start) ? 'ccda' : undefined;
  if (start.startsWith('{')) return hasResourceType(start) ? 'fhir-json' : undefined;
  return undefined;
}

function isClinicalDocument(xml: string): boolean {
  // the first element after the prolog (declaration, processing instructions, comments, doctype)
  const withoutProlog = xml.replace(/^(?:\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>))*\s*/, '');
  const root = /^<(?:([A-Za-z_][\w.-]*):)?ClinicalDocument\b([^>]*)>/.exec(withoutProlog);
  if (!root) return false;
  const prefix = root[1];
  const attributes = root[2] ?? '';
  const xmlns = prefix ? `xmlns:${prefix}` : 'xmlns';
  return new RegExp(`\\s${xmlns}\\s*=\\s*["']urn:hl7-org:v3["']`).test(attributes);
}

function hasResourceType(json: string): boolean {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && typeof (value as { resourceType?: unknown }).resourceType === 'string';
  } catch {
    return false;
  }
}
