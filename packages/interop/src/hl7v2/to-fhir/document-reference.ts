import type { Attachment, DocumentReference } from '@chartwell/fhir';
import type { Hl7v2Message } from '../message.js';
import { utf8Base64 } from '../platform.js';
import { origin, type ConversionContext } from './context.js';
import { codingIn, identifierFromEi, instant, text } from './datatypes.js';
import { attachmentFromEd } from './observation.js';
import { practitionerFromXcn } from './practitioner.js';

const DOC_STATUS: Readonly<Record<string, NonNullable<DocumentReference['docStatus']>>> = { AU: 'final', LA: 'final', DO: 'preliminary', IP: 'preliminary', IN: 'preliminary', PA: 'preliminary', DI: 'preliminary' };
const AVAILABILITY: Readonly<Record<string, DocumentReference['status']>> = { AV: 'current', OB: 'superseded', CA: 'entered-in-error', UN: 'current' };

/**
 * MDM (T01–T11) as a DocumentReference: type TXA-2 (table 0270), unique document number TXA-12
 * as master identifier, status from availability TXA-19 (current when empty), document status
 * from completion TXA-17, date TXA-4 (else TXA-6), author TXA-9 and TXA-5, authenticator
 * TXA-22; the content is the text of the TX/FT/ST OBX segments (text/plain, UTF-8) and any
 * Base64 ED document; with neither, an attachment that only names the document.
 */
export function documentReferenceFromMdm(message: Hl7v2Message, context: ConversionContext): string | undefined {
  const txa = message.segment('TXA');
  if (!txa) return undefined;
  const { options } = context;
  const status = AVAILABILITY[text(txa.field(19).value)?.toUpperCase() ?? ''] ?? 'current';
  const content: Attachment[] = [];
  const lines: string[] = [];
  for (const obx of message.segmentsNamed('OBX')) {
    const type = text(obx.field(2).value)?.toUpperCase();
    if (type === 'TX' || type === 'FT' || type === 'ST') lines.push(...obx.field(5).repetitions.map((r) => r.value ?? ''));
    if (type === 'ED') {
      const attachment = attachmentFromEd(obx.field(5).repetition(1));
      if (attachment) content.push(attachment);
    }
  }
  if (lines.length > 0) content.unshift({ contentType: 'text/plain; charset=utf-8', data: utf8Base64(lines.join('\n')) });
  const typeCode = codingIn('http://terminology.hl7.org/CodeSystem/v2-0270', txa.field(2).value);
  if (content.length === 0) content.push({ title: `Document ${text(txa.field(12).value) ?? ''} (content not in the message)`.replace('  ', ' ') });
  const document: DocumentReference = { resourceType: 'DocumentReference', meta: context.meta, status, content: content.map((attachment) => ({ attachment })) };
  const master = identifierFromEi(txa.field(12).repetition(1), options);
  if (master) document.masterIdentifier = master;
  const docStatus = DOC_STATUS[text(txa.field(17).value)?.toUpperCase() ?? ''];
  if (docStatus !== undefined) document.docStatus = docStatus;
  if (typeCode) document.type = { coding: [typeCode] };
  if (context.patient !== undefined) document.subject = { reference: context.patient };
  const date = instant(txa.field(4).value, options) ?? instant(txa.field(6).value, options);
  if (date !== undefined) document.date = date;
  const authors = [...txa.field(9).nonEmptyRepetitions, ...txa.field(5).nonEmptyRepetitions].map((r) => practitionerFromXcn(r, txa, context)).filter((a) => a !== undefined);
  if (authors.length > 0) document.author = authors.map((reference) => ({ reference }));
  const authenticator = practitionerFromXcn(txa.field(22).repetition(1), txa, context);
  if (authenticator !== undefined) document.authenticator = { reference: authenticator };
  if (context.encounter !== undefined) document.context = { encounter: [{ reference: context.encounter }] };
  return context.builder.add(document, origin(txa), 'create');
}
