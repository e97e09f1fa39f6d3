/**
 * The core of the fake Stripe account: objects in Stripe's wire shapes (API version 2026-10-28.endive), the events each
 * change emits, and customers, products, prices, meters, payments, refunds and disputes. model.ts adds checkout,
 * subscriptions and invoices.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = Record<string, any>;

/** An API error in Stripe's shape (`{ error: { type, code, message, param } }`). */
export class FakeStripeError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly extra: { code?: string; param?: string; shouldRetry?: boolean } = {},
  ) {
    super(message);
  }
}

export const missing = (kind: string, id: string, param = 'id') =>
  new FakeStripeError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, { code: 'resource_missing', param });
export const invalid = (message: string, param?: string, code = 'parameter_invalid') => new FakeStripeError(400, 'invalid_request_error', message, { code, param });

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export function newId(prefix: string): string {
  let s = '';
  for (let i = 0; i < 24; i++) s += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return `${prefix}_${s}`;
}

/** Integer a×b÷c rounded half away from zero (Stripe rounds proration amounts to the nearest cent). */
export function mulDivRound(a: number, b: number, c: number): number {
  const sign = Math.sign(a) * Math.sign(b) * Math.sign(c) || 1;
  const n = Math.abs(a * b);
  const d = Math.abs(c);
  return sign * Math.floor((2 * n + d) / (2 * d));
}

/** Adds one billing interval to a unix time (calendar months/years, in UTC). */
export function addInterval(at: number, interval: string, count = 1): number {
  const d = new Date(at * 1000);
  if (interval === 'year') d.setUTCFullYear(d.getUTCFullYear() + count);
  else if (interval === 'month') d.setUTCMonth(d.getUTCMonth() + count);
  else if (interval === 'week') d.setUTCDate(d.getUTCDate() + 7 * count);
  else d.setUTCDate(d.getUTCDate() + count);
  return Math.floor(d.getTime() / 1000);
}

export class FakeStripeCore {
  readonly objects = new Map<string, Obj>();
  readonly events: Obj[] = [];
  readonly meterEvents = new Map<string, Obj>();
  /** Pending invoice items (create_prorations), per customer. */
  readonly pendingItems = new Map<string, Obj[]>();
  private clock: number | null = null;

  constructor(readonly baseUrl: string) {}

  now(): number {
    return this.clock ?? Math.floor(Date.now() / 1000);
  }
  setClock(unix: number | null): void {
    this.clock = unix;
  }

  get(id: string, kind: string, object?: string): Obj {
    const o = this.objects.get(id);
    if (!o || (object && o.object !== object) || o.deleted) throw missing(kind, id);
    return o;
  }
  put<T extends Obj>(o: T): T {
    this.objects.set(o.id, o);
    return o;
  }
  all(object: string): Obj[] {
    return [...this.objects.values()].filter((o) => o.object === object);
  }

