/**
 * A local fake of the Stripe API for tests: Bun.serve on a free port, speaking Stripe's wire format (form-encoded
 * requests, JSON objects and error bodies, `Request-Id`, Idempotency-Key replay with `Idempotent-Replayed`), driven
 * through the official stripe-node client pointed at it with host/port/protocol. Test controls play the customer's
 * part (paying a checkout, a dispute, a renewal) and collect the events Stripe would send, which `signEvent` signs
 * with `stripe.webhooks.generateTestHeaderString`.
 */
import { parseForm, read, type Form, type FormValue } from './form.ts';
import { FakeStripeAccount, FakeStripeError, invalid, newId, type Obj } from './model.ts';
import { signPayload } from './signing.ts';

export { FakeStripeAccount } from './model.ts';

/** One request as the fake saw it (for assertions on Idempotency-Keys and retries). */
export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  params: Form;
  replayed: boolean;
}

/** A fault for matching requests: answer late (after doing the work, like a timeout), or fail with 500 first. */
export interface Fault {
  method: string;
  path: RegExp;
  kind: 'delay' | 'error500';
  ms?: number;
  times: number;
}

export interface FakeStripe {
  url: string;
  host: string;
  port: number;
  secretKey: string;
  webhookSecret: string;
  account: FakeStripeAccount;
  requests: RecordedRequest[];
  /** Makes the next `times` matching requests fail or answer late. */
  fault(fault: Omit<Fault, 'times'> & { times?: number }): void;
  /** Events emitted since the last call (in emission order). */
  takeEvents(): Obj[];
  /** The JSON body and `Stripe-Signature` header Stripe would POST for `event`. */
  signEvent(event: Obj, options?: { timestamp?: number; secret?: string }): { body: string; signature: string };
  stop(): Promise<void>;
}

const reqId = () => newId('req');
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'request-id': reqId(), 'stripe-version': '2026-10-28.endive', ...headers } });
const errorResponse = (e: FakeStripeError) =>
  json(
    e.status,
    {
      error: {
        type: e.type,
        message: e.message,
        ...(e.extra.code ? { code: e.extra.code } : {}),
        ...(e.extra.param ? { param: e.extra.param } : {}),
        ...(e.extra.code ? { doc_url: `https://stripe.com/docs/error-codes/${e.extra.code.replace(/_/g, '-')}` } : {}),
        request_log_url: `https://dashboard.stripe.com/test/logs/${reqId()}`,
      },
    },
    e.extra.shouldRetry === false ? { 'stripe-should-retry': 'false' } : {},
  );

/** Coerces the form values the routes read into numbers/booleans where Stripe's schema says so. */
function num(v: FormValue | undefined, param: string): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = read.int(v);
  if (n === undefined) throw invalid(`Invalid integer: ${String(v)}`, param);
  return n;
}
const lineItems = (v: FormValue | undefined) =>
  read.list(v).map((raw, i) => {
    const li = read.obj(raw);
    const pd = read.obj(li.price_data);
    const product = read.obj(pd.product_data);
    return {
      price: read.str(li.price),
      quantity: num(li.quantity, `line_items[${i}][quantity]`),
      price_data: li.price_data
        ? { currency: read.str(pd.currency), unit_amount: num(pd.unit_amount, `line_items[${i}][price_data][unit_amount]`), product_data: { name: read.str(product.name), description: read.str(product.description), metadata: read.metadata(product.metadata) }, recurring: pd.recurring ? { interval: read.str(read.obj(pd.recurring).interval) } : undefined }
        : undefined,
    };
  });
const items = (v: FormValue | undefined) =>
  read.list(v).map((raw, i) => {
    const it = read.obj(raw);
    return { id: read.str(it.id), price: read.str(it.price), quantity: num(it.quantity, `items[${i}][quantity]`), deleted: read.bool(it.deleted) };
  });
const expandOf = (params: Form) => read.list(params.expand).filter((e): e is string => typeof e === 'string');

/** Replaces expandable ids named in `expand` (one level: `latest_charge`, `payment_intent`, …) with their objects. */
function expand(account: FakeStripeAccount, o: Obj, paths: string[]): Obj {
  const out = { ...o };
  for (const p of paths) {
    const [head] = p.split('.');
    if (head && typeof out[head] === 'string' && account.objects.has(out[head])) out[head] = strip(account.objects.get(out[head])!);
  }
  return out;
}
/** Drops the fake's private fields (`_…`) from an object on its way out. */
function strip(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !k.startsWith('_')));
}

