import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  APPOINTMENT_STATUS_TRANSITIONS,
  AppointmentTransitionError,
  DoubleBookingError,
  SlotUnavailableError,
  addToWaitlist,
  bookAppointment,
  cancelAppointment,
  formatClockTime,
  formatCodeableConcept,
  formatHumanName,
  isChartStoreError,
  preferredHumanName,
  rescheduleAppointment,
  setAppointmentStatus,
} from '@chartwell/core';
import type { AppointmentConflict, AppointmentStatus, ChartStore, ItemSource, LocalTime, ScheduleAppointment, ScheduleDay, ScheduleSlot, WaitlistEntry } from '@chartwell/core';
import type { CodeableConcept, Patient, ResourceType } from '@chartwell/fhir';
import type { DataStateI18n } from '../../internal/chart-data-element.js';
import { hostStyles } from '../../internal/host.styles.js';
import { dataStateStyles } from '../../internal/data-states.styles.js';
import { deceasedIcon } from '../../internal/icons.js';
import { CwSlotSelectEvent } from '../../events/slot-select-event.js';
import { CwAppointmentSelectEvent } from '../../events/appointment-select-event.js';
import { CwAppointmentChangeEvent, type AppointmentChangeAction } from '../../events/appointment-change-event.js';
import { ClinicDataElement, ClinicSetupError, type ClinicDataRequest } from '../../internal/clinic-data-element.js';
import { loadSchedulerData, readActorName, type SchedulerData } from './scheduler-data.js';
import { addDays, formatDayWithWeekday, isCalendarDay, todayIn } from './scheduler-dates.js';
import { defaultSchedulerI18n, type SchedulerAppointmentType, type SchedulerI18n, type SchedulerStatusAction, type SchedulerViewName } from './scheduler-i18n.js';
import {
  arrivedIcon,
  blockedIcon,
  bookedIcon,
  busyIcon,
  cancelledIcon,
  clockChangeIcon,
  conflictIcon,
  errorIcon,
  freeIcon,
  fulfilledIcon,
  inactiveIcon,
  noShowIcon,
  tentativeIcon,
  unknownIcon,
  waitlistIcon,
} from './scheduler.icons.js';
import { schedulerStyles } from './scheduler.styles.js';

const APPOINTMENT_ICONS: Record<AppointmentStatus | 'unknown', () => unknown> = {
  proposed: tentativeIcon,
  pending: tentativeIcon,
  booked: bookedIcon,
  arrived: arrivedIcon,
  'checked-in': arrivedIcon,
  fulfilled: fulfilledIcon,
  cancelled: cancelledIcon,
  noshow: noShowIcon,
  'entered-in-error': errorIcon,
  waitlist: waitlistIcon,
  unknown: unknownIcon,
};

const SLOT_ICONS: Record<string, () => unknown> = { free: freeIcon, busy: busyIcon, 'busy-unavailable': blockedIcon, 'busy-tentative': tentativeIcon };

const APPOINTMENT_TYPES: readonly SchedulerAppointmentType[] = ['ROUTINE', 'WALKIN', 'CHECKUP', 'FOLLOWUP', 'EMERGENCY'];

/** The displays of HL7 v2 table 0276, recorded on the Appointment as the code system gives them. */
const APPOINTMENT_TYPE_DISPLAY: Record<SchedulerAppointmentType, string> = {
  ROUTINE: 'Routine appointment - default if not valued',
  WALKIN: 'A previously unscheduled walk-in visit',
  CHECKUP: 'A routine check-up, such as an annual physical',
  FOLLOWUP: 'A follow up visit from a previous appointment',
  EMERGENCY: 'Emergency appointment',
};

const STATUS_ACTIONS: readonly SchedulerStatusAction[] = ['arrived', 'checked-in', 'fulfilled', 'booked'];
const MOVABLE: readonly string[] = ['proposed', 'pending', 'booked', 'waitlist'];
const NO_SHOW_REASON = { system: 'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason', code: 'pat-noshow', display: 'Patient: No-show' };

/** The resource types the scheduler shows: a change to any of them reloads it. */
const WATCHED: readonly ResourceType[] = ['Appointment', 'Slot', 'Schedule', 'Patient', 'Practitioner', 'PractitionerRole', 'Location', 'Provenance'];

/** The appointment (or waitlist entry) the appointment dialog is about. */
interface ChosenAppointment {
  readonly id: string;
  readonly status: AppointmentStatus | 'unknown';
  readonly waitlist: boolean;
  readonly patient?: string;
  readonly start?: LocalTime;
  readonly end?: LocalTime;
  readonly appointmentType?: CodeableConcept;
  readonly serviceType: readonly CodeableConcept[];
  readonly participants: readonly string[];
  readonly cancelationReason?: CodeableConcept;
  readonly conflicts: readonly AppointmentConflict[];
  readonly source: ItemSource;
}

/** What the dialog shows: booking a slot, an appointment's actions (and which form is open), or adding to the waitlist. */
type DialogState =
  | { readonly kind: 'book'; readonly slot: ScheduleSlot; readonly actors: readonly string[]; readonly error?: string }
  | { readonly kind: 'appointment'; readonly appointment: ChosenAppointment; readonly form?: 'cancel' | 'noshow' | 'move'; readonly error?: string }
  | { readonly kind: 'waitlist'; readonly error?: string };

/** One thing in a grid cell or an agenda day. */
type Item = { readonly slot: ScheduleSlot } | { readonly appointment: ScheduleAppointment };

const itemStart = (item: Item) => ('slot' in item ? item.slot.start.instant : item.appointment.start.instant);

/** Reads the `actors` attribute: references separated by spaces or commas. */
const actorsConverter = {
  fromAttribute: (value: string | null): string[] => (value ?? '').split(/[\s,]+/).filter((actor) => actor !== ''),
  toAttribute: (value: readonly string[]): string => value.join(' '),
};

