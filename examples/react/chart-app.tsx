// A React 19 host: a patient picker (React state) over the Chartwell chart widgets, which it
// renders as plain JSX tags, typed by ./cw-elements-jsx.ts. The define modules come first, so the
// tags are real elements when React sets their properties.
import '@chartwell/elements/define/cw-chart-provider.js';
import '@chartwell/elements/define/cw-patient-banner.js';
import '@chartwell/elements/define/cw-allergy-banner.js';
import '@chartwell/elements/define/cw-med-list.js';
import '@chartwell/elements/define/cw-problem-list.js';
import { useEffect, useId, useState, type ReactElement } from 'react';
import type { ChartStore } from '@chartwell/core';
import type { CwErrorEvent } from '@chartwell/elements';
import type {} from './cw-elements-jsx.js';
import { patientOptions, type PatientOption } from '../host-kit/patient-options.js';

/** What the app shows of a widget's `cw-error`: which widget, and the OperationOutcome's issue code (never its diagnostics). */
export interface ReportedError {
  readonly widget: string;
  readonly code: string;
}

/** The props of {@link ChartApp}. */
export interface ChartAppProps {
  /** The chart store every widget reads from (through the provider). */
  readonly store: ChartStore;
  /** The widgets' locale (`en-GB`). */
  readonly locale?: string;
  /** The clinic's IANA time zone. */
  readonly timeZone?: string;
  /** Called with every `cw-error` a widget fires, after the app has shown it. */
  readonly onWidgetError?: (event: CwErrorEvent) => void;
}

/** The widget error as the app reports it. */
function reported(event: CwErrorEvent): ReportedError {
  const widget = event.currentTarget instanceof Element ? event.currentTarget.localName : 'a widget';
  return { widget, code: event.detail.outcome.issue[0]?.code ?? 'unknown' };
}

/** The chart of the patient picked: banner, allergies, medications and problems. */
export function ChartApp({ store, locale = 'en-GB', timeZone = 'Europe/London', onWidgetError }: ChartAppProps): ReactElement {
  const pickerId = useId();
  const [patients, setPatients] = useState<readonly PatientOption[]>();
  const [patientId, setPatientId] = useState<string>();
  const [lastError, setLastError] = useState<ReportedError>();

  useEffect(() => {
    let current = true;
    patientOptions(store, locale).then(
      (options) => {
        if (!current) return;
        setPatients(options);
        setPatientId((picked) => (picked !== undefined && options.some((option) => option.id === picked) ? picked : options[0]?.id));
      },
      () => {
        if (current) setPatients([]);
      },
    );
    return () => {
      current = false;
    };
  }, [store, locale]);

  const onError = (event: CwErrorEvent): void => {
    setLastError(reported(event));
    onWidgetError?.(event);
  };

  return (
    <cw-chart-provider locale={locale} time-zone={timeZone} store={store}>
      <header className="host-toolbar">
        <label htmlFor={pickerId}>Patient</label>
        <select id={pickerId} value={patientId ?? ''} disabled={!patients?.length} onChange={(event) => setPatientId(event.target.value)}>
          {patients === undefined && <option value="">Loading patients…</option>}
          {patients?.length === 0 && <option value="">No patients</option>}
          {patients?.map((patient) => (
            <option key={patient.id} value={patient.id}>
              {patient.name}
            </option>
          ))}
        </select>
        <p className="host-last-error" role="status">
          {lastError ? `Last widget error: ${lastError.widget} (${lastError.code})` : 'No widget errors'}
        </p>
      </header>
      {patientId !== undefined && (
        <main>
          <cw-patient-banner patient-id={patientId} oncw-error={onError} />
          <cw-allergy-banner patient-id={patientId} oncw-error={onError} />
          <div className="host-columns">
            <cw-med-list patient-id={patientId} oncw-error={onError} />
            <cw-problem-list patient-id={patientId} oncw-error={onError} />
          </div>
        </main>
      )}
    </cw-chart-provider>
  );
}