type Route = [method: string, pattern: RegExp, run: (m: RegExpMatchArray, params: Form, a: FakeStripeAccount) => Obj];

const ROUTES: Route[] = [
  ['POST', /^\/v1\/customers$/, (_, p, a) => a.createCustomer({ metadata: read.metadata(p.metadata), email: read.str(p.email), name: read.str(p.name) })],
  ['GET', /^\/v1\/customers\/([^/]+)$/, (m, _, a) => a.get(m[1]!, 'customer', 'customer')],
  ['DELETE', /^\/v1\/customers\/([^/]+)$/, (m, _, a) => a.deleteCustomer(m[1]!)],
  ['POST', /^\/v1\/products$/, (_, p, a) => a.createProduct({ name: read.str(p.name), metadata: read.metadata(p.metadata), description: read.str(p.description) })],
  [
    'GET',
    /^\/v1\/prices$/,
    (_, p, a) => {
      const keys = read.list(p.lookup_keys).filter((k): k is string => typeof k === 'string');
      const data = a.all('price').filter((x) => x.active && (keys.length === 0 || keys.includes(x.lookup_key)));
      return { object: 'list', data, has_more: false, url: '/v1/prices' };
    },
  ],
  ['GET', /^\/v1\/prices\/([^/]+)$/, (m, _, a) => a.get(m[1]!, 'price', 'price')],
  [
    'POST',
    /^\/v1\/prices$/,
    (_, p, a) => {
      const rec = p.recurring ? read.obj(p.recurring) : null;
      const tq = p.transform_quantity ? read.obj(p.transform_quantity) : null;
      return a.createPrice({
        currency: read.str(p.currency),
        unit_amount: num(p.unit_amount, 'unit_amount'),
        product: read.str(p.product),
        lookup_key: read.str(p.lookup_key),
        metadata: read.metadata(p.metadata),
        nickname: read.str(p.nickname),
        recurring: rec ? { interval: read.str(rec.interval), usage_type: read.str(rec.usage_type), meter: read.str(rec.meter) } : undefined,
        transform_quantity: tq ? { divide_by: num(tq.divide_by, 'transform_quantity[divide_by]'), round: read.str(tq.round) } : undefined,
      });
    },
  ],
  ['GET', /^\/v1\/billing\/meters$/, (_, p, a) => ({ object: 'list', data: a.all('billing.meter').filter((m) => !p.status || m.status === p.status), has_more: false, url: '/v1/billing/meters' })],
  [
    'POST',
    /^\/v1\/billing\/meters$/,
    (_, p, a) =>
      a.createMeter({
        display_name: read.str(p.display_name),
        event_name: read.str(p.event_name),
        default_aggregation: { formula: read.str(read.obj(p.default_aggregation).formula) },
        customer_mapping: { event_payload_key: read.str(read.obj(p.customer_mapping).event_payload_key) },
        value_settings: { event_payload_key: read.str(read.obj(p.value_settings).event_payload_key) },
      }),
  ],
  ['POST', /^\/v1\/billing\/meter_events$/, (_, p, a) => a.createMeterEvent({ event_name: read.str(p.event_name), identifier: read.str(p.identifier), timestamp: num(p.timestamp, 'timestamp'), payload: read.metadata(p.payload) })],
  [
    'POST',
    /^\/v1\/checkout\/sessions$/,
    (_, p, a) =>
      strip(
        a.createCheckoutSession({
          mode: read.str(p.mode),
          customer: read.str(p.customer),
          client_reference_id: read.str(p.client_reference_id),
          line_items: lineItems(p.line_items),
          metadata: read.metadata(p.metadata),
          success_url: read.str(p.success_url),
          cancel_url: read.str(p.cancel_url),
          expires_at: num(p.expires_at, 'expires_at'),
          payment_intent_data: { metadata: read.metadata(read.obj(p.payment_intent_data).metadata), description: read.str(read.obj(p.payment_intent_data).description) },
          subscription_data: { metadata: read.metadata(read.obj(p.subscription_data).metadata) },
        }),
      ),
  ],
  ['GET', /^\/v1\/checkout\/sessions\/([^/]+)$/, (m, p, a) => expand(a, strip(a.get(m[1]!, 'checkout session', 'checkout.session')), expandOf(p))],
  ['POST', /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/, (m, _, a) => strip(a.expireCheckout(m[1]!))],
  [
    'POST',
    /^\/v1\/billing_portal\/sessions$/,
    (_, p, a) => {
      const customer = a.get(read.str(p.customer) ?? '', 'customer', 'customer');
      const id = newId('bps');
      return { id, object: 'billing_portal.session', configuration: newId('bpc'), created: a.now(), customer: customer.id, flow: null, livemode: false, locale: null, on_behalf_of: null, return_url: read.str(p.return_url) ?? null, url: `${a.baseUrl}/p/session/${id}` };
    },
  ],
  ['GET', /^\/v1\/payment_intents\/([^/]+)$/, (m, p, a) => expand(a, a.get(m[1]!, 'payment_intent', 'payment_intent'), expandOf(p))],
  ['GET', /^\/v1\/charges\/([^/]+)$/, (m, _, a) => a.get(m[1]!, 'charge', 'charge')],
  [
    'POST',
    /^\/v1\/refunds$/,
    (_, p, a) =>
      a.createRefund({ payment_intent: read.str(p.payment_intent), charge: read.str(p.charge), amount: num(p.amount, 'amount'), reason: read.str(p.reason), metadata: read.metadata(p.metadata) }),
  ],
  [
    'GET',
    /^\/v1\/refunds$/,
    (_, p, a) => ({
      object: 'list',
      data: a
        .all('refund')
        .filter((r) => (!p.payment_intent || r.payment_intent === p.payment_intent) && (!p.charge || r.charge === p.charge))
        .sort((x, y) => y.created - x.created),
      has_more: false,
      url: '/v1/refunds',
    }),
  ],
  ['GET', /^\/v1\/refunds\/([^/]+)$/, (m, _, a) => a.get(m[1]!, 'refund', 'refund')],
  ['GET', /^\/v1\/disputes\/([^/]+)$/, (m, _, a) => a.get(m[1]!, 'dispute', 'dispute')],
  [
    'POST',
    /^\/v1\/subscriptions$/,
    (_, p, a) =>
      a.createSubscription({
        customer: read.str(p.customer) ?? '',
        items: items(p.items),
        metadata: read.metadata(p.metadata),
        collection_method: read.str(p.collection_method),
        days_until_due: num(p.days_until_due, 'days_until_due'),
        backdate_start_date: num(p.backdate_start_date, 'backdate_start_date'),
      }),
  ],
  ['GET', /^\/v1\/subscriptions\/([^/]+)$/, (m, _, a) => a.get(m[1]!, 'subscription', 'subscription')],
  [
    'POST',
    /^\/v1\/subscriptions\/([^/]+)$/,
    (m, p, a) =>
      a.updateSubscription(m[1]!, {
        items: items(p.items),
        proration_behavior: read.str(p.proration_behavior),
        proration_date: num(p.proration_date, 'proration_date'),
        cancel_at_period_end: read.bool(p.cancel_at_period_end),
        metadata: p.metadata ? read.metadata(p.metadata) : undefined,
      }),
  ],
  ['DELETE', /^\/v1\/subscriptions\/([^/]+)$/, (m, _, a) => a.cancelSubscription(m[1]!)],
  [
    'POST',
    /^\/v1\/invoices\/create_preview$/,
    (_, p, a) => {
      const d = read.obj(p.subscription_details);
      return a.invoiceView(
        a.previewInvoice({
          customer: read.str(p.customer),
          subscription: read.str(p.subscription),
          subscription_details: { items: items(d.items), proration_behavior: read.str(d.proration_behavior), proration_date: num(d.proration_date, 'subscription_details[proration_date]') },
        }),
        [],
      );
    },
  ],
  ['GET', /^\/v1\/invoices\/([^/]+)\/lines$/, (m, _, a) => a.get(m[1]!, 'invoice', 'invoice').lines],
  ['GET', /^\/v1\/invoices\/([^/]+)$/, (m, p, a) => a.invoiceView(a.get(m[1]!, 'invoice', 'invoice'), expandOf(p))],
  [
    'GET',
    /^\/v1\/invoices$/,
    (_, p, a) => ({
      object: 'list',
      data: a
        .all('invoice')
        .filter((i) => (!p.customer || i.customer === p.customer) && (!p.subscription || i.parent?.subscription_details?.subscription === p.subscription))
        .map((i) => a.invoiceView(i, [])),
      has_more: false,
      url: '/v1/invoices',
    }),
  ],
  ['POST', /^\/v1\/invoices\/([^/]+)\/pay$/, (m, _, a) => a.invoiceView(a.payInvoice(m[1]!), [])],
];