/**
 * @tagname cw-scheduler
 * @summary The diary of one or more practitioners or locations (Schedule, Slot, Appointment): a
 * day or a week as a grid of times by days, or a week as an agenda list, in the clinic's time zone
 * (from the provider), the zone always named and each day the clocks change marked with its length
 * and offsets. Free, busy, blocked and tentative slots and appointments of every status are told
 * apart by an icon and words, never by colour alone; each appointment shows its patient
 * (`FAMILY, Given`), flagged when deceased or inactive, its type, and any double-booking. Choosing
 * a free slot books it through a native dialog (patient and appointment type) with
 * `bookAppointment`, refusing double-bookings with a message naming who is already booked;
 * choosing an appointment offers only the status changes its status allows (check in, checked
 * in, fulfilled, confirm), cancelling with a reason, did not attend, and rescheduling into a free
 * slot. A waitlist lists who is waiting, and takes new entries. The grid is an ARIA grid: the
 * arrow keys move between slots, Enter books a free slot or opens an appointment.
 *
 * @slot empty - Replaces the "Nothing is scheduled in this period" wording.
 *
 * @csspart base - The widget, a labelled region.
 * @csspart header - The heading, time zone line and toolbar.
 * @csspart heading - The heading.
 * @csspart time-zone - The "Times in …" line.
 * @csspart clock-change - The note on a day the clocks change.
 * @csspart toolbar - The view and navigation buttons.
 * @csspart range - The day or week shown.
 * @csspart grid - The day or week grid (a table with role grid).
 * @csspart agenda - The agenda list.
 * @csspart slot - A slot.
 * @csspart appointment - An appointment or waitlist entry.
 * @csspart status - The status word of a slot or appointment.
 * @csspart flag - A deceased, inactive or double-booked flag.
 * @csspart waitlist - The waitlist section.
 * @csspart dialog - The booking, appointment and waitlist dialog.
 * @csspart dialog-error - The dialog's refusal or failure message.
 * @csspart icon - Each inline icon.
 * @csspart empty - The nothing-scheduled text.
 * @csspart as-of - The "Data as of … · source" line.
 * @csspart loading - The loading state.
 * @csspart error - The failure state.
 * @csspart retry - The button that loads the schedule again.
 *
 * @cssproperty [--cw-scheduler-free-color=var(--cw-color-text, #1a1a1a)] - Text of free slots.
 * @cssproperty [--cw-scheduler-free-surface=var(--cw-color-background, #ffffff)] - Background of free slots.
 * @cssproperty [--cw-scheduler-busy-surface=var(--cw-color-surface, #f0f4f8)] - Background of appointments and busy slots.
 * @cssproperty [--cw-scheduler-blocked-surface=var(--cw-color-surface-quiet, #f4f4f4)] - Background of blocked slots.
 * @cssproperty [--cw-scheduler-flag-color=var(--cw-color-danger-text, #8c1d18)] - Deceased and double-booked flags.
 *
 * @cssstate loading - The schedule is loading.
 * @cssstate stale - The data shown may be out of date.
 * @cssstate error - It could not be read.
 * @cssstate restricted - Access was denied.
 * @cssstate empty - Nothing is scheduled in the period and no one is waiting.
 *
 * @fires {CwSlotSelectEvent} cw-slot-select - A free slot was chosen; cancelable (the booking dialog then stays closed).
 * @fires {CwAppointmentSelectEvent} cw-appointment-select - An appointment or waitlist entry was chosen; cancelable (the actions dialog then stays closed).
 * @fires {CwAppointmentChangeEvent} cw-appointment-change - The scheduler wrote an appointment (booked, cancelled, did not attend, rescheduled, status, waitlist).
 * @fires {CwErrorEvent} cw-error - The schedule could not be read; `detail.outcome` is the OperationOutcome.
 */
export class CwScheduler extends ClinicDataElement<SchedulerData> {
  /** Styles (host rules, the shared data states, then the scheduler's own). */
  static override styles = [hostStyles, dataStateStyles, schedulerStyles];

  /** Built-in strings to override, for translation; the rest follow the text language. */
  @property({ attribute: false }) i18n: Partial<SchedulerI18n> = {};

  /** Whose schedules: practitioners, practitioner roles or locations as `Type/id` (attribute: separated by spaces). */
  @property({ converter: actorsConverter }) actors: string[] = [];

  /** `day` (default), `week` (a grid of seven days) or `agenda` (the week as a list). */
  @property({ reflect: true }) view: SchedulerViewName = 'day';

  /** The day shown, or a day of the week shown, `YYYY-MM-DD`. Unset: today in the clinic's time zone. */
  @property() date?: string;

  /** The first day of a week: 0 Sunday … 6 Saturday; default 1, Monday. */
  @property({ type: Number, attribute: 'week-starts-on' }) weekStartsOn = 1;

  @state() private dialog?: DialogState;

  /** The grid stop (slot, appointment or empty cell) that takes the Tab key. */
  @state() private activeStop?: string;

  /** Whether a write is under way (the dialog's buttons wait). */
  @state() private writing = false;

  /** The grid's stops: per day column, per time row, the keys of the stops in that cell. */
  private stopGrid: string[][][] = [];

  private focusActiveStop = false;

  private get strings(): SchedulerI18n {
    return { ...defaultSchedulerI18n(), ...this.i18n };
  }

  protected override get dataStateI18n(): DataStateI18n {
    return this.strings;
  }

  /** The day shown (`date`, or today in the clinic's zone). */
  get effectiveDate(): string {
    return this.date || todayIn(this.effectiveTimeZone);
  }

  private get viewName(): SchedulerViewName {
    return this.view === 'week' || this.view === 'agenda' ? this.view : 'day';
  }

  protected override loadKey(): string {
    return `${this.actors.join(' ')}|${this.viewName === 'day' ? 'day' : 'week'}|${this.effectiveDate}|${this.weekStartsOn}`;
  }

  protected override watchedTypes(): readonly ResourceType[] {
    return WATCHED;
  }

