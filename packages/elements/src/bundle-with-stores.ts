/**
 * The single-file build for a page with no build step that keeps its chart itself: everything of
 * `chartwell-elements.bundle.js`, plus `MemoryStore`, `IndexedDbStore`, `importBundle` and
 * `importNdjson`. The stores validate every write, so this bundle carries the FHIR validator.
 * @packageDocumentation
 */
export * from './bundle.js';
export { MemoryStore, importBundle, importNdjson } from '@chartwell/core';
export { IndexedDbStore } from '@chartwell/store-idb';
