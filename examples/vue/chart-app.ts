// A Vue 3 host: a patient picker (Vue state) over the Chartwell chart widgets, written as a
// template string that Vue's runtime compiler compiles in the browser (no build step, no .vue
// file). The define modules come first, so the tags are real elements when Vue sets their props.
import '@chartwell/elements/define/cw-chart-provider.js';
import '@chartwell/elements/define/cw-patient-banner.js';
import '@chartwell/elements/define/cw-allergy-banner.js';
import '@chartwell/elements/define/cw-med-list.js';
import '@chartwell/elements/define/cw-problem-list.js';
import { createApp, defineComponent, markRaw, ref, shallowRef, useId, watchEffect, type App, type PropType } from 'vue';
import type { ChartStore } from '@chartwell/core';
import type { CwErrorEvent } from '@chartwell/elements';
import { patientOptions, type PatientOption } from '../host-kit/patient-options.js';

/** What the app shows of a widget's `cw-error`: which widget, and the OperationOutcome's issue code (never its diagnostics). */
export interface ReportedError {
  readonly widget: string;
  readonly code: string;
}

/** The options of {@link createChartApp}. */
export interface ChartAppOptions {
  /** The chart store every widget reads from (through the provider). */
  readonly store: ChartStore;
  /** The widgets' locale (`en-GB`). */
  readonly locale?: string;
  /** The clinic's IANA time zone. */
  readonly timeZone?: string;
  /** Called with every `cw-error` a widget fires, after the app has shown it. */
  readonly onWidgetError?: (event: CwErrorEvent) => void;
}

/** Tags Vue leaves to the browser instead of resolving them as Vue components. */
export const isChartwellElement = (tag: string): boolean => tag.startsWith('cw-');

// `:store.prop` sets the store as a DOM property whatever the element; `patient-id` and
// `time-zone` are not properties of the elements, so Vue sets them as attributes; `@cw-error`
// listens to the widget's cw-error event.
const template = /* html */ `
<cw-chart-provider :locale="locale" :time-zone="timeZone" :store.prop="store">
  <header class="host-toolbar">
    <label :for="pickerId">Patient</label>
    <select :id="pickerId" v-model="patientId" :disabled="!patients || patients.length === 0">
      <option v-if="!patients" value="">Loading patients…</option>
      <option v-else-if="patients.length === 0" value="">No patients</option>
      <option v-for="patient in patients" :key="patient.id" :value="patient.id">{{ patient.name }}</option>
    </select>
    <p class="host-last-error" role="status">{{ lastError ? 'Last widget error: ' + lastError.widget + ' (' + lastError.code + ')' : 'No widget errors' }}</p>
  </header>
  <main v-if="patientId">
    <cw-patient-banner :patient-id="patientId" @cw-error="onError"></cw-patient-banner>
    <cw-allergy-banner :patient-id="patientId" @cw-error="onError"></cw-allergy-banner>
    <div class="host-columns">
      <cw-med-list :patient-id="patientId" @cw-error="onError"></cw-med-list>
      <cw-problem-list :patient-id="patientId" @cw-error="onError"></cw-problem-list>
    </div>
  </main>
</cw-chart-provider>`;

/** The widget error as the app reports it. */
function reported(event: CwErrorEvent): ReportedError {
  const widget = event.currentTarget instanceof Element ? event.currentTarget.localName : 'a widget';
  return { widget, code: event.detail.outcome.issue[0]?.code ?? 'unknown' };
}

/** The chart of the patient picked: banner, allergies, medications and problems. */
export const ChartApp = defineComponent({
  name: 'ChartApp',
  props: {
    store: { type: Object as PropType<ChartStore>, required: true },
    locale: { type: String, default: 'en-GB' },
    timeZone: { type: String, default: 'Europe/London' },
    onWidgetError: { type: Function as PropType<(event: CwErrorEvent) => void>, default: undefined },
  },
  setup(props) {
    const patients = shallowRef<readonly PatientOption[]>();
    const patientId = ref<string>();
    const lastError = shallowRef<ReportedError>();

    watchEffect((onCleanup) => {
      let current = true;
      onCleanup(() => (current = false));
      patientOptions(props.store, props.locale).then(
        (options) => {
          if (!current) return;
          patients.value = options;
          if (!options.some((option) => option.id === patientId.value)) patientId.value = options[0]?.id;
        },
        () => {
          if (current) patients.value = [];
        },
      );
    });

    const onError = (event: CwErrorEvent): void => {
      lastError.value = reported(event);
      props.onWidgetError?.(event);
    };

    return { pickerId: useId(), patients, patientId, lastError, onError };
  },
  template,
});

/**
 * The Vue app around {@link ChartApp}, ready to mount. The store is marked raw: Vue must hand the
 * element the store itself, not a reactive proxy of it.
 */
export function createChartApp({ store, ...options }: ChartAppOptions): App {
  const app = createApp(ChartApp, { store: markRaw(store), ...options });
  app.config.compilerOptions.isCustomElement = isChartwellElement;
  return app;
}
