/** The first instant (ms) of a FHIR date or dateTime, or undefined if malformed. */
function startOf(text: string): number | undefined {
  const time = Date.parse(text.includes('T') ? text : `${text}${'-01'.repeat(Math.max(0, 2 - (text.split('-').length - 1)))}T00:00:00Z`);
  return Number.isNaN(time) ? undefined : time;
}

/** The instant (ms) just after a FHIR date or dateTime: a date covers its whole year, month or day (in UTC). */
function endOf(text: string): number | undefined {
  if (text.includes('T')) return startOf(text);
  const [year, month, day] = text.split('-').map(Number);
  if (year === undefined || !Number.isInteger(year)) return undefined;
  const end = day !== undefined ? Date.UTC(year, (month ?? 1) - 1, day + 1) : month !== undefined ? Date.UTC(year, month, 1) : Date.UTC(year + 1, 0, 1);
  return Number.isNaN(end) ? undefined : end;
}

/**
 * Whether a FHIR Period covers the instant `now`. A missing bound is open; a date bound covers its
 * whole day, month or year (UTC); a malformed bound is ignored.
 */
export function periodCovers(period: { readonly start?: string; readonly end?: string } | undefined, now: Date): boolean {
  if (period === undefined) return true;
  const at = now.getTime();
  const start = typeof period.start === 'string' ? startOf(period.start) : undefined;
  const end = typeof period.end === 'string' ? endOf(period.end) : undefined;
  return (start === undefined || at >= start) && (end === undefined || at < end);
}
