// Typed JSX for the Chartwell elements in a React 19 host, typed from the element classes.
//
// React 19 decides, prop by prop, what to do on a custom element (react-dom's
// setValueForPropertyOnCustomComponent):
//  - a prop whose name starts with `on` and whose value is a function becomes an event listener for
//    the rest of the name, case kept: `oncw-error` listens to `cw-error` (`onCwError` would listen
//    to an event named `CwError`, which nothing fires; a `Capture` suffix listens in the capture phase);
//  - otherwise, if the element has a property of that name (`name in element`), React sets the
//    property: `store` and `i18n` arrive as objects;
//  - otherwise it sets an attribute: `patient-id`, `time-zone` (strings; `true` becomes "", and
//    false, null or undefined remove it).
// So the elements must be defined (their define modules imported) before React renders them, or
// `store` is not yet a property and would be written as an attribute.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  ChartDataElement,
  CwAllergyBanner,
  CwChartProvider,
  CwContextMismatchEvent,
  CwErrorEvent,
  CwMedList,
  CwPatientBanner,
  CwProblemList,
} from '@chartwell/elements';

/** React's HTML props for element `E` (`ref` to the element itself, `className`, `hidden`, children …). */
export type CwHtmlProps<E extends HTMLElement> = DetailedHTMLProps<HTMLAttributes<E>, E>;

/** The props of `<cw-chart-provider>`: its attributes under their HTML names, `store` as a property. */
export type CwChartProviderProps = CwHtmlProps<CwChartProvider> & {
  locale?: CwChartProvider['locale'];
  'time-zone'?: CwChartProvider['timeZone'];
  'date-style'?: CwChartProvider['dateStyle'];
  'time-style'?: CwChartProvider['timeStyle'];
  theme?: CwChartProvider['theme'];
  store?: CwChartProvider['store'];
};

/**
 * The props every chart data widget takes: `patient-id` (an attribute), `store` and `i18n`
 * (properties), a locale or time zone of its own, and its two events with their event classes.
 */
export type CwChartWidgetProps<E extends ChartDataElement<unknown> & { i18n: object }> = CwHtmlProps<E> & {
  'patient-id'?: E['patientId'];
  store?: E['store'];
  locale?: E['locale'];
  'time-zone'?: E['timeZone'];
  i18n?: E['i18n'];
  /** The widget's data could not be loaded: `event.detail.outcome` is the OperationOutcome. */
  'oncw-error'?: (event: CwErrorEvent) => void;
  /** The store answered with another patient's data; the widget shows none of it. */
  'oncw-context-mismatch'?: (event: CwContextMismatchEvent) => void;
};

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX types live in this namespace
  namespace JSX {
    interface IntrinsicElements {
      'cw-chart-provider': CwChartProviderProps;
      'cw-patient-banner': CwChartWidgetProps<CwPatientBanner> & { variant?: CwPatientBanner['variant'] };
      'cw-allergy-banner': CwChartWidgetProps<CwAllergyBanner>;
      'cw-med-list': CwChartWidgetProps<CwMedList> & { tab?: CwMedList['tab']; sort?: CwMedList['sort']; filter?: CwMedList['filter'] };
      'cw-problem-list': CwChartWidgetProps<CwProblemList>;
    }
  }
}
