import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Whether the browser says it is offline (`navigator.onLine`), kept current by the window's
 * `online` and `offline` events while the host is connected; the host updates on each change, and
 * `onBackOnline` runs when the network returns (the data widgets reload then).
 */
export class OnlineController implements ReactiveController {
  /** True while the browser reports no network. */
  offline = typeof navigator !== 'undefined' && navigator.onLine === false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onBackOnline: () => void,
  ) {
    host.addController(this);
  }

  private readonly handleOnline = () => {
    this.offline = false;
    this.host.requestUpdate();
    this.onBackOnline();
  };

  private readonly handleOffline = () => {
    this.offline = true;
    this.host.requestUpdate();
  };

  hostConnected(): void {
    this.offline = navigator.onLine === false;
    window.addEventListener('online', this.handleOnline);
    window.addEventListener('offline', this.handleOffline);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.handleOnline);
    window.removeEventListener('offline', this.handleOffline);
  }
}