  protected override load(request: ClinicDataRequest): Promise<SchedulerData> {
    if (this.actors.length === 0) throw new ClinicSetupError(this.strings.noActors);
    const date = this.effectiveDate;
    if (!isCalendarDay(date)) throw new ClinicSetupError(this.strings.badDate(date));
    return loadSchedulerData(request.store, {
      actors: this.actors,
      range: this.viewName === 'day' ? { day: date } : { week: date, weekStartsOn: this.weekStartsOn },
      timeZone: request.timeZone,
      locale: request.locale,
      dateStyle: request.dateStyle,
      ...(request.timeStyle && { timeStyle: request.timeStyle }),
      ...(request.store.info?.label && { storeName: request.store.info.label }),
      signal: request.signal,
    });
  }

  protected override isEmpty(data: SchedulerData): boolean {
    return data.view.waitlist.length === 0 && data.view.days.every((day) => day.appointments.length === 0 && day.slots.every((slot) => slot.status === 'entered-in-error'));
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog');
    if (dialog && this.dialog && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('input, select, textarea, .dialog-actions button')?.focus();
    }
    if (dialog && !this.dialog && dialog.open) dialog.close();
    if (this.focusActiveStop && this.activeStop !== undefined) {
      this.focusActiveStop = false;
      this.renderRoot.querySelector<HTMLElement>(`[data-stop="${CSS.escape(this.activeStop)}"]`)?.focus();
    }
  }

  // ---------------------------------------------------------------- formatting

  private timeOptions() {
    return { locale: this.effectiveLocale, timeZone: this.effectiveTimeZone, style: this.effectiveDateStyle, ...(this.effectiveTimeStyle && { timeStyle: this.effectiveTimeStyle }) };
  }

  private dayText(date: string): string {
    return formatDayWithWeekday(date, { locale: this.effectiveLocale, dateStyle: this.effectiveDateStyle });
  }

  /** A clock time; with its UTC offset on a day the clocks change. */
  private clock(time: LocalTime, day: ScheduleDay | undefined): string {
    const text = formatClockTime(time.instant, this.timeOptions()) || time.time;
    return day && clockChanges(day) ? `${text} (${this.strings.offset(time.offset)})` : text;
  }

  private span(item: { start: LocalTime; end: LocalTime; startsBeforeDay: boolean; endsAfterDay: boolean }, day: ScheduleDay | undefined): string {
    const s = this.strings;
    const start = item.startsBeforeDay ? `${this.clock(item.start, undefined)} ${s.fromPreviousDay}` : this.clock(item.start, day);
    const end = item.endsAfterDay ? `${this.clock(item.end, undefined)} ${s.intoNextDay}` : this.clock(item.end, day);
    return `${start}–${end}`;
  }

  /** When an instant pair falls, with its weekday, for messages: `Sunday 10-Mar-2024 09:00–09:30`. */
  private whenText(start: string, end: string): string {
    const startMs = Date.parse(start);
    if (Number.isNaN(startMs)) return start;
    const date = todayIn(this.effectiveTimeZone, startMs);
    return `${this.dayText(date)} ${formatClockTime(start, this.timeOptions())}–${formatClockTime(end, this.timeOptions())}`;
  }

  private nameOf(actor: string, data: SchedulerData | undefined): string {
    return data?.patients.get(actor)?.name || data?.actorNames.get(actor) || actor;
  }

  private typeText(appointmentType: CodeableConcept | undefined, serviceType: readonly CodeableConcept[]): string {
    return formatCodeableConcept(appointmentType) || formatCodeableConcept(serviceType[0]);
  }

  // ---------------------------------------------------------------- choosing

  private selectSlot(slot: ScheduleSlot, data: SchedulerData): void {
    const actors = data.view.schedules.find((schedule) => schedule.id === slot.scheduleId)?.actors ?? data.view.actors;
    const event = new CwSlotSelectEvent({ slotId: slot.id, scheduleId: slot.scheduleId, start: slot.start.instant, end: slot.end.instant, actors });
    this.dispatchEvent(event);
    if (!event.defaultPrevented) this.dialog = { kind: 'book', slot, actors };
  }

  private selectAppointment(appointment: ChosenAppointment): void {
    const event = new CwAppointmentSelectEvent({
      appointmentId: appointment.id,
      status: appointment.status,
      ...(appointment.patient !== undefined && { patient: appointment.patient }),
      ...(appointment.start !== undefined && { start: appointment.start.instant }),
      ...(appointment.end !== undefined && { end: appointment.end.instant }),
    });
    this.dispatchEvent(event);
    if (!event.defaultPrevented) this.dialog = { kind: 'appointment', appointment };
  }

  private chosen(appointment: ScheduleAppointment): ChosenAppointment {
    return {
      id: appointment.id,
      status: appointment.status,
      waitlist: false,
      ...(appointment.patient !== undefined && { patient: appointment.patient }),
      start: appointment.start,
      end: appointment.end,
      ...(appointment.appointmentType !== undefined && { appointmentType: appointment.appointmentType }),
      serviceType: appointment.serviceType,
      participants: appointment.participants.flatMap((p) => (p.actor !== undefined && p.kind !== 'patient' ? [p.actor] : [])),
      ...(appointment.cancelationReason !== undefined && { cancelationReason: appointment.cancelationReason }),
      conflicts: appointment.conflicts,
      source: appointment.source,
    };
  }

  private chosenEntry(entry: WaitlistEntry): ChosenAppointment {
    return {
      id: entry.id,
      status: 'waitlist',
      waitlist: true,
      ...(entry.patient !== undefined && { patient: entry.patient }),
      serviceType: entry.serviceType,
      participants: entry.participants.flatMap((p) => (p.actor !== undefined && p.kind !== 'patient' ? [p.actor] : [])),
      conflicts: [],
      source: entry.source,
    };
  }

  private closeDialog(): void {
    this.dialog = undefined;
  }

  private setDialogError(error: string): void {
    if (this.dialog) this.dialog = { ...this.dialog, error };
  }

  // ---------------------------------------------------------------- navigation

