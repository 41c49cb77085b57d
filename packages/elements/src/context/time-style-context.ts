import { createContext } from '@lit/context';
import type { TimeStyle } from '@chartwell/core';

/**
 * The clock widgets write times on: `24h` or `locale`; unset (`undefined`), the one that goes with
 * the date style. Provided by `<cw-chart-provider time-style>`; the key is shared by every copy of
 * Chartwell 0.x.
 */
export const timeStyleContext = createContext<TimeStyle | undefined>(Symbol.for('chartwell/time-style@0'));
