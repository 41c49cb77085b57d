import { createContext } from '@lit/context';
import type { ChartStore } from '@chartwell/core';

/**
 * The chart store that data widgets read from. Provided by `<cw-chart-provider .store=${store}>`;
 * the key is shared by every copy of Chartwell 0.x on a page.
 */
export const storeContext = createContext<ChartStore | undefined>(Symbol.for('chartwell/store@0'));
