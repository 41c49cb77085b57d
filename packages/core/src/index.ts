/**
 * `@chartwell/core`: the Chartwell domain. The ChartStore contract, chart views, clinical rules
 * and formatting, as plain functions that run in Node, in workers and in the browser.
 *
 * @example
 * import { referenceTo } from '@chartwell/core';
 * referenceTo({ resourceType: 'Patient', id: '123' }); // 'Patient/123'
 *
 * @packageDocumentation
 */
export { referenceTo } from './reference-to.js';
export type { Identifiable } from './reference-to.js';
export {
  ChartStoreError,
  NotFoundError,
  ConflictError,
  InvalidError,
  ForbiddenError,
  UnavailableError,
  isChartStoreError,
} from './store/errors.js';
export type { ChartStoreErrorCode, ChartStoreErrorDetails, StoreOperationOutcome } from './store/errors.js';
export type {
  ChartStore,
  AbortSignalLike,
  StoreCallOptions,
  WriteOptions,
  SearchQuery,
  SearchPage,
  SearchParameterName,
  SearchParameterType,
  DatePrefix,
  DateSearch,
  TokenSearch,
  ReferenceSearch,
  SortKey,
  IncludeKey,
  TransactionOperation,
  ChartChange,
  WatchFilter,
} from './store/chart-store.js';
export { parseIfMatch, validateForWrite, stampResource, patientOf, watchMatches } from './store/write.js';
export { searchParameters } from './generated/search-parameters.js';
export type { SearchPath, SearchParameterDefinition } from './generated/search-parameters.js';
