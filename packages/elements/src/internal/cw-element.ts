import { LitElement } from 'lit';
import { updateWhenLocaleChanges } from '@lit/localize';

/**
 * The thin base class of every Chartwell element: `ElementInternals`, custom-state helpers
 * (`:state(loading)` and the like), a `define()` that tolerates a second registration, and a
 * re-render whenever the text locale of `@lit/localize` changes (every built-in string is a `msg()`).
 */
export class CwElement extends LitElement {
  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** The element's internals: custom states, and default ARIA for elements that need it. */
  protected readonly internals: ElementInternals = this.attachInternals();

  /**
   * Registers this class under `tag`. A tag already taken (say, two copies of Chartwell on one
   * page) logs a warning and keeps the first registration instead of throwing.
   */
  static define(tag: string): void {
    const existing = customElements.get(tag);
    if (existing) {
      if (existing !== (this as unknown)) {
        console.warn(`<${tag}> is already defined by another class; the first registration is kept.`);
      }
      return;
    }
    customElements.define(tag, this as unknown as CustomElementConstructor);
  }

  /** Turns the custom state `name` (styled as `:host(:state(name))`) on or off. */
  protected setCustomState(name: string, on: boolean): void {
    if (on) this.internals.states.add(name);
    else this.internals.states.delete(name);
  }

  /** Whether the custom state `name` is on. */
  hasCustomState(name: string): boolean {
    return this.internals.states.has(name);
  }
}
