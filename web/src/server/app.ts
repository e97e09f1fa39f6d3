import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { Elysia } from 'elysia';
import { ErrorCode } from '@startales/contracts';
import { health, metrics, type Logger } from '@startales/kit';
import { PricingMatrixDocument } from '../app/operations/public.ts';
import type { PublicData } from '../app/pages/public/data.ts';
import { renderPage } from './render.tsx';
import { robotsTxt, sitemapXml } from './seo.ts';
import { parseTicket, createRateLimit, TicketValidationError, type SupportDesk } from './support.ts';
import { createLiveRelay } from './live-proxy.ts';

export interface WebDeps {
  distDir: string;
  /** dist/index.html as built. */
  template: string;
  gatewayUrl: string;
  gatewayTimeoutMs: number;
  gamehostUrl: string;
  publicUrl: string;
  support: SupportDesk;
  logger: Logger;
  /** When the app was built (sitemap lastmod). */
  builtAt: Date;
  fetch?: typeof fetch;
  /** How long the public pages' prices are reused (default 5 minutes). */
  publicDataTtlMs?: number;
}

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; connect-src 'self' ws: wss:; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

const proxyErrors = metrics.counter('web_gateway_proxy_errors_total', 'Proxied /graphql requests the gateway did not serve, by reason (timeout, unreachable, upstream_5xx).', ['reason']);

/** Request headers passed to the gateway (nothing else crosses). */
const FORWARD = ['content-type', 'accept', 'authorization', 'accept-language', 'x-request-id', 'x-graphql-client-name', 'apollo-require-preflight'];

const gqlError = (status: number, message: string, code: string) =>
  new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), { status, headers: { 'content-type': 'application/json' } });

/**
 * The web server: the built app (public pages rendered on the server), `/graphql` proxied to the gateway and
 * `/campaigns/<id>/live` to gamehost so the browser stays same-origin, sitemap.xml and robots.txt, support tickets,
 * and health probes. Reads no env and opens no socket.
 */
