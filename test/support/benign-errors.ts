// lit-virtualizer (inside <cw-results>) measures its rows in a ResizeObserver callback and places
// them, which Chromium reports as "ResizeObserver loop completed with undelivered notifications":
// benign (the rest is delivered in the next frame; w3c/csswg-drafts#5488), but Mocha counts any
// window error as a failure. Call this inside a `describe` whose tests render <cw-results>.
export function ignoreResizeObserverLoopErrors(): void {
  let mochaOnError: OnErrorEventHandler = null;
  before(() => {
    mochaOnError = window.onerror;
    window.onerror = (message, ...rest) => (String(message).includes('ResizeObserver loop completed') ? true : (mochaOnError?.call(window, message, ...rest) ?? false));
  });
  after(() => {
    window.onerror = mochaOnError;
  });
}
