/**
 * Registers `<cw-allergy-banner>`. Import this module (it has that side effect) to use the tag.
 * @packageDocumentation
 */
import { CwAllergyBanner } from '../components/allergy-banner/allergy-banner.js';

CwAllergyBanner.define('cw-allergy-banner');

export { CwAllergyBanner };

declare global {
  interface HTMLElementTagNameMap {
    'cw-allergy-banner': CwAllergyBanner;
  }
}