export function createWebServer(deps: WebDeps) {
  const doFetch = deps.fetch ?? fetch;
  const state = { ready: false };
  const relay = createLiveRelay({ gamehostUrl: deps.gamehostUrl, logger: deps.logger, fetch: doFetch });
  const ticketLimit = createRateLimit();
  let cache: { data: PublicData; expires: number } | null = null;
  let inflight: Promise<PublicData> | null = null;

  /** Prices for the public pages, from billing through the gateway (cached; a failure is cached briefly). */
  const publicData = (): Promise<PublicData> => {
    if (cache && cache.expires > Date.now()) return Promise.resolve(cache.data);
    inflight ??= (async () => {
      let data: PublicData;
      try {
        const res = await doFetch(deps.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ query: PricingMatrixDocument.toString(), operationName: 'PricingMatrix' }),
          signal: AbortSignal.timeout(1500),
        });
        const body = (await res.json()) as { data?: PublicData['pricing']; errors?: Array<{ message: string }> };
        data = body.data ? { pricing: body.data } : { pricing: null, pricingError: body.errors?.[0]?.message ?? `gateway answered ${res.status}` };
      } catch (error) {
        data = { pricing: null, pricingError: 'billing could not be reached' };
        deps.logger.warn('public prices unavailable', { error });
      }
      cache = { data, expires: Date.now() + (data.pricing ? (deps.publicDataTtlMs ?? 300_000) : 30_000) };
      return data;
    })().finally(() => (inflight = null));
    return inflight;
  };

  const proxyGraphql = async (request: Request): Promise<Response> => {
    const headers = new Headers();
    for (const name of FORWARD) {
      const v = request.headers.get(name);
      if (v) headers.set(name, v);
    }
    if (!headers.has('x-request-id')) headers.set('x-request-id', crypto.randomUUID());
    const url = new URL(deps.gatewayUrl);
    url.search = new URL(request.url).search;
    try {
      const res = await doFetch(url, {
        method: request.method,
        headers,
        body: request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer(),
        signal: AbortSignal.timeout(deps.gatewayTimeoutMs),
      });
      if (res.status >= 500) proxyErrors.inc({ reason: 'upstream_5xx' });
      const out = new Headers({ 'cache-control': 'no-store' });
      for (const name of ['content-type', 'retry-after', 'x-request-id']) {
        const v = res.headers.get(name);
        if (v) out.set(name, v);
      }
      return new Response(res.body, { status: res.status, headers: out });
    } catch (error) {
      const timeout = (error as Error).name === 'TimeoutError';
      proxyErrors.inc({ reason: timeout ? 'timeout' : 'unreachable' });
      deps.logger.warn('gateway unreachable', { error, timeout });
      return gqlError(timeout ? 504 : 502, timeout ? 'The API took too long to answer.' : 'The API cannot be reached right now.', ErrorCode.SERVICE_UNAVAILABLE);
    }
  };

  /** A file from dist/ (never outside it); hashed assets are cached for a year. */
  const staticFile = (pathname: string): Response | null => {
    const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    if (!rel || rel === 'index.html' || rel.startsWith('..')) return null;
    const full = join(deps.distDir, rel);
    if (!full.startsWith(deps.distDir + sep) || !existsSync(full) || !statSync(full).isFile()) return null;
    const immutable = rel.startsWith(`assets${sep}`);
    return new Response(Bun.file(full), { headers: { 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600', 'x-content-type-options': 'nosniff' } });
  };

  const app = new Elysia({ name: '@startales/web', websocket: { idleTimeout: 120, perMessageDeflate: false } })
    .use(health({ isReady: () => state.ready }))
    .post('/graphql', ({ request }) => proxyGraphql(request), { parse: 'none' })
    .get('/graphql', ({ request }) => proxyGraphql(request))
    .options('/graphql', () => new Response(null, { status: 204 }))
    .post(
      '/api/support/tickets',
      async ({ request, server }) => {
        const ip = server?.requestIP(request)?.address ?? 'unknown';
        const raw = await request.text();
        if (raw.length > 20_000) return Response.json({ message: 'The message is too long.' }, { status: 413 });
        let body: unknown;
        try {
          body = JSON.parse(raw);
        } catch {
          return Response.json({ message: 'Send the form as JSON.' }, { status: 400 });
        }
        // bots fill the hidden field: answer as if accepted, keep nothing
        if (body && typeof body === 'object' && typeof (body as { website?: unknown }).website === 'string' && (body as { website: string }).website.trim()) {
          return Response.json({ id: 'ST-RECEIVED', status: 'stored' }, { status: 201 });
        }
        if (!ticketLimit(ip)) return Response.json({ message: 'Too many messages from your network. Try again in a few minutes.' }, { status: 429, headers: { 'retry-after': '600' } });
        try {
          const ticket = await deps.support.create(parseTicket(body), { userAgent: request.headers.get('user-agent') });
          deps.logger.info('support ticket created', { ticket: ticket.id, topic: ticket.topic, status: ticket.status });
          return Response.json({ id: ticket.id, status: ticket.status }, { status: 201 });
        } catch (error) {
          if (error instanceof TicketValidationError) return Response.json({ message: error.message, fields: error.fields }, { status: 422 });
          throw error;
        }
      },
      { parse: 'none' },
    )
    .get('/sitemap.xml', () => new Response(sitemapXml(deps.publicUrl, deps.builtAt.toISOString().slice(0, 10)), { headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' } }))
    .get('/robots.txt', () => new Response(robotsTxt(deps.publicUrl), { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=3600' } }))
    .ws('/campaigns/:id/live', {
      open(ws) {
        const search = new URL(ws.data.request.url).search;
        void relay.open(ws.raw, ws, ws.data.params.id, search);
      },
      message(ws, message) {
        relay.message(ws.raw, typeof message === 'string' ? message : JSON.stringify(message));
      },
      close(ws) {
        relay.close(ws.raw);
      },
    })
    .get('/*', async ({ request }) => {
      const { pathname } = new URL(request.url);
      const file = staticFile(pathname);
      if (file) return file;
      if (pathname.startsWith('/assets/') || pathname.startsWith('/api/')) return new Response('Not found', { status: 404 });
      const data = pathname === '/' || pathname === '/pricing' ? await publicData() : null;
      const html = renderPage(deps.template, pathname, data, deps.publicUrl);
      return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', ...SECURITY_HEADERS } });
    });
  return { app, state, publicData };
}
