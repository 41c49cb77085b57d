import type { AbortSignalLike, StoreCallOptions } from '../store/chart-store.js';

/** How far an import has got: `done` of `total` written. Events come in order, `done` never goes back. */
export interface ImportProgress {
  readonly done: number;
  readonly total: number;
}

/** Options every import takes. `signal` abandons it between chunks (and inside the store call). */
export interface ImportOptions extends StoreCallOptions {
  /** Called after each chunk has been written (committed), with what is done so far. */
  readonly onProgress?: (progress: ImportProgress) => void;
}

/** Throws the signal's reason when it has been aborted. */
export function throwIfAborted(signal: AbortSignalLike | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new Error('The import was aborted');
}

/** A new random id (a UUID), from the platform's Web Crypto (Node 19+, every current browser). */
export function newId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (typeof crypto?.randomUUID !== 'function') throw new Error('Importing needs globalThis.crypto.randomUUID (Node 19 or later, or a current browser)');
  return crypto.randomUUID();
}
