import { expect, test } from 'bun:test';
import { Elysia } from 'elysia';
import { createLogger, listen, MetricsRegistry, routeLabel } from '../src/index.ts';

test('the registry renders counters, gauges and histograms in the Prometheus text format', () => {
  const r = new MetricsRegistry();
  r.constLabels.service = 'svc';
  r.counter('jobs_total', 'Jobs.', ['kind']).inc({ kind: 'a"b' }, 2);
  r.gauge('queue_depth', 'Depth.', [], (g) => g.set(undefined, 7));
  const h = r.histogram('op_seconds', 'Op time.', ['op'], [0.1, 1]);
  h.observe({ op: 'x' }, 0.05);
  h.observe({ op: 'x' }, 0.5);
  h.observe({ op: 'x' }, 5);
  const text = r.render();
  expect(text).toContain('# TYPE jobs_total counter\njobs_total{kind="a\\"b",service="svc"} 2\n');
  expect(text).toContain('queue_depth{service="svc"} 7\n');
  expect(text).toContain('op_seconds_bucket{op="x",service="svc",le="0.1"} 1\n');
  expect(text).toContain('op_seconds_bucket{op="x",service="svc",le="1"} 2\n');
  expect(text).toContain('op_seconds_bucket{op="x",service="svc",le="+Inf"} 3\n');
  expect(text).toContain('op_seconds_count{op="x",service="svc"} 3\n');
  expect(() => r.gauge('jobs_total', 'again')).toThrow();
});

test('route labels keep cardinality low: ids and tokens become :id, words stay', () => {
  expect(routeLabel('/campaigns/0193a6b2-7c4e-7d1a-9f00-1234567890ab/live')).toBe('/campaigns/:id/live');
  expect(routeLabel('/gdpr/exports/AbC123xyzAbC123xyzAbC')).toBe('/gdpr/exports/:id');
  expect(routeLabel('/v1/budgets/user/42')).toBe('/v1/budgets/user/:id');
  expect(routeLabel('/reset-password')).toBe('/reset-password');
  expect(routeLabel('/.well-known/jwks.json')).toBe('/.well-known/jwks.json');
});

test('listen serves /metrics and counts every request by route and status, with a latency histogram', async () => {
  const app = new Elysia()
    .get('/hello/:id', ({ params }) => ({ id: params.id }))
    .get('/boom', ({ set }) => {
      set.status = 503;
      return 'down';
    });
  const state = { ready: false };
  const handle = listen({ app, host: '127.0.0.1', port: 0, logger: createLogger({ service: 't', level: 'silent' }), setReady: (r) => (state.ready = r), close: [] });
  try {
    const base = `http://127.0.0.1:${app.server!.port}`;
    expect(state.ready).toBe(true);
    expect(await (await fetch(`${base}/hello/123`)).json()).toEqual({ id: '123' });
    await fetch(`${base}/hello/456`);
    expect((await fetch(`${base}/boom`)).status).toBe(503);
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await res.text();
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/hello\/:id",status="200"[^}]*\} 2\n/);
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/boom",status="503"[^}]*\} 1\n/);
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/hello\/:id"[^}]*\} 2\n/);
    expect(text).toContain('process_resident_memory_bytes');
  } finally {
    await handle.shutdown('test');
  }
  expect(state.ready).toBe(false);
});

