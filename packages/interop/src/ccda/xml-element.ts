import { DOMParser, type Element as DomElement, type Node as DomNode } from '@xmldom/xmldom';
import { CcdaError } from './ccda-error.js';

/** The HL7 v3 namespace that every C-CDA element lives in. */
export const HL7_V3 = 'urn:hl7-org:v3';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/**
 * A read-only view of one element of a C-CDA document that knows its own XPath, so that every
 * error can say where it happened.
 */
export class XmlElement {
  constructor(
    readonly node: DomElement,
    /** XPath from the document root: `/ClinicalDocument/component[1]/structuredBody[1]`. */
    readonly path: string,
  ) {}

  /** The element name without prefix. */
  get name(): string {
    return this.node.localName ?? this.node.nodeName;
  }

  /** Whether the element is in the HL7 v3 namespace. */
  get isHl7(): boolean {
    return this.node.namespaceURI === HL7_V3;
  }

  /** An attribute's value, or undefined when absent or empty. */
  attr(name: string): string | undefined {
    const value = this.node.getAttribute(name);
    return value === null || value === '' ? undefined : value;
  }

  /** `xsi:type` without its prefix (`PQ`, `CD`, `IVL_TS`). */
  get xsiType(): string | undefined {
    const value = this.node.getAttributeNS(XSI, 'type') ?? this.node.getAttribute('xsi:type');
    return value ? value.replace(/^.*:/, '') : undefined;
  }

  /** Whether the element carries a `nullFlavor` (no value). */
  get isNull(): boolean {
    return this.attr('nullFlavor') !== undefined;
  }

  /** The child elements in the HL7 v3 namespace, optionally only those named `name`. */
  children(name?: string): XmlElement[] {
    const out: XmlElement[] = [];
    const counts = new Map<string, number>();
    for (let child = this.node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== ELEMENT_NODE) continue;
      const element = child as DomElement;
      const local = element.localName ?? element.nodeName;
      const position = (counts.get(local) ?? 0) + 1;
      counts.set(local, position);
      if (name !== undefined && (local !== name || element.namespaceURI !== HL7_V3)) continue;
      out.push(new XmlElement(element, `${this.path}/${local}[${position}]`));
    }
    return out;
  }

  /** The first child element named `name`, or undefined. */
  child(name: string): XmlElement | undefined {
    return this.children(name)[0];
  }

  /** The first element at the end of a path of child names: `at('consumable', 'manufacturedProduct')`. */
  at(...names: readonly string[]): XmlElement | undefined {
    return names.reduce<XmlElement | undefined>((current, name) => current?.child(name), this);
  }

  /** Every element reached by following `names` through all matching children at each step. */
  all(...names: readonly string[]): XmlElement[] {
    let current: XmlElement[] = [this];
    for (const name of names) current = current.flatMap((element) => element.children(name));
    return current;
  }

  /** The `root` of each `templateId` child. */
  get templateIds(): string[] {
    return this.children('templateId').flatMap((id) => (id.attr('root') ? [id.attr('root') as string] : []));
  }

  /** Whether one of the element's `templateId`s has this root. */
  hasTemplate(root: string): boolean {
    return this.templateIds.includes(root);
  }

  /** The text content, whitespace collapsed; undefined when there is none. */
  get text(): string | undefined {
    const text = collectText(this.node).replace(/\s+/g, ' ').trim();
    return text === '' ? undefined : text;
  }

  /** Every descendant element (any namespace), in document order, including this one. */
  *descendants(): Generator<XmlElement> {
    yield this;
    for (const child of this.allChildren()) yield* child.descendants();
  }

  /** The child elements in any namespace. */
  allChildren(): XmlElement[] {
    const out: XmlElement[] = [];
    const counts = new Map<string, number>();
    for (let child = this.node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== ELEMENT_NODE) continue;
      const element = child as DomElement;
      const local = element.localName ?? element.nodeName;
      const position = (counts.get(local) ?? 0) + 1;
      counts.set(local, position);
      out.push(new XmlElement(element, `${this.path}/${local}[${position}]`));
    }
    return out;
  }

  /** The child nodes as text (for text and CDATA nodes) or elements, in order. */
  contents(): (string | XmlElement)[] {
    const elements = this.allChildren();
    const out: (string | XmlElement)[] = [];
    let index = 0;
    for (let child = this.node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) out.push(child.nodeValue ?? '');
      else if (child.nodeType === ELEMENT_NODE) {
        const element = elements[index++];
        if (element) out.push(element);
      }
    }
    return out;
  }
}

function collectText(node: DomNode): string {
  if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) return node.nodeValue ?? '';
  let text = '';
  for (let child = node.firstChild; child; child = child.nextSibling) text += collectText(child);
  return text;
}

/**
 * Parses XML text into its root element. Anything not well-formed is a {@link CcdaError} (with
 * the parser's line and column); entity references other than XML's five built-in ones are
 * refused (the parser never loads external entities or a DTD).
 */
export function parseXml(text: string): XmlElement {
  let document;
  try {
    const parser = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    });
    document = parser.parseFromString(text.replace(/^\uFEFF/, ''), 'text/xml');
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? cause.message : (error as Error).message;
    const locator = (error as { locator?: { lineNumber?: number; columnNumber?: number } }).locator;
    const where = locator?.lineNumber ? ` (line ${locator.lineNumber}, column ${locator.columnNumber ?? '?'})` : '';
    throw new CcdaError('/', `not well-formed XML${where}: ${detail}`, { cause: error });
  }
  const root = document.documentElement;
  if (!root) throw new CcdaError('/', 'not well-formed XML: no root element');
  return new XmlElement(root, `/${root.localName ?? root.nodeName}`);
}