  /** Records an event with a snapshot of the object, as Stripe sends it. */
  emit(type: string, object: Obj, previous?: Obj): Obj {
    const event = {
      id: newId('evt'),
      object: 'event',
      api_version: '2026-10-28.endive',
      created: this.now(),
      data: {
        object: Object.fromEntries(Object.entries(structuredClone(object)).filter(([k]) => !k.startsWith('_'))),
        ...(previous ? { previous_attributes: previous } : {}),
      },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    this.events.push(event);
    return event;
  }

  // ---- customers, products, prices, meters -------------------------------------------------------------------

  createCustomer(params: { metadata?: Record<string, string>; email?: string; name?: string }): Obj {
    const c = this.put({
      id: newId('cus'),
      object: 'customer',
      address: null,
      balance: 0,
      created: this.now(),
      currency: null,
      default_source: null,
      delinquent: false,
      description: null,
      email: params.email ?? null,
      invoice_prefix: newId('').slice(1, 9).toUpperCase(),
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      livemode: false,
      metadata: params.metadata ?? {},
      name: params.name ?? null,
      phone: null,
      preferred_locales: [],
      shipping: null,
      tax_exempt: 'none',
      test_clock: null,
    });
    this.emit('customer.created', c);
    return c;
  }

  createProduct(params: { name?: string; metadata?: Record<string, string>; description?: string }): Obj {
    if (!params.name) throw invalid('Missing required param: name.', 'name', 'parameter_missing');
    return this.put({
      id: newId('prod'),
      object: 'product',
      active: true,
      created: this.now(),
      description: params.description ?? null,
      images: [],
      livemode: false,
      metadata: params.metadata ?? {},
      name: params.name,
      type: 'service',
      updated: this.now(),
      url: null,
    });
  }

  createPrice(p: Obj): Obj {
    if (!p.currency) throw invalid('Missing required param: currency.', 'currency', 'parameter_missing');
    if (!p.product || !this.objects.has(p.product)) throw missing('product', String(p.product), 'product');
    if (p.lookup_key && this.all('price').some((x) => x.lookup_key === p.lookup_key && x.active)) {
      throw invalid(`A price (\`${this.all('price').find((x) => x.lookup_key === p.lookup_key)!.id}\`) already uses that lookup key.`, 'lookup_key');
    }
    if (p.recurring?.usage_type === 'metered' && !p.recurring.meter) throw invalid('Metered prices must be attached to a meter.', 'recurring[meter]');
    return this.put({
      id: newId('price'),
      object: 'price',
      active: true,
      billing_scheme: 'per_unit',
      created: this.now(),
      currency: p.currency,
      custom_unit_amount: null,
      livemode: false,
      lookup_key: p.lookup_key ?? null,
      metadata: p.metadata ?? {},
      nickname: p.nickname ?? null,
      product: p.product,
      recurring: p.recurring
        ? { interval: p.recurring.interval, interval_count: 1, meter: p.recurring.meter ?? null, trial_period_days: null, usage_type: p.recurring.usage_type ?? 'licensed' }
        : null,
      tax_behavior: 'unspecified',
      tiers_mode: null,
      transform_quantity: p.transform_quantity ?? null,
      type: p.recurring ? 'recurring' : 'one_time',
      unit_amount: p.unit_amount,
      unit_amount_decimal: String(p.unit_amount),
    });
  }

  createMeter(p: Obj): Obj {
    if (this.all('billing.meter').some((m) => m.event_name === p.event_name && m.status === 'active')) {
      throw invalid(`An active meter with event_name \`${p.event_name}\` already exists.`, 'event_name');
    }
    return this.put({
      id: newId('mtr'),
      object: 'billing.meter',
      created: this.now(),
      customer_mapping: { event_payload_key: p.customer_mapping?.event_payload_key ?? 'stripe_customer_id', type: 'by_id' },
      default_aggregation: { formula: p.default_aggregation?.formula ?? 'sum' },
      display_name: p.display_name,
      event_name: p.event_name,
      event_time_window: null,
      livemode: false,
      status: 'active',
      status_transitions: { deactivated_at: null },
      updated: this.now(),
      value_settings: { event_payload_key: p.value_settings?.event_payload_key ?? 'value' },
    });
  }

  createMeterEvent(p: { event_name?: string; identifier?: string; timestamp?: number; payload: Record<string, string> }): Obj {
    const meter = this.all('billing.meter').find((m) => m.event_name === p.event_name && m.status === 'active');
    if (!meter) throw invalid(`No active meter was found with event_name \`${p.event_name}\`.`, 'event_name');
    const identifier = p.identifier ?? newId('mev');
    if (this.meterEvents.has(identifier)) {
      throw new FakeStripeError(400, 'invalid_request_error', `An event already exists with identifier ${identifier}.`, { param: 'identifier', shouldRetry: false });
    }
    const customer = p.payload[meter.customer_mapping.event_payload_key];
    if (!customer || !this.objects.has(customer)) throw invalid(`No such customer: '${customer}'`, `payload[${meter.customer_mapping.event_payload_key}]`);
    const value = p.payload[meter.value_settings.event_payload_key];
    if (value === undefined || !/^-?\d+(\.\d+)?$/.test(value)) throw invalid('The value must be a number.', `payload[${meter.value_settings.event_payload_key}]`);
    const timestamp = p.timestamp ?? this.now();
    if (timestamp < this.now() - 35 * 86_400 || timestamp > this.now() + 300) {
      throw invalid('Timestamp must be within the past 35 calendar days or up to 5 minutes in the future.', 'timestamp');
    }
    const ev = { object: 'billing.meter_event', created: this.now(), event_name: p.event_name, identifier, livemode: false, payload: p.payload, timestamp };
    this.meterEvents.set(identifier, ev);
    return ev;
  }

  /** Sum of a customer's meter values in [start, end) for one meter. */
  meterSum(meterId: string, customer: string, start: number, end: number): number {
    const meter = this.get(meterId, 'billing meter');
    let sum = 0;
    for (const ev of this.meterEvents.values()) {
      if (ev.event_name !== meter.event_name || ev.payload[meter.customer_mapping.event_payload_key] !== customer) continue;
      if (ev.timestamp >= start && ev.timestamp < end) sum += Number(ev.payload[meter.value_settings.event_payload_key]);
    }
    return sum;
  }

  // ---- payments ---------------------------------------------------------------------------------------------

  /** A PaymentIntent (and its Charge) that succeeded, or failed with a card decline. */
  pay(p: { amount: number; currency: string; customer: string | null; metadata?: Obj; description?: string | null; decline?: boolean }): Obj {
    const pi = this.put({
      id: newId('pi'),
      object: 'payment_intent',
      amount: p.amount,
      amount_capturable: 0,
      amount_received: p.decline ? 0 : p.amount,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: 'automatic_async',
      client_secret: `${newId('pi')}_secret_${newId('x').slice(2, 12)}`,
      confirmation_method: 'automatic',
      created: this.now(),
      currency: p.currency,
      customer: p.customer,
      description: p.description ?? null,
      last_payment_error: null as Obj | null,
      latest_charge: null as string | null,
      livemode: false,
      metadata: p.metadata ?? {},
      next_action: null,
      payment_method: newId('pm'),
      payment_method_types: ['card'],
      status: 'succeeded',
    });
    this.emit('payment_intent.created', { ...pi, status: 'requires_payment_method', amount_received: 0 });
    if (p.decline) {
      pi.status = 'requires_payment_method';
      pi.last_payment_error = { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.', type: 'card_error' };
      this.emit('payment_intent.payment_failed', pi);
      return pi;
    }
    const charge = this.put({
      id: newId('ch'),
      object: 'charge',
      amount: p.amount,
      amount_captured: p.amount,
      amount_refunded: 0,
      captured: true,
      created: this.now(),
      currency: p.currency,
      customer: p.customer,
      description: p.description ?? null,
      disputed: false,
      livemode: false,
      metadata: p.metadata ?? {},
      paid: true,
      payment_intent: pi.id,
      refunded: false,
      status: 'succeeded',
    });
    pi.latest_charge = charge.id;
    this.emit('charge.succeeded', charge);
    this.emit('payment_intent.succeeded', pi);
    return pi;
  }

  createRefund(p: { payment_intent?: string; charge?: string; amount?: number; reason?: string; metadata?: Obj }): Obj {
    const pi = p.payment_intent ? this.get(p.payment_intent, 'payment_intent', 'payment_intent') : null;
    const charge = this.get(p.charge ?? pi?.latest_charge ?? '', 'charge', 'charge');
    if (charge.amount_refunded >= charge.amount) {
      throw new FakeStripeError(400, 'invalid_request_error', `Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded' });
    }
    const remaining = charge.amount - charge.amount_refunded;
    const amount = p.amount ?? remaining;
    if (!Number.isInteger(amount) || amount <= 0) throw invalid('Invalid positive integer', 'amount');
    if (amount > remaining) {
      throw invalid(`Refund amount ($${(amount / 100).toFixed(2)}) is greater than unrefunded amount on charge ($${(remaining / 100).toFixed(2)})`, 'amount', 'amount_too_large');
    }
    const refund = this.put({
      id: newId('re'),
      object: 'refund',
      amount,
      balance_transaction: newId('txn'),
      charge: charge.id,
      created: this.now(),
      currency: charge.currency,
      destination_details: null,
      metadata: p.metadata ?? {},
      payment_intent: charge.payment_intent,
      reason: p.reason ?? null,
      receipt_number: null,
      source_transfer_reversal: null,
      status: 'succeeded',
      transfer_reversal: null,
    });
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded >= charge.amount;
    this.emit('refund.created', refund);
    this.emit('charge.refunded', charge);
    return refund;
  }

  createDispute(paymentIntentId: string): Obj {
    const pi = this.get(paymentIntentId, 'payment_intent', 'payment_intent');
    const charge = this.get(pi.latest_charge, 'charge', 'charge');
    charge.disputed = true;
    const d = this.put({
      id: newId('du'),
      object: 'dispute',
      amount: charge.amount - charge.amount_refunded,
      balance_transactions: [],
      charge: charge.id,
      created: this.now(),
      currency: charge.currency,
      evidence: {},
      evidence_details: { due_by: this.now() + 7 * 86_400, has_evidence: false, past_due: false, submission_count: 0 },
      is_charge_refundable: false,
      livemode: false,
      metadata: {},
      payment_intent: pi.id,
      reason: 'fraudulent',
      status: 'needs_response',
    });
    this.emit('charge.dispute.created', d);
    return d;
  }

  closeDispute(id: string, outcome: 'won' | 'lost'): Obj {
    const d = this.get(id, 'dispute', 'dispute');
    d.status = outcome;
    this.emit('charge.dispute.closed', d);
    return d;
  }
}
