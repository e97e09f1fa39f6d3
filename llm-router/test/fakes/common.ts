/**
 * Shared plumbing of the fake providers: a local Bun server, a log of the requests it got, and a script of
 * failures to serve before answering normally. Each fake speaks its provider's real wire format.
 */

/** A scripted answer that replaces the next normal one. */
export interface Failure {
  status: number;
  /** The provider's error body (each fake has a helper building its own shape). */
  body: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
}

export interface Recorded {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: any;
}

export interface FakeBase {
  readonly url: string;
  readonly requests: Recorded[];
  /** Serves these (in order) instead of the next answers. */
  fail(...failures: Failure[]): void;
  /** Fails every request with this until `recover()`. */
  down(failure: Failure): void;
  recover(): void;
  /** Streamed pieces are this far apart (abort tests). */
  pieceDelayMs: number;
  /** Every normal answer waits this long first. */
  latencyMs: number;
  /** When set, normal answers wait for it (lets a test decide when upstream calls complete). */
  gate: Promise<void> | undefined;
  /** Streams that the client closed before the end. */
  cancelled: number;
  reset(): void;
  stop(): Promise<void>;
}

export type Handler = (req: Recorded, fake: FakeBase) => Response | Promise<Response>;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An SSE response fed by `write` calls spaced by the fake's `pieceDelayMs`; counts client cancellations. */
export function sseStream(fake: FakeBase, events: string[], contentType = 'text/event-stream'): Response {
  const encoder = new TextEncoder();
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      for (const e of events) {
        if (cancelled) return;
        controller.enqueue(encoder.encode(e));
        if (fake.pieceDelayMs) await sleep(fake.pieceDelayMs);
      }
      if (!cancelled) controller.close();
    },
    cancel() {
      cancelled = true;
      fake.cancelled += 1;
    },
  });
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-cache' } });
}

export function startFake(handler: Handler, options: { authorize: (headers: Record<string, string>) => Response | undefined }): FakeBase {
  const script: Failure[] = [];
  let outage: Failure | undefined;
  const fake: FakeBase = {
    url: '',
    requests: [],
    pieceDelayMs: 0,
    latencyMs: 0,
    gate: undefined,
    cancelled: 0,
    fail: (...f) => void script.push(...f),
    down: (f) => void (outage = f),
    recover: () => void (outage = undefined),
    reset() {
      script.length = 0;
      outage = undefined;
      fake.requests.length = 0;
      fake.pieceDelayMs = 0;
      fake.latencyMs = 0;
      fake.gate = undefined;
      fake.cancelled = 0;
    },
    stop: async () => void server.stop(true),
  };
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    idleTimeout: 0,
    async fetch(request) {
      const url = new URL(request.url);
      const headers = Object.fromEntries(request.headers);
      const text = await request.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      const recorded: Recorded = { method: request.method, path: url.pathname + url.search, headers, body };
      fake.requests.push(recorded);
      const refused = options.authorize(headers);
      if (refused) return refused;
      const failure = script.shift() ?? outage;
      if (failure) {
        if (failure.delayMs) await sleep(failure.delayMs);
        return Response.json(failure.body, { status: failure.status, headers: failure.headers });
      }
      if (fake.latencyMs) await sleep(fake.latencyMs);
      if (fake.gate) await fake.gate;
      return handler(recorded, fake);
    },
  });
  (fake as { url: string }).url = `http://127.0.0.1:${server.port}`;
  return fake;
}
