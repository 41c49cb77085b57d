/**
 * `@chartwell/elements`: Lit web components for clinical charts. This entry point exports the
 * classes without registering any tag; import `@chartwell/elements/define/cw-<name>.js` to
 * register one, or load `dist/chartwell-elements.bundle.js` to register them all.
 *
 * @example
 * import '@chartwell/elements/define/cw-chart-provider.js';
 * import '@chartwell/elements/define/cw-clinic-date.js';
 * // <cw-chart-provider locale="en-GB" time-zone="Europe/London"><cw-clinic-date></cw-clinic-date></cw-chart-provider>
 *
 * @packageDocumentation
 */
export { CwElement } from './internal/cw-element.js';
export { CwChartProvider, defaultLocale, defaultTimeZone } from './components/chart-provider/chart-provider.js';
export type { ChartTheme } from './components/chart-provider/chart-provider.js';
export { timeStyleContext } from './context/time-style-context.js';
export { setTextLocale, currentTextLocale, textLocaleFor, sourceTextLocale, targetTextLocales } from './localization.js';
export type { TextLocale } from './localization.js';
export { lightThemeTokens, darkThemeTokens, highContrastThemeTokens } from './themes/theme-presets.styles.js';
export { CwClinicDate } from './components/clinic-date/clinic-date.js';
export type { ClinicDateI18n } from './components/clinic-date/clinic-date.js';
export { localeContext } from './context/locale-context.js';
export { timeZoneContext } from './context/time-zone-context.js';

// Chart widgets: foundation (store context, data widget base, events)
export { storeContext } from './context/store-context.js';
export { ChartDataElement, defaultDataStateI18n } from './internal/chart-data-element.js';
export type { DataRequest, DataStateI18n } from './internal/chart-data-element.js';
export { CwErrorEvent } from './events/error-event.js';
export type { CwErrorDetail } from './events/error-event.js';
// Chart widgets: allergy banner and patient banner
export { CwAllergyBanner } from './components/allergy-banner/allergy-banner.js';
export type { AllergyBannerI18n } from './components/allergy-banner/allergy-banner.js';
export { CwPatientBanner } from './components/patient-banner/patient-banner.js';
export type { PatientBannerI18n, PatientBannerVariant, PatientBannerData } from './components/patient-banner/patient-banner.js';
export { CwContextMismatchEvent } from './events/context-mismatch-event.js';
export type { CwContextMismatchDetail } from './events/context-mismatch-event.js';
export { dateStyleContext } from './context/date-style-context.js';
// Chart widgets: problem list
export { CwProblemList } from './components/problem-list/problem-list.js';
export type { ProblemListI18n } from './components/problem-list/problem-list.js';
// Chart widgets: medication list
export { CwMedList } from './components/med-list/med-list.js';
export type { MedListI18n, MedListTab, MedListSort } from './components/med-list/med-list.js';
// Chart widgets: patient chart
export { CwPatientChart } from './components/patient-chart/patient-chart.js';
export type { PatientChartI18n } from './components/patient-chart/patient-chart.js';
export { patientChartSections, defaultPatientChartSections, parseSectionKeys } from './components/patient-chart/patient-chart-sections.js';
export type { PatientChartSection } from './components/patient-chart/patient-chart-sections.js';
// Chart widgets: notes
export { CwNotes } from './components/notes/notes.js';
export type { NotesI18n } from './components/notes/notes.js';
export { NOTE_HTML_CONFIG, sanitizeNoteHtml } from './components/notes/note-html.js';
// Chart widgets: results
export { CwResults } from './components/results/results.js';
export type { ResultsI18n, ResultsGroupBy } from './components/results/results.js';
export { CwSelectEvent } from './events/select-event.js';
export type { CwSelectDetail } from './events/select-event.js';
// Chart widgets: billing summary
export { CwBillingSummary } from './components/billing-summary/billing-summary.js';
export type { BillingSummaryI18n, BillingSummaryData } from './components/billing-summary/billing-summary.js';
export { CwClaimSelectEvent } from './events/claim-select-event.js';
export type { CwClaimSelectDetail } from './events/claim-select-event.js';
export { CwInvoiceSelectEvent } from './events/invoice-select-event.js';
export type { CwInvoiceSelectDetail } from './events/invoice-select-event.js';
// Chart widgets: scheduler
export { CwScheduler } from './components/scheduler/scheduler.js';
export type { SchedulerI18n, SchedulerViewName, SchedulerAppointmentType, SchedulerStatusAction } from './components/scheduler/scheduler-i18n.js';
export type { SchedulerData, SchedulePatient } from './components/scheduler/scheduler-data.js';
export { CwSlotSelectEvent } from './events/slot-select-event.js';
export type { CwSlotSelectDetail } from './events/slot-select-event.js';
export { CwAppointmentSelectEvent } from './events/appointment-select-event.js';
export type { CwAppointmentSelectDetail } from './events/appointment-select-event.js';
export { CwAppointmentChangeEvent } from './events/appointment-change-event.js';
export type { CwAppointmentChangeDetail, AppointmentChangeAction } from './events/appointment-change-event.js';
// Chart widgets: patient list
export { CwPatientList } from './components/patient-list/patient-list.js';
export type { PatientListI18n, PatientListData } from './components/patient-list/patient-list.js';
export type { PatientListRow } from './components/patient-list/patient-list-data.js';
// Chart widgets: audit log
export { CwAuditLog } from './components/audit-log/audit-log.js';
export type { AuditLogI18n, AuditLogAction } from './components/audit-log/audit-log.js';
// Chart widgets: reconciliation
export { CwReconcile } from './components/reconcile/reconcile.js';
export type { ReconcileI18n } from './components/reconcile/reconcile-i18n.js';
export type { ReconcileIncoming, IncomingRecordSource, IncomingRecords } from './components/reconcile/reconcile-incoming.js';
export { readIncoming } from './components/reconcile/reconcile-incoming.js';
export type { ReconcileData, ReconcileRow, ReconcileSide } from './components/reconcile/reconcile-data.js';
export { CwReconcileConfirmEvent } from './events/reconcile-confirm-event.js';
export type { CwReconcileConfirmDetail } from './events/reconcile-confirm-event.js';
export { CwReconcileCompleteEvent } from './events/reconcile-complete-event.js';
export type { CwReconcileCompleteDetail } from './events/reconcile-complete-event.js';
// Access control in the widgets (#11)
export { AccessGuardedStore } from './components/chart-provider/access-guarded-store.js';
export type { ProviderAccessOptions, ProviderAudit } from './components/chart-provider/access-wiring.js';
export { defaultBreakGlassI18n, breakGlassDurations, BREAK_GLASS_DURATIONS, MIN_BREAK_GLASS_REASON } from './components/chart-provider/break-glass-prompt.js';
export type { BreakGlassI18n } from './components/chart-provider/break-glass-prompt.js';
export { CwBreakGlassRequestEvent } from './events/break-glass-request-event.js';
export type { CwBreakGlassRequestDetail } from './events/break-glass-request-event.js';
export { CwBreakGlassEvent } from './events/break-glass-event.js';
export type { CwBreakGlassDetail, BreakGlassChange } from './events/break-glass-event.js';
