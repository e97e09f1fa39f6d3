/**
 * A small closed-loop HTTP/1.1 load generator on raw keep-alive TCP sockets (Bun.connect): `concurrency`
 * connections, each sending its next request as soon as the previous response is complete. Latency is measured
 * per request with performance.now() (µs resolution), from the write of the request to the last byte of the
 * response (the end of the stream for SSE). It parses Content-Length and chunked framing only, which is all the
 * three servers under test send. Bounded: it stops at `durationMs` or `maxRequests`, whichever comes first.
 */
import type { Socket } from 'bun';

export interface Target {
  host: string;
  port: number;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadOptions {
  target: Target;
  concurrency: number;
  durationMs: number;
  maxRequests?: number;
  /** Checks the first complete response's body (e.g. it has a usage with a cost); throws to fail the run. */
  check?: (status: number, body: string) => void;
}

export interface LoadResult {
  /** Latencies in ms of the requests completed in the window. */
  latencies: Float64Array;
  completed: number;
  errors: number;
  elapsedMs: number;
  rps: number;
}

/** The raw bytes of one request (built once per run; every request of a run is identical). */
export function requestBytes(t: Target): Uint8Array {
  const body = Buffer.from(t.body);
  const head = [`POST ${t.path} HTTP/1.1`, `host: ${t.host}:${t.port}`, 'connection: keep-alive', 'content-type: application/json', `content-length: ${body.length}`];
  for (const [k, v] of Object.entries(t.headers)) head.push(`${k}: ${v}`);
  return Buffer.concat([Buffer.from(head.join('\r\n') + '\r\n\r\n'), body]);
}

const CRLFCRLF = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

/** Incremental response parser: feed bytes, get called back per complete response. */
class ResponseParser {
  private buf: Buffer = Buffer.alloc(0);
  private phase: 'head' | 'length' | 'chunked' = 'head';
  private need = 0;
  private status = 0;
  private keepBody = false;
  private body: Buffer[] = [];

  constructor(private readonly onResponse: (status: number, body: string | undefined) => void) {}

  /** Keep the body of the next response (for the one-off check). */
  capture() {
    this.keepBody = true;
  }

  feed(chunk: Buffer) {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (;;) {
      if (this.phase === 'head') {
        const end = this.buf.indexOf(CRLFCRLF);
        if (end < 0) return;
        const head = this.buf.subarray(0, end).toString('latin1');
        this.buf = this.buf.subarray(end + 4);
        this.status = Number(head.slice(9, 12));
        const lower = head.toLowerCase();
        const cl = /\r\ncontent-length:\s*(\d+)/.exec(lower);
        if (cl) {
          this.phase = 'length';
          this.need = Number(cl[1]);
        } else if (/\r\ntransfer-encoding:\s*chunked/.test(lower)) {
          this.phase = 'chunked';
          this.need = -1;
        } else throw new Error(`response without length: ${head}`);
      }
      if (this.phase === 'length') {
        if (this.buf.length < this.need) return;
        if (this.keepBody) this.body.push(this.buf.subarray(0, this.need));
        this.buf = this.buf.subarray(this.need);
        this.done();
        continue;
      }
      // chunked: `need` = -1 while reading a size line, else bytes of data + CRLF still to skip
      if (this.need < 0) {
        const eol = this.buf.indexOf(CRLF);
        if (eol < 0) return;
        const size = parseInt(this.buf.subarray(0, eol).toString('latin1'), 16);
        this.buf = this.buf.subarray(eol + 2);
        if (size === 0) {
          // no trailers are sent: the last chunk is followed by one CRLF
          this.need = -2;
        } else this.need = size + 2;
      }
      if (this.need === -2) {
        if (this.buf.length < 2) return;
        this.buf = this.buf.subarray(2);
        this.done();
        continue;
      }
      if (this.buf.length < this.need) return;
      if (this.keepBody) this.body.push(this.buf.subarray(0, this.need - 2));
      this.buf = this.buf.subarray(this.need);
      this.need = -1;
    }
  }

  private done() {
    const body = this.keepBody ? Buffer.concat(this.body).toString('utf8') : undefined;
    this.keepBody = false;
    this.body = [];
    this.phase = 'head';
    this.onResponse(this.status, body);
  }
}

/** Runs one closed-loop load against `target`. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { target, concurrency } = options;
  const bytes = requestBytes(target);
  const max = options.maxRequests ?? 5_000_000;
  const latencies = new Float64Array(Math.min(max, 5_000_000));
  let completed = 0;
  let errors = 0;
  let issued = 0;
  let checked = !options.check;
  let failure: Error | undefined;
  let open = 0;
  let finish!: () => void;
  const finished = new Promise<void>((r) => (finish = r));
  let deadline = Infinity;
  const start = performance.now();
  deadline = start + options.durationMs;

  const connect = async () => {
    let sentAt = 0;
    let inFlight = false;
    let sock: Socket | undefined;
    const parser = new ResponseParser((status, body) => {
      const now = performance.now();
      inFlight = false;
      if (status !== 200) errors++;
      if (completed < latencies.length) latencies[completed] = now - sentAt;
      completed++;
      if (body !== undefined && options.check) {
        try {
          options.check(status, body);
        } catch (error) {
          failure = error as Error;
        }
      }
      send();
    });
    const send = () => {
      if (failure || issued >= max || performance.now() >= deadline) {
        sock?.end();
        return;
      }
      issued++;
      if (!checked) {
        checked = true;
        parser.capture();
      }
      inFlight = true;
      sentAt = performance.now();
      const written = sock!.write(bytes);
      if (written !== bytes.length) throw new Error(`short write (${written} of ${bytes.length})`);
    };
    open++;
    sock = await Bun.connect({
      hostname: target.host,
      port: target.port,
      socket: {
        data(_s, data) {
          try {
            parser.feed(data as Buffer);
          } catch (error) {
            failure = error as Error;
            _s.end();
          }
        },
        close() {
          if (inFlight) failure ??= new Error(`${target.host}:${target.port} closed a connection with a request in flight`);
          if (--open === 0) finish();
        },
        error(_s, error) {
          failure ??= error;
        },
      },
    });
    sock.setNoDelay?.(true);
    send();
  };
  await Promise.all(Array.from({ length: concurrency }, connect));
  await finished;
  const elapsedMs = performance.now() - start;
  if (failure) throw failure;
  const n = Math.min(completed, latencies.length);
  return { latencies: latencies.subarray(0, n), completed, errors, elapsedMs, rps: (completed / elapsedMs) * 1000 };
}

/** The `q`-quantile (0..1) of `values` (sorted in place). */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
