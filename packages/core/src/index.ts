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
  SearchParameterMap,
  SearchParameterValue,
  DatePrefix,
  DateSearch,
  TokenSearch,
  ReferenceSearch,
  SortKey,
  IncludeKey,
  TransactionOperation,
  ChartChange,
  WatchFilter,
  StoreInfo,
} from './store/chart-store.js';
export { parseIfMatch, validateForWrite, stampResource, patientOf, watchMatches } from './store/write.js';
export { searchParameters } from './generated/search-parameters.js';
export type { SearchPath, SearchParameterDefinition } from './generated/search-parameters.js';
export { notifyWatchers } from './store/notify-watchers.js';
export type { ChangeWatcher } from './store/notify-watchers.js';
export { MemoryStore } from './store/memory-store.js';
export type { MemoryStoreOptions } from './store/memory-store.js';
export { searchResources, pageSize, queryFingerprint, encodeCursor, decodeCursor, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './search/search-resources.js';
export { matchesSearch, compileSearch, parseDateSearch, parseTokenSearch, parseReferenceSearch, dateMatches, tokenMatches } from './search/match.js';
export type { SearchPredicate, DateSearchValue, TokenSearchValue } from './search/match.js';
export { compareForSort } from './search/sort.js';
export { searchValues, searchParameterDefinition, referenceTarget, dateRange, normalizeReference, FAR_PAST, FAR_FUTURE } from './search/values.js';
export type { SearchValues, DateRange, TokenValue } from './search/values.js';
export { importBundle } from './import/import-bundle.js';
export type { BundleImportResult, BundleImportFailure } from './import/import-bundle.js';
export { importNdjson } from './import/import-ndjson.js';
export type { NdjsonImportOptions, NdjsonImportResult } from './import/import-ndjson.js';
export type { ImportOptions, ImportProgress } from './import/progress.js';
// Formatting
export { NOT_RECORDED } from './format/format-options.js';
export type { FormatOptions, DateStyle, TimeStyle } from './format/format-options.js';
export { formatCalendarDate } from './format/calendar-date.js';
export type { CalendarDateOptions } from './format/calendar-date.js';
export { formatInstant, formatClockTime } from './format/instant.js';
export type { InstantOptions } from './format/instant.js';
export { ageAt, formatAge } from './format/age.js';
export type { Age, AgePart, AgeUnit, AgeOptions } from './format/age.js';
export { formatHumanName, preferredHumanName } from './format/human-name.js';
export type { HumanNameOptions, HumanNameStyle } from './format/human-name.js';
export { formatAddress, formatAddressLines } from './format/address.js';
export { formatTelecom } from './format/telecom.js';
export { codeSystemShortName } from './format/code-system.js';
export { formatCodeableConcept, formatCoding, formatCode, codingsByPreference } from './format/codeable-concept.js';
export type { CodeableConceptOptions } from './format/codeable-concept.js';
export { formatDecimal } from './format/decimal-number.js';
export type { DecimalValue } from './format/decimal-number.js';
export { formatQuantity, quantityUnit } from './format/quantity.js';
export { formatPeriod } from './format/period.js';
export { formatMoney, moneyValue } from './format/money.js';
export type { MoneyAmount } from './format/money.js';

// Scheduling
export { scheduleView } from './scheduling/schedule-view.js';
export type { ScheduleView, ScheduleViewOptions, ScheduleRange, ScheduleDay, ScheduleSlot, ScheduleAppointment, ScheduleParticipant, ScheduleSummary, WaitlistEntry, LocalTime } from './scheduling/schedule-view.js';
export { findConflicts, conflictsAmong, appointmentInterval, intervalsOverlap, bookedActors, conflictKindOf, APPOINTMENT_LOOKBACK_MILLISECONDS } from './scheduling/conflicts.js';
export type { AppointmentConflict, AppointmentInterval, ConflictKind } from './scheduling/conflicts.js';
export { APPOINTMENT_STATUS_TRANSITIONS, canTransitionAppointment, holdsTime, appointmentStatusLabel } from './scheduling/appointment-status.js';
export type { AppointmentStatus } from './scheduling/appointment-status.js';
export { bookAppointment } from './scheduling/book-appointment.js';
export type { BookAppointmentRequest, BookingResult, BookingOptions } from './scheduling/book-appointment.js';
export { BOOKING_SEQUENCE_URL } from './scheduling/schedule-lock.js';
export { cancelAppointment } from './scheduling/cancel-appointment.js';
export type { CancelAppointmentOptions, CancellationResult } from './scheduling/cancel-appointment.js';
export { rescheduleAppointment } from './scheduling/reschedule-appointment.js';
export type { RescheduleAppointmentOptions, RescheduleResult } from './scheduling/reschedule-appointment.js';
export { addToWaitlist } from './scheduling/add-to-waitlist.js';
export type { WaitlistRequest } from './scheduling/add-to-waitlist.js';
export { DoubleBookingError, AppointmentTransitionError, SlotUnavailableError } from './scheduling/scheduling-errors.js';
export { searchAllPages } from './search/all-pages.js';

// Billing
export { billingSummary } from './billing/billing-summary.js';
export type { BillingSummary, BillingSummaryOptions, CurrencyFigures, MoneyFigure, ClaimItem, CoverageSummary, InvoiceSummary, ChargeItemSummary, AccountSummary, PaymentSummary, VisitBilling, BillingNotice } from './billing/billing-summary.js';
export { summarizeClaim } from './billing/claim-summary.js';
export type { ClaimSummary, ClaimState, BillingLine, AdjudicationLine } from './billing/claim-summary.js';
export { adjudicationKind, adjudicationCode } from './billing/adjudication-kind.js';
export type { AdjudicationKind } from './billing/adjudication-kind.js';
export { moneyFrom, sumByCurrency, subtractByCurrency, amountIn, isZero, zeroOf, NO_CURRENCY } from './billing/money.js';
export type { CurrencyAmount } from './billing/money.js';
export { agingBucket, daysOutstanding, AGING_BUCKETS } from './billing/aging.js';
export type { AgingBucket } from './billing/aging.js';

// Views: results
export { resultsView } from './views/results-view.js';
export type { ResultsView, ResultsViewOptions, ResultItem, ResultMeasure, ResultValue, ResultRange, ReportItem, OrderItem, Trend, TrendPoint } from './views/results-view.js';
export { resultFlag, recordedFlag, flagFromRange } from './views/result-interpretation.js';
export type { ResultFlag } from './views/result-interpretation.js';

// Views: notes and visits
export { notesView } from './views/notes-view.js';
export type { NotesView, NotesViewOptions, VisitItem, VisitParticipant, NoteItem, NotePart } from './views/notes-view.js';
export { attachmentBody, htmlBody, decodeBase64, NOTE_SANITIZE_CONFIG } from './views/attachment-text.js';
export type { HtmlSanitizer, NoteBody } from './views/attachment-text.js';
export { htmlToText } from './views/html-to-text.js';
// Views: shared options and item sources
export type { ViewOptions, ResolvedViewOptions } from './views/view-options.js';
export { itemSource, buildSourceIndex, loadSourceIndex } from './views/item-source.js';
export type { ItemSource, SourceIndex } from './views/item-source.js';
// Views: allergies
export { allergySummary } from './views/allergy-summary.js';
export type {
  AllergySummary,
  AllergyStatus,
  AllergyItem,
  AllergyReaction,
  AllergyCategory,
  AllergyEmphasis,
  NoKnownAllergyAssertion,
  NoKnownAllergyScope,
  ExcludedAllergy,
} from './views/allergy-summary.js';
// Views: patient identity
export { patientIdentity, NOT_KNOWN } from './views/patient-identity.js';
export type { PatientIdentity, IdentityIdentifier, IdentityContact } from './views/patient-identity.js';
export { identityWarnings } from './views/identity-warnings.js';
export type { IdentityWarning, IdentityWarningCode, IdentityWarningOptions } from './views/identity-warnings.js';
// Views: medications
export { formatDosage, formatDose } from './format/dosage.js';
export { medicationList } from './views/medication-list.js';
export type { MedicationList, MedicationItem, MedicationDisplayStatus, MedicationListOptions, ExcludedMedication } from './views/medication-list.js';
// Views: problems and history
export { problemList } from './views/problem-list.js';
export type { ProblemList, ConditionItem, ConditionCategory, ProcedureItem, ExcludedRecord } from './views/problem-list.js';
// Search: by a list of values
export { searchByValues, SEARCH_VALUES_PER_QUERY } from './search/search-by-values.js';
// Views: sources of records that belong to no one patient (a clinic's diary)
export { loadRecordSources } from './views/item-source.js';

// Views: notes widget (cw-notes)
export type { VisitLocation } from './views/notes-view.js';
// Views: results (for <cw-results>)
export type { TrendBand } from './views/results-view.js';
// Scheduling: status changes (check-in, fulfil, confirm)
export { setAppointmentStatus } from './scheduling/set-appointment-status.js';
export type { SettableAppointmentStatus } from './scheduling/set-appointment-status.js';

// Performance: search paging and the results view at 10,000 Observations
export { sortedMatches, searchPageOf } from './search/search-resources.js';
export { SearchSnapshots } from './search/search-snapshots.js';

// Access control. The store wrappers and what they need at run time (withAccess, withAudit, the
// policy parser with zod, SMART scopes, consent and label rules) are in `@chartwell/core/access`,
// so that a bundle loads them only where it uses them; their types are here too.
export type { AccessPolicy, AccessRule, AccessUser, AccessRole, AccessAction, AccessCompartment, AccessPolicyError } from './access/access-policy.js';
export { DEFAULT_ACCESS_POLICY } from './access/default-access-policy.js';
export type { AccessControlledStore, WithAccessOptions } from './access/with-access.js';
export { AccessDeniedError } from './access/access-denied-error.js';
export type { AccessDenialReason } from './access/access-denied-error.js';
export type { AccessOverride, BreakTheGlassRequest } from './access/access-override.js';
export type { ConsentRequest, ConsentVerdict } from './access/consent-decision.js';
// Audit trail (withAudit, buildAuditEvent and breakTheGlassAuditEvent: `@chartwell/core/access`)
export type { WithAuditOptions } from './audit/with-audit.js';
export type { AuditContext, AuditContextSource, AuditAgent, AuditApplication } from './audit/audit-context.js';
export { callbackAuditSink } from './audit/audit-sink.js';
export type { AuditSink } from './audit/audit-sink.js';
export { storeAuditSink } from './audit/store-audit-sink.js';
export type { AuditTrailError } from './audit/audit-trail-error.js';
export { AUDIT_SYSTEMS, BREAK_THE_GLASS, isBreakTheGlass } from './audit/audit-codes.js';
export type { AuditInteraction } from './audit/audit-codes.js';
export type { AuditedCall } from './audit/audit-event.js';
export type { AuditOutcome } from './audit/audit-outcome.js';
export { auditEventsFor } from './audit/audit-events-for.js';
export type { AuditEventsForOptions } from './audit/audit-events-for.js';
export { auditTrail, auditTrailEntry } from './audit/audit-trail.js';
export type { AuditTrailEntry, AuditTrailOutcome } from './audit/audit-trail.js';
