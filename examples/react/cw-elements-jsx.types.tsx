// Compile-time checks of the JSX types in ./cw-elements-jsx.ts, run by `npm run lint`
// (tsc -p tsconfig.test.json). Each @ts-expect-error line must be a type error, or tsc fails on
// the unused directive: a wrong prop type, a misspelt attribute or a mistyped handler never compiles.
import type { ReactElement } from 'react';
import { MemoryStore } from '@chartwell/core';
import type { CwContextMismatchEvent, CwErrorEvent } from '@chartwell/elements';
import type {} from './cw-elements-jsx.js';

const store = new MemoryStore();
const onError = (event: CwErrorEvent): string | undefined => event.detail.outcome.issue[0]?.code;
const onMismatch = (event: CwContextMismatchEvent): readonly string[] => event.detail.found;

/** Well-typed uses: these compile. */
export const accepted: ReactElement[] = [
  <cw-chart-provider locale="en-GB" time-zone="Europe/London" date-style="locale" time-style="24h" theme="dark" store={store} />,
  <cw-patient-banner patient-id="p1" variant="compact" oncw-error={onError} oncw-context-mismatch={onMismatch} />,
  <cw-allergy-banner patient-id="p1" store={store} i18n={{ notRecorded: 'Not recorded' }} />,
  <cw-med-list patient-id="p1" tab="past" sort="name" filter="amox" i18n={{ loading: 'Loading medicines…' }} />,
  <cw-problem-list patient-id="p1" locale="es" time-zone="UTC" className="wide" hidden />,
];

/** Wrong uses: each must fail to compile. */
export const rejected: ReactElement[] = [
  // @ts-expect-error a store is a ChartStore, not a number
  <cw-med-list store={42} />,
  // @ts-expect-error a store is a ChartStore, not its name
  <cw-chart-provider store="memory" />,
  // @ts-expect-error the attribute is patient-id
  <cw-allergy-banner patient="p1" />,
  // @ts-expect-error patient-id is a string
  <cw-problem-list patient-id={7} />,
  // @ts-expect-error the camelCase event prop is not the cw-error event
  <cw-med-list onCwError={onError} />,
  // @ts-expect-error a cw-error handler receives a CwErrorEvent, not a context mismatch
  <cw-med-list oncw-error={onMismatch} />,
  // @ts-expect-error a cw-error handler receives a CwErrorEvent, not a MouseEvent
  <cw-patient-banner oncw-error={(event: MouseEvent) => event.button} />,
  // @ts-expect-error the banner variants are full, compact and micro
  <cw-patient-banner variant="huge" />,
  // @ts-expect-error the med list's i18n has no such string
  <cw-med-list i18n={{ notRecorded: 'Not recorded' }} />,
  // @ts-expect-error the med list tabs are current and past
  <cw-med-list tab="all" />,
  // @ts-expect-error themes are light, dark, high-contrast and auto
  <cw-chart-provider theme="sepia" />,
];
