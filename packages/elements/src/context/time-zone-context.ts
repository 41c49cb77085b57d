import { createContext } from '@lit/context';

/**
 * The IANA time zone of the clinic (`Europe/London`) in which widgets show instants and "today".
 * Provided by `<cw-chart-provider>`; the key is shared by every copy of Chartwell 0.x on a page.
 */
export const timeZoneContext = createContext<string>(Symbol.for('chartwell/time-zone@0'));
