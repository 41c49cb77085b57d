import type { ContactPoint } from '@chartwell/fhir';
import { textOf } from './text-parts.js';

const SYSTEM_WORDS: Record<NonNullable<ContactPoint['system']>, string> = {
  phone: 'phone',
  fax: 'fax',
  email: 'email',
  pager: 'pager',
  url: 'web',
  sms: 'SMS',
  other: '',
};

/**
 * A ContactPoint as `value (use system)`: `(03) 5555 6473 (work phone)`, `p@example.org (home
 * email)`, `555-0100 (mobile)`. The value is kept as recorded. `''` when there is no value; never
 * throws. Whether an old or expired contact point should be shown is the caller's choice.
 *
 * @category Formatting
 */
export function formatTelecom(contactPoint: ContactPoint | undefined): string {
  if (typeof contactPoint !== 'object' || contactPoint === null) return '';
  const value = textOf(contactPoint.value);
  if (value === undefined) return '';
  const system = contactPoint.system === undefined ? '' : (SYSTEM_WORDS[contactPoint.system] ?? '');
  const use = typeof contactPoint.use === 'string' ? contactPoint.use : '';
  // "mobile phone" says the same as "mobile"
  const label = use === 'mobile' && system === 'phone' ? 'mobile' : [use, system].filter((word) => word !== '').join(' ');
  return label === '' ? value : `${value} (${label})`;
}
