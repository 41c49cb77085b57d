/** The little of a WebSocket the trigger uses: the browser's `WebSocket` and the `ws` package's both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(): void;
}

/** A WebSocket constructor (`globalThis.WebSocket` in browsers and Node 22+, or the `ws` package's). */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** What the trigger needs from its store. */
export interface SubscriptionTriggerSource {
  /** Creates a websocket Subscription for changes to `type` on the server; resolves with its id. */
  subscribe(type: string): Promise<string>;
  /** Deletes a Subscription the trigger created (best effort). */
  unsubscribe(id: string): Promise<void>;
  /** The server announced a change to a subscribed type: poll now. */
  changed(): void;
  /** Setting up failed or the socket closed; polling at its interval goes on. */
  failed(error: unknown): void;
}

const OPEN = 1;

/**
 * FHIR R4 Subscriptions over a websocket as a trigger for the change poller: one Subscription
 * (`criteria: Type?`, channel `websocket`) per watched type, bound on one socket with
 * `bind <id>`; each `ping <id>` the server sends makes the store poll at once, instead of at its
 * next interval. R4 pings carry no content, so the poll still finds what changed.
 */
export class SubscriptionTrigger {
  private socket: WebSocketLike | undefined;
  private opening: Promise<WebSocketLike> | undefined;
  private readonly subscriptions = new Map<string, Promise<string | undefined>>();
  /** Bindings sent and not yet confirmed: Subscription id → what to call on `bound <id>`. */
  private readonly binding = new Map<string, () => void>();
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly WebSocket: WebSocketConstructor,
    private readonly source: SubscriptionTriggerSource,
  ) {}

  /** Makes sure every type in `types` has a bound Subscription (the ones it already has stay). */
  sync(types: readonly string[]): void {
    for (const type of types) {
      if (this.subscriptions.has(type)) continue;
      const bound = this.bind(type).catch((error: unknown) => {
        this.source.failed(error);
        return undefined;
      });
      this.subscriptions.set(type, bound);
    }
  }

  /** Resolves when every Subscription asked for so far is bound (or has failed). */
  async ready(): Promise<void> {
    await Promise.all(this.subscriptions.values());
  }

  private open(): Promise<WebSocketLike> {
    this.opening ??= new Promise<WebSocketLike>((resolve, reject) => {
      const socket = new this.WebSocket(this.url);
      socket.onopen = () => resolve(socket);
      socket.onerror = (event) => reject(new Error(`the Subscription websocket ${this.url} failed to open`, { cause: event }));
      socket.onmessage = (event) => {
        const text = typeof event.data === 'string' ? event.data : String(event.data);
        if (text.startsWith('ping ')) this.source.changed();
        else if (text.startsWith('bound ')) this.binding.get(text.slice('bound '.length).trim())?.();
      };
      socket.onclose = () => {
        this.socket = undefined;
        this.opening = undefined;
        if (!this.stopped) this.source.failed(new Error('the Subscription websocket closed; changes are found by polling'));
      };
      this.socket = socket;
    });
    return this.opening;
  }

  private async bind(type: string): Promise<string> {
    const id = await this.source.subscribe(type);
    if (this.stopped) return id; // stop() deletes it
    const socket = await this.open();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.binding.delete(id);
        reject(new Error(`the server did not confirm the binding of Subscription ${id}`));
      }, 5000);
      this.binding.set(id, () => {
        clearTimeout(timer);
        this.binding.delete(id);
        resolve();
      });
      socket.send(`bind ${id}`);
    });
    return id;
  }

  /** Closes the socket and deletes the Subscriptions it created. */
  async stop(): Promise<void> {
    this.stopped = true;
    const ids = await Promise.all(this.subscriptions.values());
    this.subscriptions.clear();
    if (this.socket?.readyState === OPEN) this.socket.close();
    this.socket = undefined;
    this.opening = undefined;
    await Promise.all(ids.filter((id): id is string => id !== undefined).map((id) => this.source.unsubscribe(id).catch(() => undefined)));
  }
}
