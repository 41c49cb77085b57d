// The portal's pages and their URL hashes: #patients, #chart/<id>, #schedule, #billing/<id>, #incoming, #settings.

/** The portal's pages, in the navigation's order. */
export const PAGES = ['patients', 'chart', 'schedule', 'billing', 'incoming', 'settings'] as const;

/** A page of the portal. */
export type Page = (typeof PAGES)[number];

/** Where the portal is: a page, and for the chart and billing pages the patient. */
export interface Route {
  readonly page: Page;
  readonly patientId?: string;
}

/** The route a hash names; anything unknown is the patient list. */
export function parseRoute(hash: string): Route {
  const [name = '', ...rest] = hash.replace(/^#/, '').split('/');
  const page = (PAGES as readonly string[]).includes(name) ? (name as Page) : 'patients';
  const patientId = rest.length > 0 ? decodeURIComponent(rest.join('/')) : '';
  return (page === 'chart' || page === 'billing') && patientId !== '' ? { page, patientId } : { page };
}

/** The hash of a route. */
export function routeHash(route: Route): string {
  return `#${route.page}${route.patientId !== undefined && (route.page === 'chart' || route.page === 'billing') ? `/${encodeURIComponent(route.patientId)}` : ''}`;
}
