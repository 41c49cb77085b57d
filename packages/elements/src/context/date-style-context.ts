import { createContext } from '@lit/context';
import type { DateStyle } from '@chartwell/core';

/**
 * How widgets write dates: `clinical` (`04-Apr-1972`, regional settings ignored) or `locale`.
 * Provided by `<cw-chart-provider date-style>`; the key is shared by every copy of Chartwell 0.x.
 */
export const dateStyleContext = createContext<DateStyle>(Symbol.for('chartwell/date-style@0'));