  private setView(view: SchedulerViewName): void {
    this.view = view;
  }

  private step(direction: 1 | -1): void {
    this.date = addDays(this.effectiveDate, direction * (this.viewName === 'day' ? 1 : 7));
  }

  private goToday(): void {
    this.date = todayIn(this.effectiveTimeZone);
  }

  private onGridKey(event: KeyboardEvent): void {
    const key = (event.target as HTMLElement).closest<HTMLElement>('[data-stop]')?.dataset['stop'];
    if (key === undefined) return;
    let position: { col: number; row: number; index: number } | undefined;
    this.stopGrid.forEach((rows, col) => rows.forEach((stops, row) => stops.forEach((stop, index) => stop === key && (position = { col, row, index }))));
    if (!position) return;
    const { col, row, index } = position;
    const column = this.stopGrid[col] ?? [];
    const flat = column.flat();
    const at = column.slice(0, row).flat().length + index;
    let next: string | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = flat[at + 1];
        break;
      case 'ArrowUp':
        next = flat[at - 1];
        break;
      case 'ArrowRight':
        next = this.stopGrid[col + 1]?.[row]?.[0];
        break;
      case 'ArrowLeft':
        next = this.stopGrid[col - 1]?.[row]?.[0];
        break;
      case 'Home':
        next = event.ctrlKey ? this.stopGrid[0]?.[0]?.[0] : this.stopGrid[0]?.[row]?.[0];
        break;
      case 'End':
        next = event.ctrlKey ? this.stopGrid[this.stopGrid.length - 1]?.at(-1)?.at(-1) : this.stopGrid[this.stopGrid.length - 1]?.[row]?.[0];
        break;
      default:
        return;
    }
    event.preventDefault();
    if (next === undefined) return;
    this.activeStop = next;
    this.focusActiveStop = true;
  }

  private onGridFocus(event: FocusEvent): void {
    const key = (event.target as HTMLElement).closest<HTMLElement>('[data-stop]')?.dataset['stop'];
    if (key !== undefined && key !== this.activeStop) this.activeStop = key;
  }

  // ---------------------------------------------------------------- writing

  /** The message for a refused or failed write; a double-booking names who is already booked (read from the store when the view does not show them). */
  private async describeError(error: unknown, booking: boolean, store: ChartStore): Promise<string> {
    const s = this.strings;
    const data = this.loadedData;
    if (error instanceof DoubleBookingError) {
      const names = await Promise.all(
        error.conflicts.map(async (c) => {
          const known = this.nameOf(c.actor, data);
          return known !== c.actor ? known : ((await readActorName(store, c.actor, this.effectiveLocale).catch(() => undefined)) ?? c.actor);
        }),
      );
      const lines = error.conflicts.map((c, i) => s.conflictLine(s.conflictKind[c.kind], names[i] ?? c.actor, this.whenText(c.start, c.end)));
      return s.doubleBookedRefused(lines.join('; '));
    }
    if (error instanceof SlotUnavailableError) return s.slotTaken;
    if (error instanceof AppointmentTransitionError) return s.transitionRefused(s.status[error.from ?? 'unknown']);
    if (isChartStoreError(error, 'conflict')) return booking ? s.slotTaken : s.changedMeanwhile;
    return s.writeFailed;
  }

  /** Runs a write from the dialog: on success closes it and fires `cw-appointment-change`; on failure says why and refreshes the schedule. */
  private async write(action: AppointmentChangeAction, run: (store: ChartStore) => Promise<{ id?: string; status?: string; meta?: { versionId?: string } }>): Promise<void> {
    const store = this.effectiveStore;
    if (!store || this.writing) return;
    this.writing = true;
    try {
      const written = await run(store);
      this.dialog = undefined;
      this.dispatchEvent(
        new CwAppointmentChangeEvent({ action, appointmentId: written.id ?? '', status: written.status ?? 'unknown', ...(written.meta?.versionId !== undefined && { versionId: written.meta.versionId }) }),
      );
    } catch (error) {
      if (error instanceof RefusedError) this.setDialogError(error.message);
      else this.setDialogError(await this.describeError(error, action === 'book', store));
    } finally {
      this.writing = false;
      void this.reload();
    }
  }

  /** The patient typed into a dialog, read and checked: a RefusedError with the reason otherwise. */
  private async checkedPatient(store: ChartStore, typed: string): Promise<string> {
    const s = this.strings;
    const text = typed.trim();
    if (text === '') throw new RefusedError(s.patientRequired);
    const id = text.startsWith('Patient/') ? text.slice('Patient/'.length) : text;
    if (id === '' || id.includes('/')) throw new RefusedError(s.patientNotFound(text));
    let patient: Patient;
    try {
      patient = await store.read('Patient', id);
    } catch (error) {
      if (isChartStoreError(error, 'not-found')) throw new RefusedError(s.patientNotFound(text));
      throw error;
    }
    const deceased = patient.deceasedBoolean === true || (typeof patient.deceasedDateTime === 'string' && patient.deceasedDateTime !== '');
    if (deceased) throw new RefusedError(s.patientDeceased(formatHumanName(preferredHumanName(patient.name), { locale: this.effectiveLocale, style: 'banner' }) || text));
    return `Patient/${id}`;
  }

  private submitBooking(event: SubmitEvent, slot: ScheduleSlot, actors: readonly string[]): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const type = String(form.get('type') ?? 'ROUTINE') as SchedulerAppointmentType;
    const description = String(form.get('description') ?? '').trim();
    void this.write('book', async (store) => {
      const patient = await this.checkedPatient(store, String(form.get('patient') ?? ''));
      const { appointment } = await bookAppointment(store, {
        patient,
        actors,
        slotIds: [slot.id],
        appointmentType: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0276', code: type, display: APPOINTMENT_TYPE_DISPLAY[type] ?? type }] },
        ...(description !== '' && { description }),
      });
      return appointment;
    });
  }

  private submitWaitlist(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const comment = String(form.get('comment') ?? '').trim();
    void this.write('waitlist', async (store) => {
      const patient = await this.checkedPatient(store, String(form.get('patient') ?? ''));
      return addToWaitlist(store, { patient, actors: this.actors, ...(comment !== '' && { comment }) });
    });
  }

  private submitCancel(event: SubmitEvent, appointment: ChosenAppointment, noShow: boolean): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const words = String(form.get('reason') ?? '').trim();
    if (!noShow && words === '') {
      this.setDialogError(this.strings.reasonRequired);
      return;
    }
    const reason: CodeableConcept | string = noShow ? { coding: [NO_SHOW_REASON], ...(words !== '' && { text: words }) } : words;
    void this.write(noShow ? 'noshow' : 'cancel', async (store) => (await cancelAppointment(store, appointment.id, { reason, ...(noShow && { noShow: true }) })).appointment);
  }

  private submitMove(event: SubmitEvent, appointment: ChosenAppointment): void {
    event.preventDefault();
    const slotId = String(new FormData(event.target as HTMLFormElement).get('slot') ?? '');
    if (slotId === '') return;
    void this.write('reschedule', async (store) => (await rescheduleAppointment(store, appointment.id, { slotIds: [slotId] })).appointment);
  }

  private changeStatus(appointment: ChosenAppointment, status: SchedulerStatusAction): void {
    void this.write('status', (store) => setAppointmentStatus(store, appointment.id, status));
  }

  // ---------------------------------------------------------------- rendering

  private heading(data: SchedulerData | undefined): string {
    const s = this.strings;
    if (!data) return s.heading;
    const names = data.view.actors.map((actor) => this.nameOf(actor, data));
    return s.headingFor(names.join(', '));
  }

  private rangeText(data: SchedulerData | undefined): string {
    const days = data?.view.days ?? [];
    const first = days[0];
    const last = days[days.length - 1];
    if (this.viewName === 'day' || !first || !last || days.length === 1) return this.dayText(first?.date ?? this.effectiveDate);
    return this.strings.weekRange(this.dayText(first.date), this.dayText(last.date));
  }

  private frame(body: unknown, data: SchedulerData | undefined): TemplateResult {
    const s = this.strings;
    const view = this.viewName;
    const unit = view === 'day' ? 'day' : 'week';
    return html`<section part="base" class="frame" aria-labelledby="heading">
        <div part="header" class="header">
          <h2 part="heading" id="heading" class="heading">${this.heading(data)}</h2>
          <p part="time-zone" class="time-zone">${s.timeZone(this.effectiveTimeZone)}</p>
          <div part="toolbar" class="toolbar">
            <div role="group" aria-label=${s.views} class="views">
              ${(['day', 'week', 'agenda'] as const).map(
                (name) => html`<button type="button" class="view-${name}" aria-pressed=${name === view ? 'true' : 'false'} @click=${() => this.setView(name)}>${s.view[name]}</button>`,
              )}
            </div>
            <div class="steps">
              <button type="button" class="previous" @click=${() => this.step(-1)}>${s.previous[unit]}</button>
              <button type="button" class="today" @click=${() => this.goToday()}>${s.today}</button>
              <button type="button" class="next" @click=${() => this.step(1)}>${s.next[unit]}</button>
            </div>
          </div>
          <p part="range" class="range" id="range" aria-live="polite">${this.rangeText(data)}</p>
        </div>
        ${body}
      </section>
      ${this.renderDialog(data)}`;
  }

  protected override renderLoading(): unknown {
    return this.frame(super.renderLoading(), undefined);
  }

  protected override renderFailure(restricted: boolean, message: string): unknown {
    return this.frame(super.renderFailure(restricted, message), undefined);
  }

  protected override renderData(data: SchedulerData): unknown {
    const s = this.strings;
    const notes = data.view.days.filter(clockChanges).map(
      (day) => html`<p part="clock-change" class="clock-change">${clockChangeIcon()}<span>${this.dayText(day.date)}: ${s.clockChange(day.hours, day.start.offset, day.end.offset)}</span></p>`,
    );
    const empty = data.view.days.every((day) => day.appointments.length === 0 && day.slots.every((slot) => slot.status === 'entered-in-error'));
    const body = empty
      ? html`<div part="empty" class="empty"><slot name="empty"><p>${s.emptyPeriod}</p></slot></div>`
      : this.viewName === 'agenda'
        ? this.renderAgenda(data)
        : this.renderGrid(data);
    return this.frame(html`${notes}${body}${this.renderWaitlist(data)}${this.renderAsOf()}`, data);
  }

  /** The items of a day worth showing: slots (not entered in error, nor busy with an appointment shown), and every appointment. */
  private dayItems(day: ScheduleDay): Item[] {
    const shown = new Set(day.appointments.filter((a) => a.holdsTime).map((a) => a.id));
    const slots: Item[] = day.slots.filter((slot) => slot.status !== 'entered-in-error' && !(slot.status === 'busy' && slot.appointmentIds.some((id) => shown.has(id)))).map((slot) => ({ slot }));
    const appointments: Item[] = day.appointments.map((appointment) => ({ appointment }));
    return [...slots, ...appointments].sort((a, b) => itemStart(a).localeCompare(itemStart(b)));
  }

  private renderGrid(data: SchedulerData): TemplateResult {
    const s = this.strings;
    const days = data.view.days;
    const rowOf = (item: Item) => {
      const local = 'slot' in item ? item.slot : item.appointment;
      return local.startsBeforeDay ? '00:00' : local.start.time;
    };
    const perDay = days.map((day) => this.dayItems(day));
    const rows = [...new Set(perDay.flatMap((items) => items.map(rowOf)))].sort();
    const cells = perDay.map((items) => rows.map((row) => items.filter((item) => rowOf(item) === row)));
    // the stops of each cell: its slots that can be booked and its appointments; an empty cell is a stop itself
    this.stopGrid = cells.map((column, col) =>
      column.map((items, row) => {
        const stops = items.flatMap((item) => ('slot' in item ? (item.slot.free ? [`slot:${item.slot.id}:${col}`] : []) : [`appointment:${item.appointment.id}:${col}`]));
        return stops.length > 0 ? stops : [`cell:${col}:${row}`];
      }),
    );
    const allStops = new Set(this.stopGrid.flat(2));
    const active = this.activeStop !== undefined && allStops.has(this.activeStop) ? this.activeStop : this.stopGrid[0]?.[0]?.[0];
    const tab = (key: string) => (key === active ? '0' : '-1');
    return html`<table part="grid" class="grid" role="grid" aria-labelledby="heading range" @keydown=${(event: KeyboardEvent) => this.onGridKey(event)} @focusin=${(event: FocusEvent) => this.onGridFocus(event)}>
      <thead>
        <tr>
          <th scope="col" class="time-header">${s.time}</th>
          ${days.map((day) => html`<th scope="col" class="day-header" data-date=${day.date}>${this.dayText(day.date)}${clockChanges(day) ? html` ${clockChangeIcon()}` : nothing}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row, r) => html`<tr>
            <th scope="row" class="time">${this.rowLabel(row, days, perDay)}</th>
            ${days.map((day, col) => {
              const items = cells[col]?.[r] ?? [];
              const cellStop = this.stopGrid[col]?.[r]?.[0] ?? '';
              const isCellStop = cellStop.startsWith('cell:');
              return html`<td class="cell" data-date=${day.date} data-time=${row} data-stop=${isCellStop ? cellStop : nothing} tabindex=${isCellStop ? tab(cellStop) : nothing}>
                ${items.map((item) => ('slot' in item ? this.renderSlot(item.slot, day, data, `slot:${item.slot.id}:${col}`, tab(`slot:${item.slot.id}:${col}`)) : this.renderAppointment(item.appointment, day, data, `appointment:${item.appointment.id}:${col}`, tab(`appointment:${item.appointment.id}:${col}`))))}
              </td>`;
            })}
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  /**
   * A row's time label: the wall-clock time in the clock in use, with the UTC offsets of the items
   * in the row that fall on a day the clocks change (two on the day they go back, when 01:30 comes twice).
   */
  private rowLabel(row: string, days: readonly ScheduleDay[], perDay: readonly Item[][]): string {
    let label: string | undefined;
    const offsets = new Set<string>();
    for (const [i, items] of perDay.entries()) {
      const day = days[i];
      for (const item of items) {
        const local = 'slot' in item ? item.slot : item.appointment;
        if (local.startsBeforeDay || local.start.time !== row) continue;
        label ??= formatClockTime(local.start.instant, this.timeOptions()) || row;
        if (day && clockChanges(day)) offsets.add(local.start.offset);
      }
    }
    const offsetText = [...offsets].map((offset) => this.strings.offset(offset)).join(', ');
    return offsets.size > 0 ? `${label ?? row} (${offsetText})` : (label ?? row);
  }

  private renderAgenda(data: SchedulerData): TemplateResult {
    const s = this.strings;
    this.stopGrid = [];
    return html`<div part="agenda" class="agenda">
      ${data.view.days.map((day) => {
        const items = this.dayItems(day);
        return html`<section class="agenda-day" aria-labelledby="day-${day.date}" data-date=${day.date}>
          <h3 id="day-${day.date}" class="day-heading">${this.dayText(day.date)}</h3>
          ${items.length === 0
            ? html`<p class="empty-day">${s.emptyDay}</p>`
            : html`<ul class="items">
                ${items.map((item) => html`<li>${'slot' in item ? this.renderSlot(item.slot, day, data, undefined, undefined) : this.renderAppointment(item.appointment, day, data, undefined, undefined)}</li>`)}
              </ul>`}
        </section>`;
      })}
    </div>`;
  }

  private renderSlot(slot: ScheduleSlot, day: ScheduleDay, data: SchedulerData, stop: string | undefined, tabindex: string | undefined): TemplateResult {
    const s = this.strings;
    const status = slot.status === 'free' || slot.status === 'busy' || slot.status === 'busy-unavailable' || slot.status === 'busy-tentative' ? slot.status : 'unknown';
    const content = html`${(SLOT_ICONS[status] ?? unknownIcon)()}<span part="status" class="word">${s.slotStatus[status]}</span>
      <span class="time">${this.span(slot, day)}</span>${slot.overbooked ? html` <span class="overbooked">${s.overbooked}</span>` : nothing}${slot.comment ? html` <span class="comment">${slot.comment}</span>` : nothing}`;
    if (!slot.free) return html`<div part="slot" class="item slot ${status}" data-slot-id=${slot.id}>${content}</div>`;
    return html`<button type="button" part="slot" class="item slot free" data-slot-id=${slot.id} data-stop=${stop ?? nothing} tabindex=${tabindex ?? nothing} ?disabled=${this.writing} @click=${() => this.selectSlot(slot, data)}>${content}</button>`;
  }

  private renderPatient(reference: string | undefined, data: SchedulerData): TemplateResult {
    const s = this.strings;
    if (reference === undefined) return html`<span class="patient">${s.noPatient}</span>`;
    const patient = data.patients.get(reference);
    return html`<span class="patient">${patient?.name || s.nameNotKnown}</span>${patient?.deceased ? html` <span part="flag" class="flag deceased">${deceasedIcon()}${s.deceased}</span>` : nothing}${patient?.inactive
        ? html` <span part="flag" class="flag inactive">${inactiveIcon()}${s.inactive}</span>`
        : nothing}`;
  }

  private renderAppointment(appointment: ScheduleAppointment, day: ScheduleDay, data: SchedulerData, stop: string | undefined, tabindex: string | undefined): TemplateResult {
    const s = this.strings;
    const type = this.typeText(appointment.appointmentType, appointment.serviceType);
    return html`<button
      type="button"
      part="appointment"
      class="item appointment status-${appointment.status} ${appointment.holdsTime ? '' : 'released'}"
      data-appointment-id=${appointment.id}
      data-stop=${stop ?? nothing}
      tabindex=${tabindex ?? nothing}
      @click=${() => this.selectAppointment(this.chosen(appointment))}
    >
      <span class="line">${APPOINTMENT_ICONS[appointment.status]()}<span part="status" class="word">${s.status[appointment.status]}</span> <span class="time">${this.span(appointment, day)}</span></span>
      <span class="line">${this.renderPatient(appointment.patient, data)}</span>
      ${type ? html`<span class="line type">${type}</span>` : nothing}
      ${appointment.conflicts.length > 0 && appointment.holdsTime
        ? html`<span class="line">${[...new Map(appointment.conflicts.map((c) => [`${c.kind}|${c.actor}`, c])).values()].map((c) => html`<span part="flag" class="flag conflict">${conflictIcon()}${s.doubleBooked(s.conflictKind[c.kind], this.nameOf(c.actor, data))}</span> `)}</span>`
        : nothing}
    </button>`;
  }

  private renderWaitlist(data: SchedulerData): TemplateResult {
    const s = this.strings;
    const entries = data.view.waitlist;
    return html`<section part="waitlist" class="waitlist" aria-labelledby="waitlist-heading">
      <h3 id="waitlist-heading" class="waitlist-heading">${s.waitlist(entries.length)}</h3>
      ${entries.length === 0
        ? html`<p class="waitlist-empty">${s.waitlistEmpty}</p>`
        : html`<ul class="items">
            ${entries.map(
              (entry) => html`<li>
                <button type="button" part="appointment" class="item appointment status-waitlist" data-appointment-id=${entry.id} @click=${() => this.selectAppointment(this.chosenEntry(entry))}>
                  <span class="line">${waitlistIcon()}<span part="status" class="word">${s.status.waitlist}</span>${entry.priority ? html` <span class="priority">${s.priority(entry.priority)}</span>` : nothing}</span>
                  <span class="line">${this.renderPatient(entry.patient, data)}</span>
                  ${this.typeText(undefined, entry.serviceType) ? html`<span class="line type">${this.typeText(undefined, entry.serviceType)}</span>` : nothing}
                  ${entry.comment ? html`<span class="line comment">${entry.comment}</span>` : nothing}
                </button>
              </li>`,
            )}
          </ul>`}
      <button type="button" class="add-waitlist" ?disabled=${this.writing} @click=${() => (this.dialog = { kind: 'waitlist' })}>${s.addToWaitlist}</button>
    </section>`;
  }

  // ---------------------------------------------------------------- dialogs

  private renderDialog(data: SchedulerData | undefined): TemplateResult {
    const s = this.strings;
    const dialog = this.dialog;
    const title = dialog?.kind === 'book' ? s.bookTitle : dialog?.kind === 'waitlist' ? s.waitlistTitle : s.appointmentTitle;
    return html`<dialog part="dialog" class="dialog" aria-labelledby="dialog-title" @close=${() => this.closeDialog()}>
      ${dialog
        ? html`<h3 id="dialog-title" class="dialog-title">${title}</h3>
            ${dialog.kind === 'book' ? this.renderBookForm(dialog.slot, dialog.actors, data) : dialog.kind === 'waitlist' ? this.renderWaitlistForm() : this.renderAppointmentPanel(dialog.appointment, dialog.form, data)}
            ${dialog.error ? html`<p part="dialog-error" class="dialog-error" role="alert">${conflictIcon()}<span>${dialog.error}</span></p>` : nothing}
            <div class="dialog-close"><button type="button" class="close" @click=${() => this.closeDialog()}>${s.close}</button></div>`
        : nothing}
    </dialog>`;
  }

  private renderBookForm(slot: ScheduleSlot, actors: readonly string[], data: SchedulerData | undefined): TemplateResult {
    const s = this.strings;
    const withWhom = actors.map((actor) => this.nameOf(actor, data)).join(', ');
    return html`<p class="dialog-summary">${s.bookSummary(this.whenText(slot.start.instant, slot.end.instant), withWhom)}</p>
      <p class="dialog-zone">${s.timeZone(this.effectiveTimeZone)}</p>
      <form class="book-form" @submit=${(event: SubmitEvent) => this.submitBooking(event, slot, actors)}>
        <label>${s.patientLabel} <input name="patient" required autocomplete="off" aria-describedby="patient-hint" /></label>
        <span id="patient-hint" class="hint">${s.patientHint}</span>
        <label
          >${s.typeLabel}
          <select name="type">
            ${APPOINTMENT_TYPES.map((type) => html`<option value=${type}>${s.types[type]}</option>`)}
          </select></label
        >
        <label>${s.descriptionLabel} <input name="description" autocomplete="off" /></label>
        <div class="dialog-actions"><button type="submit" class="book" ?disabled=${this.writing}>${s.book}</button></div>
      </form>`;
  }

  private renderWaitlistForm(): TemplateResult {
    const s = this.strings;
    return html`<form class="waitlist-form" @submit=${(event: SubmitEvent) => this.submitWaitlist(event)}>
      <label>${s.patientLabel} <input name="patient" required autocomplete="off" aria-describedby="patient-hint" /></label>
      <span id="patient-hint" class="hint">${s.patientHint}</span>
      <label>${s.waitlistNote} <input name="comment" autocomplete="off" /></label>
      <div class="dialog-actions"><button type="submit" class="add" ?disabled=${this.writing}>${s.add}</button></div>
    </form>`;
  }

  /** Free slots in the view an appointment can move to: those of a schedule it already involves, else any. */
  private moveTargets(appointment: ChosenAppointment, data: SchedulerData | undefined): { slot: ScheduleSlot; day: ScheduleDay }[] {
    if (!data) return [];
    const involved = new Set(data.view.schedules.filter((schedule) => schedule.actors.some((actor) => appointment.participants.includes(actor))).map((schedule) => schedule.id));
    const seen = new Set<string>();
    const targets: { slot: ScheduleSlot; day: ScheduleDay }[] = [];
    for (const day of data.view.days) {
      for (const slot of day.slots) {
        if (!slot.free || seen.has(slot.id) || (involved.size > 0 && !involved.has(slot.scheduleId))) continue;
        seen.add(slot.id);
        targets.push({ slot, day });
      }
    }
    return targets;
  }

  private renderAppointmentPanel(appointment: ChosenAppointment, form: 'cancel' | 'noshow' | 'move' | undefined, data: SchedulerData | undefined): TemplateResult {
    const s = this.strings;
    const status = appointment.status;
    const next: readonly string[] = status === 'unknown' ? [] : APPOINTMENT_STATUS_TRANSITIONS[status];
    const statusActions = STATUS_ACTIONS.filter((action) => next.includes(action) && !(action === 'booked' && appointment.waitlist));
    const canCancel = next.includes('cancelled');
    const canNoShow = next.includes('noshow');
    const canMove = MOVABLE.includes(status);
    const type = this.typeText(appointment.appointmentType, appointment.serviceType);
    const open = (which: 'cancel' | 'noshow' | 'move') => {
      if (this.dialog?.kind === 'appointment') this.dialog = { kind: 'appointment', appointment: this.dialog.appointment, form: which };
    };
    const targets = this.moveTargets(appointment, data);
    return html`<dl class="details">
        <div><dt>${s.statusLabel}</dt><dd class="status">${APPOINTMENT_ICONS[status]()}${s.status[status]}</dd></div>
        <div><dt>${s.patient}</dt><dd>${data ? this.renderPatient(appointment.patient, data) : appointment.patient ?? s.noPatient}</dd></div>
        ${appointment.start && appointment.end ? html`<div><dt>${s.when}</dt><dd class="when">${this.whenText(appointment.start.instant, appointment.end.instant)}</dd></div>` : nothing}
        ${type ? html`<div><dt>${s.type}</dt><dd>${type}</dd></div>` : nothing}
        ${appointment.participants.length > 0 ? html`<div><dt>${s.withLabel}</dt><dd>${appointment.participants.map((actor) => this.nameOf(actor, data)).join(', ')}</dd></div>` : nothing}
        ${appointment.cancelationReason ? html`<div><dt>${s.cancellationReason}</dt><dd class="reason">${formatCodeableConcept(appointment.cancelationReason)}</dd></div>` : nothing}
        <div><dt>${s.source}</dt><dd class="source">${s.sourceText(appointment.source.organization ? `${appointment.source.organization} (${appointment.source.system})` : appointment.source.system, appointment.source.lastUpdatedText)}</dd></div>
      </dl>
      ${appointment.conflicts.length > 0 && status !== 'cancelled' && status !== 'noshow'
        ? html`<ul class="conflicts">
            ${appointment.conflicts.map((c) => html`<li part="flag" class="flag conflict">${conflictIcon()}${s.conflictLine(s.conflictKind[c.kind], this.nameOf(c.actor, data), this.whenText(c.start, c.end))}</li>`)}
          </ul>`
        : nothing}
      <div class="dialog-actions" role="group" aria-label=${s.actions}>
        ${statusActions.map((action) => html`<button type="button" class="action-${action}" ?disabled=${this.writing} @click=${() => this.changeStatus(appointment, action)}>${s.statusAction[action]}</button>`)}
        ${canMove ? html`<button type="button" class="action-move" aria-expanded=${form === 'move' ? 'true' : 'false'} @click=${() => open('move')}>${appointment.waitlist ? s.bookFromWaitlist : s.reschedule}</button>` : nothing}
        ${canNoShow ? html`<button type="button" class="action-noshow" aria-expanded=${form === 'noshow' ? 'true' : 'false'} @click=${() => open('noshow')}>${s.markNoShow}</button>` : nothing}
        ${canCancel ? html`<button type="button" class="action-cancel" aria-expanded=${form === 'cancel' ? 'true' : 'false'} @click=${() => open('cancel')}>${appointment.waitlist ? s.removeFromWaitlist : s.cancelAppointment}</button>` : nothing}
        ${statusActions.length === 0 && !canMove && !canNoShow && !canCancel ? html`<p class="no-actions">${s.noActions}</p>` : nothing}
      </div>
      ${form === 'cancel'
        ? html`<form class="cancel-form" @submit=${(event: SubmitEvent) => this.submitCancel(event, appointment, false)}>
            <label>${s.cancelReason} <input name="reason" required autocomplete="off" /></label>
            <div class="dialog-actions"><button type="submit" class="confirm-cancel" ?disabled=${this.writing}>${appointment.waitlist ? s.confirmRemove : s.confirmCancel}</button></div>
          </form>`
        : nothing}
      ${form === 'noshow'
        ? html`<form class="noshow-form" @submit=${(event: SubmitEvent) => this.submitCancel(event, appointment, true)}>
            <label>${s.noShowNote} <input name="reason" autocomplete="off" /></label>
            <div class="dialog-actions"><button type="submit" class="confirm-noshow" ?disabled=${this.writing}>${s.confirmNoShow}</button></div>
          </form>`
        : nothing}
      ${form === 'move'
        ? targets.length === 0
          ? html`<p class="no-free-slot">${s.noFreeSlot}</p>`
          : html`<form class="move-form" @submit=${(event: SubmitEvent) => this.submitMove(event, appointment)}>
              <label
                >${s.moveTo}
                <select name="slot">
                  ${targets.map(({ slot }) => html`<option value=${slot.id}>${this.whenText(slot.start.instant, slot.end.instant)}</option>`)}
                </select></label
              >
              <div class="dialog-actions"><button type="submit" class="confirm-move" ?disabled=${this.writing}>${s.confirmMove}</button></div>
            </form>`
        : nothing}`;
  }
}

/** A refusal the scheduler decides itself (no patient, a deceased patient), with its message. */
class RefusedError extends Error {}

/** Whether the clocks change during a day (its start and end have different UTC offsets). */
function clockChanges(day: ScheduleDay): boolean {
  return day.start.offset !== day.end.offset;
}
