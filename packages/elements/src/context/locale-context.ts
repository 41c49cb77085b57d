import { createContext } from '@lit/context';

/**
 * The BCP 47 locale (`en-GB`, `fr-CA`) in which widgets format names, dates, numbers and money.
 * Provided by `<cw-chart-provider>`; the key is shared by every copy of Chartwell 0.x on a page.
 */
export const localeContext = createContext<string>(Symbol.for('chartwell/locale@0'));
