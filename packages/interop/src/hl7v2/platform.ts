// The two web platform APIs the HL7 v2 code uses, typed here because the SDK compiles without
// DOM or Node types (both exist in current browsers and Node 19+).

interface TextDecoderLike {
  decode(bytes: Uint8Array): string;
}

/** A random UUID (`crypto.randomUUID`). */
export function randomUuid(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (typeof crypto?.randomUUID !== 'function') throw new Error('HL7 v2 conversion needs globalThis.crypto.randomUUID (Node 19 or later, or a current browser)');
  return crypto.randomUUID();
}

/** `new TextDecoder(label, { fatal })`. */
export function textDecoder(label: string, fatal: boolean): TextDecoderLike {
  const Decoder = (globalThis as unknown as { TextDecoder: new (label: string, options: { fatal: boolean }) => TextDecoderLike }).TextDecoder;
  return new Decoder(label, { fatal });
}

/** Base64 of the UTF-8 bytes of `text` (`TextEncoder` and `btoa`). */
export function utf8Base64(text: string): string {
  const { TextEncoder: Encoder, btoa } = globalThis as unknown as { TextEncoder: new () => { encode(text: string): Uint8Array }; btoa(binary: string): string };
  let binary = '';
  for (const byte of new Encoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
