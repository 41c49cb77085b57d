/**
 * Registers `<cw-notes>`. Import this module (it has that side effect) to use the tag.
 * @packageDocumentation
 */
import { CwNotes } from '../components/notes/notes.js';

CwNotes.define('cw-notes');

export { CwNotes };

declare global {
  interface HTMLElementTagNameMap {
    'cw-notes': CwNotes;
  }
}
