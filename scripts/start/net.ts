import { createConnection, createServer } from 'node:net';

/** True when something accepts a TCP connection on host:port within `timeoutMs`. */
export function isPortOpen(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A port the OS considers free right now on host. */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls `check` every `intervalMs` until it returns true; false once `timeoutMs` passed or `abort` resolved. */
export async function poll(
  check: () => Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number; abort?: Promise<unknown> },
): Promise<boolean> {
  let aborted = false;
  void options.abort?.then(() => (aborted = true));
  const deadline = Date.now() + options.timeoutMs;
  while (!aborted && Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await Bun.sleep(options.intervalMs ?? 200);
  }
  return false;
}

/** True when GET url answers 2xx. */
export async function isHttpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  await res.body?.cancel();
  return res.ok;
}
