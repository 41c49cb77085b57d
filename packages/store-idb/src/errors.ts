import { ChartStoreError, InvalidError, UnavailableError } from '@chartwell/core';

function domName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string' ? error.name : undefined;
}

/**
 * The store error for an error IndexedDB (or the work inside a transaction) raised: store errors
 * pass through; quota, aborted transactions, closed connections and denied access become an
 * UnavailableError naming the reason, with the original as `cause`; anything else is returned as is.
 */
export function toStoreError(error: unknown, database: string): unknown {
  if (error instanceof ChartStoreError) return error;
  const cause = error;
  switch (domName(error)) {
    case 'QuotaExceededError':
      return new UnavailableError({ cause }, `The storage quota for this site is used up (QuotaExceededError): nothing was written to "${database}". Free space or ask the browser for persistent storage.`);
    case 'AbortError':
      return new UnavailableError({ cause }, `The IndexedDB transaction on "${database}" was aborted (the page closing, or the browser): nothing was written.`);
    case 'InvalidStateError':
      return new UnavailableError({ cause }, `The connection to IndexedDB database "${database}" is closed (another tab upgraded or deleted it, or the store was closed).`);
    case 'VersionError':
      return new UnavailableError({ cause }, `IndexedDB database "${database}" has a newer schema than this version of Chartwell (another tab runs a newer one): reload the page.`);
    case 'SecurityError':
    case 'UnknownError':
      return new UnavailableError({ cause }, `IndexedDB access was denied for "${database}" (private browsing, or site storage blocked by the browser's settings).`);
    case 'DataCloneError':
      return new InvalidError({ cause }, `The resource cannot be stored in IndexedDB: it is not plain JSON data.`);
    default:
      return error;
  }
}

/** The UnavailableError for a browser context with no IndexedDB at all. */
export function indexedDbMissing(database: string, cause?: unknown): UnavailableError {
  return new UnavailableError(
    { cause: cause ?? new ReferenceError('indexedDB is not defined') },
    `IndexedDB is not available here, so "${database}" cannot be opened (private browsing, storage disabled, or a context without IndexedDB).`,
  );
}

/** The UnavailableError for an upgrade that another tab blocks by keeping an older version open. */
export function upgradeBlocked(database: string, currentVersion: number, blockedVersion: number | null, cause: unknown): UnavailableError {
  return new UnavailableError(
    { cause },
    `The upgrade of IndexedDB database "${database}" from version ${currentVersion} to ${blockedVersion ?? 'the new one'} is blocked: another tab or window holds the older version open. Close or reload the other Chartwell tabs.`,
  );
}