/** Starts the fake on a free loopback port. */
export function startFakeStripe(options: { secretKey?: string; webhookSecret?: string } = {}): FakeStripe {
  const secretKey = options.secretKey ?? `sk_test_${newId('k').slice(2)}`;
  const webhookSecret = options.webhookSecret ?? `whsec_${newId('w').slice(2)}`;
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const idempotent = new Map<string, { fingerprint: string; status: number; body: string }>();
  let eventMark = 0;
  let account!: FakeStripeAccount;

  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      const method = req.method.toUpperCase();
      const path = url.pathname;
      if (req.headers.get('authorization') !== `Bearer ${secretKey}`) {
        return errorResponse(new FakeStripeError(401, 'invalid_request_error', `Invalid API Key provided: ${(req.headers.get('authorization') ?? '').slice(7, 15)}****`));
      }
      const raw = method === 'GET' || method === 'DELETE' ? url.search.slice(1) : await req.text();
      const params = parseForm(raw);
      const sentKey = req.headers.get('idempotency-key');
      // Stripe replays POSTs only; GET and DELETE are idempotent by nature
      const key = method === 'POST' ? sentKey : null;
      const fingerprint = `${method} ${path} ${raw}`;
      const stored = key ? idempotent.get(key) : undefined;
      requests.push({ method, path, idempotencyKey: sentKey, params, replayed: !!stored });
      if (stored) {
        if (stored.fingerprint !== fingerprint) {
          return errorResponse(
            new FakeStripeError(
              400,
              'idempotency_error',
              `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
            ),
          );
        }
        return new Response(stored.body, { status: stored.status, headers: { 'content-type': 'application/json', 'request-id': reqId(), 'idempotent-replayed': 'true', 'original-request': reqId() } });
      }
      const fault = faults.find((f) => f.times > 0 && f.method === method && f.path.test(path));
      if (fault) fault.times--;
      if (fault?.kind === 'error500') {
        return json(500, { error: { type: 'api_error', message: 'An unknown error occurred', request_log_url: `https://dashboard.stripe.com/test/logs/${reqId()}` } });
      }
      let res: Response;
      try {
        const route = ROUTES.find(([m, re]) => m === method && re.test(path));
        if (!route) throw new FakeStripeError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`);
        const body = route[2](path.match(route[1])!, params, account);
        const text = JSON.stringify(strip(body));
        if (key) idempotent.set(key, { fingerprint, status: 200, body: text });
        res = new Response(text, { status: 200, headers: { 'content-type': 'application/json', 'request-id': reqId(), 'stripe-version': '2026-10-28.endive', ...(key ? { 'idempotency-key': key } : {}) } });
      } catch (e) {
        if (!(e instanceof FakeStripeError)) throw e;
        res = errorResponse(e);
      }
      // the work is done; the answer arrives too late (the client times out and retries with the same key)
      if (fault?.kind === 'delay') await Bun.sleep(fault.ms ?? 2000);
      return res;
    },
  });
  const url = `http://127.0.0.1:${server.port}`;
  account = new FakeStripeAccount(url);

  return {
    url,
    host: '127.0.0.1',
    port: server.port!,
    secretKey,
    webhookSecret,
    account,
    requests,
    fault(f) {
      faults.push({ ...f, times: f.times ?? 1 });
    },
    takeEvents() {
      const out = account.events.slice(eventMark);
      eventMark = account.events.length;
      return out;
    },
    signEvent(event, opts = {}) {
      const body = JSON.stringify(event, null, 2);
      return { body, signature: signPayload(body, opts.secret ?? webhookSecret, opts.timestamp) };
    },
    async stop() {
      await server.stop(true);
    },
  };
}
