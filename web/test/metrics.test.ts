/**
 * The web server's Prometheus endpoint, served as main.ts serves it (kit's `serveApp`): request rate, status and
 * latency by route, and the `/graphql` proxy's failures by reason (gateway unreachable, too slow, answering 5xx).
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'bun';
import { createLogger, serveApp } from '@startales/kit';
import { createWebServer } from '../src/server/app.ts';
import { createSupportDesk } from '../src/server/support.ts';

const logger = createLogger({ service: 'web-test', level: 'silent' });
const dir = mkdtempSync(join(tmpdir(), 'web-metrics-'));
let gateway: Server<undefined>;
let gatewayMode: 'ok' | 'fail' | 'slow' = 'ok';
let base: string;
let stopWeb: () => Promise<void>;

beforeAll(async () => {
  gateway = Bun.serve({
    port: 0,
    async fetch() {
      if (gatewayMode === 'slow') await Bun.sleep(1000);
      if (gatewayMode === 'fail') return Response.json({ errors: [{ message: 'boom' }] }, { status: 503 });
      return Response.json({ data: { ok: true } });
    },
  });
  const { app, state } = createWebServer({
    distDir: dir,
    template: '<html><!--app-head--><div id="root"><!--app-html--></div><!--app-data--></html>',
    gatewayUrl: `http://127.0.0.1:${gateway.port}/graphql`,
    gatewayTimeoutMs: 300,
    gamehostUrl: 'http://127.0.0.1:1',
    publicUrl: 'https://startales.test',
    support: createSupportDesk({ dataDir: dir, logger }),
    logger,
    builtAt: new Date(),
  });
  serveApp(app, { hostname: '127.0.0.1', port: 0 });
  state.ready = true;
  base = `http://127.0.0.1:${app.server!.port}`;
  stopWeb = async () => void (await app.stop());
});

afterAll(async () => {
  await stopWeb?.();
  gateway?.stop(true);
  rmSync(dir, { recursive: true, force: true });
});

/** The exposition text, without the `service` label (main.ts names the service; this test process may not). */
const scrape = async () => {
  const res = await fetch(`${base}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return (await res.text()).replace(/,service="[^"]*"\}/g, '}').replace(/\{service="[^"]*"\}/g, '');
};
/** The value of one series (0 when absent). */
const value = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};
const gql = (body = '{"query":"{ ok }"}') => fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
const requests = (status: number) => `http_requests_total{method="POST",route="/graphql",status="${status}"}`;
const proxyErrors = (reason: string) => `web_gateway_proxy_errors_total{reason="${reason}"}`;

test('/metrics counts proxied requests by status, with a latency histogram by route', async () => {
  const before = await scrape();
  gatewayMode = 'ok';
  for (let i = 0; i < 3; i++) expect((await gql()).status).toBe(200);
  expect((await fetch(`${base}/robots.txt`)).status).toBe(200);
  const after = await scrape();
  expect(value(after, requests(200)) - value(before, requests(200))).toBe(3);
  expect(value(after, 'http_request_duration_seconds_count{method="POST",route="/graphql"}') - value(before, 'http_request_duration_seconds_count{method="POST",route="/graphql"}')).toBe(3);
  expect(after).toContain('http_request_duration_seconds_bucket{method="POST",route="/graphql",le="0.005"}');
  expect(value(after, 'http_requests_total{method="GET",route="/robots.txt",status="200"}')).toBeGreaterThanOrEqual(1);
  // the scrape itself is not a request of the app
  expect(after).not.toContain('route="/metrics"');
});

test('gateway failures are counted by reason: upstream 5xx, timeout, unreachable', async () => {
  const before = await scrape();
  gatewayMode = 'fail';
  expect((await gql()).status).toBe(503);
  gatewayMode = 'slow';
  const slow = await gql();
  expect(slow.status).toBe(504);
  expect(((await slow.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
  gatewayMode = 'ok';
  gateway.stop(true);
  expect((await gql()).status).toBe(502);
  const after = await scrape();
  for (const reason of ['upstream_5xx', 'timeout', 'unreachable']) expect(value(after, proxyErrors(reason)) - value(before, proxyErrors(reason))).toBe(1);
  for (const status of [502, 503, 504]) expect(value(after, requests(status)) - value(before, requests(status))).toBe(1);
});
